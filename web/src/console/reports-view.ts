// The office's open public reports, a page at a time, the most recently reported first;
// identical reports arrive merged, with how often they came. Notes are the public's
// words: shown as text only. Resolving links the report to the change of the site that
// answered it: nothing is chosen for the clerk, and each offered change says what it did.

import { openReports, resolveReport, siteHistory } from '../api/console';
import type { Report, SiteChange } from '../api/types';
import { beijingTime } from '../format';
import { fill } from '../i18n';
import { t } from '../i18n/console';
import { errorText, type ViewContext } from './context';
import { el, replace, uid } from './dom';
import { textField } from './fields';
import { diffSites } from './history-diff';
import { hrefOf } from './routes';
import { fieldLabel, formatValue } from './site-text';

/** Fields of a change listed in its choice; the rest are counted. */
const FIELDS_SHOWN = 3;

/** What a change did, in a line: "开放时间：Mo-Fr… → 24/7；状态：…". */
function changeSummary(change: SiteChange): string {
  const fields = diffSites(change.before, change.after, formatValue);
  if (!fields.length) return t().resolve_change_nothing;
  const shown = fields
    .slice(0, FIELDS_SHOWN)
    .map((f) => `${fieldLabel(f.field)}：${f.before || '—'} → ${f.after || '—'}`);
  if (fields.length > FIELDS_SHOWN) shown.push(fill(t().resolve_change_more, { n: fields.length - FIELDS_SHOWN }));
  return shown.join('；');
}

/** One radio per change of the site, newest first, after "no change" (chosen). */
function changeChoices(changes: SiteChange[], reportId: number) {
  const name = uid('change');
  const choice = (value: string, title: string, detail: string | null, disabled = false) => {
    const id = uid('change-option');
    const radio = el('input', { id, type: 'radio', name, value, checked: value === '', disabled });
    const text = el(
      'label',
      { for: id },
      el('span', { class: 'change-title' }, title),
      ...(detail === null ? [] : [el('span', { class: 'change-detail' }, detail)]),
    );
    return { radio, node: el('div', { class: 'check change-choice' }, radio, text) };
  };
  const options = [
    choice('', t().resolve_no_change, null),
    ...changes.map((c) => {
      const taken = c.report_id !== null && c.report_id !== reportId;
      const title =
        `#${c.id} ${beijingTime(c.at)} ${c.actor} ${t()[`action_${c.action}`]}` +
        (taken ? `（${fill(t().resolve_change_taken, { id: c.report_id! })}）` : '');
      return choice(String(c.id), title, changeSummary(c), taken);
    }),
  ];
  const field = el(
    'fieldset',
    { class: 'checks change-choices', 'data-field': 'change_id' },
    el('legend', {}, t().resolve_change),
    ...options.map((o) => o.node),
  );
  const selected = () => options.find((o) => o.radio.checked)?.radio.value ?? '';
  return { field, selected };
}

async function resolveForm(
  ctx: ViewContext,
  report: Report,
  row: HTMLElement,
  onDone: () => void,
): Promise<HTMLElement> {
  const { data } = await siteHistory(report.site_id);
  const change = changeChoices(
    [...data].sort((a, b) => b.id - a.id),
    report.id,
  );
  const note = textField('note', t().resolve_note, '', { multiline: true });
  const message = el('p', { role: 'alert' });
  const titleId = uid('resolve');
  const form = el(
    'form',
    { class: 'resolve card', 'aria-labelledby': titleId },
    el('h3', { id: titleId }, fill(t().resolve_title, { id: report.id })),
    change.field,
    note.field,
    message,
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'primary' }, t().resolve_submit)),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body: { change_id?: number; note?: string } = {};
    if (change.selected()) body.change_id = Number(change.selected());
    if (note.control.value.trim()) body.note = note.control.value.trim();
    try {
      await resolveReport(report.id, body);
      ctx.announce(fill(t().resolved_done, { id: report.id }));
      row.remove();
      onDone();
    } catch (error) {
      message.textContent = errorText(error);
      ctx.fail(error);
    }
  });
  return form;
}

function reportItem(ctx: ViewContext, report: Report, onResolved: () => void): HTMLElement {
  const resolveButton = el('button', { type: 'button', class: 'primary', 'aria-expanded': 'false' }, t().resolve);
  const slot = el('div');
  const item = el(
    'li',
    { class: 'report card', 'data-report-id': report.id, 'data-count': report.count },
    el(
      'dl',
      {},
      el('dt', {}, t().col_site),
      el('dd', {}, el('a', { href: hrefOf({ view: 'edit-site', id: report.site_id }) }, report.site_name)),
      el('dt', {}, t().col_category),
      el('dd', {}, t()[`report_${report.category}`]),
      el('dt', {}, t().col_note),
      el('dd', { class: 'note' }, report.note ?? ''),
      el('dt', {}, t().col_received),
      el('dd', {}, beijingTime(report.created_at)),
      ...(report.count > 1
        ? [
            el('dt', {}, t().col_count),
            el(
              'dd',
              { class: 'count' },
              fill(t().reports_count, { n: report.count, at: beijingTime(report.last_reported_at) }),
            ),
          ]
        : []),
    ),
    el('div', { class: 'buttons' }, resolveButton),
    slot,
  );
  resolveButton.addEventListener('click', async () => {
    if (slot.firstChild) {
      replace(slot);
      resolveButton.setAttribute('aria-expanded', 'false');
      return;
    }
    try {
      replace(slot, await resolveForm(ctx, report, item, onResolved));
      resolveButton.setAttribute('aria-expanded', 'true');
      slot.querySelector('input')?.focus();
    } catch (error) {
      replace(slot, el('p', { role: 'alert' }, errorText(error)));
      ctx.fail(error);
    }
  });
  return item;
}

export async function reportsView(ctx: ViewContext): Promise<void> {
  const heading = el('h2', {}, t().reports_title);
  replace(ctx.main, heading, el('p', {}, t().loading));
  const list = el('ul', { class: 'reports' });
  const total = el('p', { class: 'summary' });
  const empty = el('p', { hidden: true }, t().reports_empty);
  const more = el('button', { type: 'button', class: 'secondary', hidden: true }, t().reports_more);
  const failure = el('p', { role: 'alert' });
  let remaining = 0;
  let cursor: string | null = null;
  const refresh = () => {
    empty.hidden = list.children.length > 0;
    total.hidden = remaining === 0;
    total.textContent = fill(t().reports_total, { n: remaining });
    more.hidden = cursor === null;
  };
  const onResolved = () => {
    remaining--;
    refresh();
  };
  const loadPage = async () => {
    const page = await openReports(cursor);
    remaining = page.meta.total;
    cursor = page.meta.next_cursor;
    // A report resolved meanwhile shifts the pages; never show one twice.
    const shown = new Set([...list.children].map((li) => (li as HTMLElement).dataset.reportId));
    list.append(...page.data.filter((r) => !shown.has(String(r.id))).map((r) => reportItem(ctx, r, onResolved)));
    refresh();
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      await loadPage();
      failure.textContent = '';
    } catch (error) {
      failure.textContent = errorText(error);
      ctx.fail(error);
    } finally {
      more.disabled = false;
    }
  });
  try {
    await loadPage();
  } catch (error) {
    replace(ctx.main, heading, el('p', { role: 'alert' }, errorText(error)));
    ctx.fail(error);
    return;
  }
  replace(ctx.main, heading, total, empty, list, failure, el('div', { class: 'buttons' }, more));
}
