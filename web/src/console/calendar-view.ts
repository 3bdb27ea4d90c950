// Administrators' page: the holiday calendar's coverage, and entering a year's State
// Council arrangement (days off and make-up working days) when it is published:
// previewed (dry run) before it is saved, refused field by field when contradictory.

import { calendarCoverage, holidayYear, saveHolidayYear } from '../api/console';
import { ApiError } from '../api/problem';
import type { HolidayPeriod, HolidayYear } from '../api/types';
import { beijingTime } from '../format';
import { fill } from '../i18n';
import { t } from '../i18n/console';
import { errorText, type ViewContext } from './context';
import { el, replace } from './dom';
import { clearFieldErrors, showFieldErrors, textField } from './fields';

const statusText = (status: 'official' | 'statutory' | 'none') =>
  t()[
    status === 'official'
      ? 'calendar_status_official'
      : status === 'statutory'
        ? 'calendar_status_statutory'
        : 'calendar_status_none'
  ];

function periodRow(p: HolidayPeriod, index: number, onRemove: (row: HTMLElement) => void) {
  const name = textField(`periods[${index}].name`, t().calendar_name, p.name);
  const from = textField(`periods[${index}].from`, t().calendar_from, p.from, { type: 'date' });
  const to = textField(`periods[${index}].to`, t().calendar_to, p.to, { type: 'date' });
  const workdays = textField(`periods[${index}].workdays`, t().calendar_workdays, p.workdays.join(', '), {
    autocomplete: 'off',
  });
  const remove = el('button', { type: 'button', class: 'danger' }, t().calendar_remove);
  const row = el(
    'fieldset',
    { class: 'holiday-period' },
    el('legend', {}, `${t().calendar_period} ${index + 1}`),
    name.field,
    from.field,
    to.field,
    workdays.field,
    remove,
  );
  remove.addEventListener('click', () => onRemove(row));
  const value = (): HolidayPeriod => ({
    name: name.control.value.trim(),
    en: p.en,
    from: from.control.value,
    to: to.control.value,
    workdays: workdays.control.value
      .split(/[,，、;；\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  });
  return { row, value };
}

function daysList(view: HolidayYear): HTMLElement {
  return el(
    'ul',
    { class: 'calendar-days' },
    ...view.days.map((d) =>
      el(
        'li',
        { 'data-date': d.date },
        d.date,
        ' ',
        d.makeup_workday
          ? el('span', { class: 'badge makeup' }, t().hours_makeup_day)
          : el('span', { class: 'badge holiday' }, d.holiday ?? ''),
      ),
    ),
  );
}

export async function calendarView(ctx: ViewContext): Promise<void> {
  replace(ctx.main, el('p', {}, t().loading));
  try {
    const coverage = await calendarCoverage();
    // Next year when it is due (or not yet official), else this year.
    const next = coverage.years[1]!;
    const year = next.status !== 'official' ? next.year : coverage.years[0]!.year;
    await draw(ctx, year, coverage.years);
  } catch (error) {
    replace(ctx.main, el('p', { role: 'alert' }, errorText(error)));
    ctx.fail(error);
  }
}

async function draw(
  ctx: ViewContext,
  year: number,
  years: { year: number; status: 'official' | 'statutory' | 'none' }[],
): Promise<void> {
  const view = await holidayYear(year);
  const yearPicker = el(
    'select',
    { id: 'calendar-year' },
    ...years.map((y) => el('option', { value: String(y.year), selected: y.year === year }, String(y.year))),
  );
  yearPicker.addEventListener('change', () => void draw(ctx, Number(yearPicker.value), years));

  const source = textField(
    'source',
    t().calendar_source,
    view.entered || view.calendar === 'official' ? (view.source ?? '') : '',
  );
  const rows: ReturnType<typeof periodRow>[] = [];
  const list = el('div', { class: 'holiday-periods' });
  const add = (p: HolidayPeriod) => {
    const r = periodRow(p, rows.length, (node) => {
      rows.splice(
        rows.findIndex((x) => x.row === node),
        1,
      );
      node.remove();
    });
    rows.push(r);
    list.append(r.row);
  };
  // Start from what is known: the official arrangement, or the statutory days to adjust.
  for (const p of view.periods) add(p);
  const addButton = el('button', { type: 'button' }, t().calendar_add);
  addButton.addEventListener('click', () =>
    add({ name: '', en: '', from: `${year}-01-01`, to: `${year}-01-01`, workdays: [] }),
  );

  const message = el('div', { class: 'form-message', role: 'alert' });
  const preview = el('section', { class: 'calendar-preview', 'aria-live': 'polite' });
  const previewButton = el('button', { type: 'button' }, t().calendar_preview);
  const saveButton = el('button', { type: 'submit', class: 'primary' }, t().calendar_save);
  const form = el(
    'form',
    { class: 'calendar-form', novalidate: true },
    source.field,
    list,
    addButton,
    message,
    el('div', { class: 'buttons' }, previewButton, saveButton),
  );

  const send = async (dryRun: boolean) => {
    clearFieldErrors(form);
    message.textContent = '';
    const body = {
      source: source.control.value.trim(),
      periods: rows.map((r) => r.value()),
      ...(view.entered ? { version: view.entered.version } : {}),
    };
    try {
      const answer = await saveHolidayYear(year, body, dryRun);
      if (dryRun) replace(preview, el('h3', {}, t().calendar_preview_title), daysList(answer));
      else {
        ctx.announce(fill(t().calendar_saved, { year }));
        const coverage = await calendarCoverage();
        await draw(ctx, year, coverage.years);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        // The server names periods[1].workdays[0]; the form's fields are per period.
        const unplaced = showFieldErrors(
          form,
          error.invalidParams.map((p) => ({ name: p.name.replace(/(\.workdays)\[\d+\]$/, '$1'), reason: p.reason })),
        );
        replace(message, el('p', {}, t().fix_fields), ...unplaced.map((u) => el('p', {}, u)));
      } else {
        message.textContent = errorText(error);
        ctx.fail(error);
      }
    }
  };
  previewButton.addEventListener('click', () => void send(true));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(false);
  });

  replace(
    ctx.main,
    el('h2', {}, t().calendar_title),
    el(
      'ul',
      { class: 'calendar-coverage' },
      ...years.map((y) =>
        el(
          'li',
          { 'data-year': String(y.year) },
          fill(t().calendar_status, { year: y.year, status: statusText(y.year === year ? view.calendar : y.status) }),
        ),
      ),
    ),
    el('p', {}, el('label', { for: 'calendar-year' }, t().calendar_year), ' ', yearPicker),
    view.entered
      ? el(
          'p',
          { class: 'hint' },
          fill(t().calendar_entered_by, {
            who: view.entered.updated_by,
            at: beijingTime(view.entered.updated_at),
            version: view.entered.version,
          }),
        )
      : null,
    form,
    preview,
  );
}
