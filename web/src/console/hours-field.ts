// The opening-hours field: typed as OSM or as clerks write it in Chinese, and shown
// before saving as the stored OSM value, a plain reading, warnings with one-click
// fixes and the next 7 days (today marked, holidays and make-up days named), all
// from GET /api/v1/opening-hours. Also the make-up-day checkbox it depends on.
import { beijingDate } from '#core';
import { previewHours } from '../api/console';
import { ApiError } from '../api/problem';
import type { HoursPreview } from '../api/types';
import { fill, lang } from '../i18n';
import { t } from '../i18n/console';
import { el, replace, uid } from './dom';

/** Wait this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 300;
const WEEKDAYS = {
  zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** The day's open hours from the preview's intervals, e.g. "8:00–18:00" or "休息". */
function hoursOn(date: string, preview: HoursPreview): string {
  const spans = preview.intervals.filter(
    (i) =>
      i.from.slice(0, 10) === date ||
      (i.from.slice(0, 10) < date && i.to.slice(0, 10) >= date && i.to.slice(11, 16) !== '00:00'),
  );
  if (!spans.length) return t().hours_closed_day;
  const time = (iso: string, day: string) =>
    iso.slice(0, 10) > day
      ? iso.slice(11, 16) === '00:00'
        ? '24:00'
        : `${t().hours_next_day}${iso.slice(11, 16)}`
      : iso.slice(11, 16);
  return spans
    .map((i) => {
      const from = i.from.slice(0, 10) < date ? '00:00' : i.from.slice(11, 16);
      return `${from}–${time(i.to, date)}${i.unknown ? ` ${t().hours_unknown_mark}` : ''}`;
    })
    .join('，');
}

function weekTable(preview: HoursPreview): HTMLElement {
  const today = beijingDate();
  return el(
    'table',
    { class: 'hours-week' },
    el('caption', {}, t().hours_week),
    el(
      'tbody',
      {},
      ...preview.days.map((d) => {
        const weekday = WEEKDAYS[lang()][new Date(`${d.date}T00:00:00Z`).getUTCDay()]!;
        const notes = [
          d.date === today ? el('span', { class: 'badge today' }, t().hours_today) : null,
          d.holiday ? el('span', { class: 'badge holiday' }, d.holiday) : null,
          d.makeup_workday ? el('span', { class: 'badge makeup' }, t().hours_makeup_day) : null,
          d.calendar === 'statutory' && d.holiday ? el('span', { class: 'badge warn' }, t().hours_statutory) : null,
        ];
        return el(
          'tr',
          { 'data-date': d.date, class: d.date === today ? 'today' : null },
          el('th', { scope: 'row' }, `${d.date.slice(5)} ${weekday}`),
          el('td', {}, hoursOn(d.date, preview)),
          el('td', {}, ...notes),
        );
      }),
    ),
  );
}

export function hoursField(initial: string, follows: boolean) {
  const id = uid('f-opening_hours');
  const control = el('input', {
    id,
    name: 'opening_hours',
    type: 'text',
    autocomplete: 'off',
    'aria-describedby': `${id}-hint ${id}-preview`,
  });
  control.value = initial;
  const hint = el('p', { class: 'hint', id: `${id}-hint` }, t().hours_hint);
  const preview = el('div', { class: 'hours-preview', id: `${id}-preview`, 'aria-live': 'polite' });
  const error = el('p', { class: 'field-error', id: uid('err-opening_hours'), hidden: true });

  const boxId = uid('f-follows');
  const box = el('input', { id: boxId, type: 'checkbox', name: 'follows_workday_calendar', checked: follows });
  const followsField = el(
    'div',
    { class: 'field check', 'data-field': 'follows_workday_calendar' },
    box,
    el('label', { for: boxId }, t().f_follows_workday_calendar),
    el('p', { class: 'hint' }, t().follows_hint),
  );
  let boxTouched = false;
  box.addEventListener('change', () => {
    boxTouched = true;
    refresh();
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  const show = async () => {
    const value = control.value.trim();
    const mine = ++asked;
    if (!value) {
      replace(preview);
      return;
    }
    try {
      const p = await previewHours(value, box.checked);
      if (mine !== asked) return; // a newer keystroke's answer wins
      const warnings = p.warnings.map((w) => {
        const fix = el('button', { type: 'button', class: 'fix' }, t().hours_fix);
        fix.addEventListener('click', () => {
          control.value = w.fix;
          refresh(0);
          control.focus();
        });
        return el('li', {}, lang() === 'zh' ? w.zh : w.en, ' ', el('code', {}, w.fix), ' ', fix);
      });
      replace(
        preview,
        el('p', { class: 'hours-stored' }, t().hours_stored, ' ', el('code', {}, p.normalized)),
        el('p', { class: 'hours-reading' }, lang() === 'zh' ? p.reading.zh : p.reading.en),
        warnings.length ? el('ul', { class: 'hours-warnings', role: 'alert' }, ...warnings) : null,
        weekTable(p),
      );
    } catch (e) {
      if (mine !== asked) return;
      const param = e instanceof ApiError ? e.invalidParams.find((x) => x.name === 'value') : undefined;
      const reason = param
        ? lang() === 'zh' && param.reason_zh
          ? param.reason_zh
          : param.reason
        : String(e instanceof Error ? e.message : e);
      const where = param?.position !== undefined ? fill(t().hours_at, { n: param.position + 1 }) : '';
      replace(preview, el('p', { class: 'hours-invalid', role: 'alert' }, `${where}${reason}`));
    }
  };
  const refresh = (delay = DEBOUNCE_MS) => {
    clearTimeout(timer);
    timer = setTimeout(() => void show(), delay);
  };
  control.addEventListener('input', () => refresh());
  if (initial) refresh(0);

  const field = el(
    'div',
    { class: 'field', 'data-field': 'opening_hours' },
    el('label', { for: id }, t().f_opening_hours),
    control,
    hint,
    error,
    preview,
  );
  return {
    field,
    followsField,
    control,
    follows: () => box.checked,
    /** A new site's default follows its kind until the user ticks or unticks the box. */
    defaultFollows: (value: boolean) => {
      if (boxTouched || box.checked === value) return;
      box.checked = value;
      refresh(0);
    },
  };
}
