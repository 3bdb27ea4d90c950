// A site's history: who changed what and when, each change as a before/after table.

import { getSite, siteHistory } from '../api/console';
import type { SiteChange } from '../api/types';
import { beijingTime } from '../format';
import { fill } from '../i18n';
import { t } from '../i18n/console';
import { changesTable } from './changes-table';
import { errorText, type ViewContext } from './context';
import { el, replace } from './dom';
import { diffSites } from './history-diff';
import { hrefOf } from './routes';
import { formatValue } from './site-text';

function entry(change: SiteChange): HTMLElement {
  const fields = diffSites(change.before, change.after, formatValue);
  const heading =
    fill(t().history_entry, {
      at: beijingTime(change.at),
      actor: change.actor,
      action: t()[`action_${change.action}`],
    }) + (change.report_id === null ? '' : ` ${fill(t().history_report, { id: change.report_id })}`);
  return el(
    'li',
    { class: 'change card', 'data-action': change.action },
    el('h3', {}, heading),
    fields.length ? changesTable(fields, { marked: true }) : el('p', {}, t().history_nothing),
  );
}

export async function historyView(ctx: ViewContext, id: number): Promise<void> {
  replace(ctx.main, el('p', {}, t().loading));
  try {
    const [site, { data }] = await Promise.all([getSite(id), siteHistory(id)]);
    // Newest first: the question is usually "what happened last".
    const changes = [...data].sort((a, b) => b.id - a.id);
    replace(
      ctx.main,
      el('h2', {}, fill(t().history_title, { name: site.name })),
      el('p', {}, el('a', { class: 'button', href: hrefOf({ view: 'edit-site', id }) }, t().back_to_site)),
      changes.length ? el('ol', { class: 'history' }, ...changes.map(entry)) : el('p', {}, t().history_empty),
    );
  } catch (error) {
    replace(ctx.main, el('p', { role: 'alert' }, errorText(error)));
    ctx.fail(error);
  }
}
