// The office's open public reports. Notes are the public's words: shown as text only.
// Resolving links the report to the change of the site that answered it.
import { type ViewContext, beijingTime, errorText } from './context';
import { el, replace, uid } from './dom';
import { openReports, resolveReport, siteHistory } from './endpoints';
import { selectField, textField } from './fields';
import { t } from './i18n';
import type { MessageKey } from './messages';
import { hrefOf } from './routes';
import type { Report } from './types';

async function resolveForm(ctx: ViewContext, report: Report, row: HTMLElement, onDone: () => void): Promise<HTMLElement> {
  const { data } = await siteHistory(report.site_id);
  const changes = [...data].sort((a, b) => b.id - a.id).map((c) => ({
    value: String(c.id), text: `#${c.id} ${beijingTime(c.at)} ${c.actor} ${t(`action_${c.action}` as MessageKey)}`,
  }));
  const change = selectField('change_id', t('resolve_change'), changes, changes[0]?.value ?? '', t('resolve_no_change'));
  const note = textField('note', t('resolve_note'), '', { multiline: true });
  const message = el('p', { role: 'alert' });
  const titleId = uid('resolve');
  const form = el('form', { class: 'resolve card', 'aria-labelledby': titleId },
    el('h3', { id: titleId }, t('resolve_title', { id: report.id })),
    change.field, note.field, message,
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'primary' }, t('resolve_submit'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body: { change_id?: number; note?: string } = {};
    if (change.control.value) body.change_id = Number(change.control.value);
    if (note.control.value.trim()) body.note = note.control.value.trim();
    try {
      await resolveReport(report.id, body);
      ctx.announce(t('resolved_done', { id: report.id }));
      row.remove();
      onDone();
    } catch (error) {
      message.textContent = errorText(error);
      ctx.fail(error);
    }
  });
  return form;
}

export async function reportsView(ctx: ViewContext): Promise<void> {
  replace(ctx.main, el('h2', {}, t('reports_title')), el('p', {}, t('loading')));
  let reports: Report[];
  try {
    reports = (await openReports()).data;
  } catch (error) {
    replace(ctx.main, el('h2', {}, t('reports_title')), el('p', { role: 'alert' }, errorText(error)));
    ctx.fail(error);
    return;
  }
  const list = el('ul', { class: 'reports' });
  const empty = el('p', { hidden: reports.length > 0 }, t('reports_empty'));
  const refreshEmpty = () => { empty.hidden = list.children.length > 0; };

  for (const report of reports) {
    const resolveButton = el('button', { type: 'button', class: 'primary', 'aria-expanded': 'false' }, t('resolve'));
    const slot = el('div');
    const item = el('li', { class: 'report card', 'data-report-id': report.id },
      el('dl', {},
        el('dt', {}, t('col_site')), el('dd', {}, el('a', { href: hrefOf({ view: 'edit-site', id: report.site_id }) }, report.site_name)),
        el('dt', {}, t('col_category')), el('dd', {}, t(`report_${report.category}` as MessageKey)),
        el('dt', {}, t('col_note')), el('dd', { class: 'note' }, report.note ?? ''),
        el('dt', {}, t('col_received')), el('dd', {}, beijingTime(report.created_at))),
      el('div', { class: 'buttons' }, resolveButton), slot);
    resolveButton.addEventListener('click', async () => {
      if (slot.firstChild) {
        replace(slot);
        resolveButton.setAttribute('aria-expanded', 'false');
        return;
      }
      try {
        replace(slot, await resolveForm(ctx, report, item, refreshEmpty));
        resolveButton.setAttribute('aria-expanded', 'true');
        slot.querySelector('select')?.focus();
      } catch (error) {
        replace(slot, el('p', { role: 'alert' }, errorText(error)));
        ctx.fail(error);
      }
    });
    list.append(item);
  }
  replace(ctx.main, el('h2', {}, t('reports_title')), empty, list);
}
