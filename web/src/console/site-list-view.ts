// The office's sites: stale ones first and marked, search by name, filter by status,
// "still accurate" in one click, and a way into each site.
import { isCodeOf, KINDS, STATUSES } from '#core';
import { listSites, verifySite } from '../api/console';
import type { ConsoleSite } from '../api/types';
import { fill, label } from '../i18n';
import { t } from '../i18n/console';
import { errorText, type ViewContext } from './context';
import { el, replace } from './dom';
import { selectField, termOptions, textField } from './fields';
import { daysSince } from './freshness';
import { hrefOf } from './routes';

const isStatus = isCodeOf(STATUSES);

function verifiedText(site: ConsoleSite): string {
  const days = daysSince(site.verified_at, new Date());
  if (days === null) return t().never_verified;
  return days === 0 ? t().verified_today : fill(t().verified_days_ago, { n: days });
}

export async function siteListView(ctx: ViewContext): Promise<void> {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const q = textField('q', t().search_name, params.get('q') ?? '', { type: 'search' });
  const status = selectField(
    'status',
    t().filter_status,
    termOptions(STATUSES),
    params.get('status') ?? '',
    t().all_statuses,
  );
  // Several streets (an administrator, or an office covering more than one): filter by street too.
  const many = ctx.user.role === 'admin' || ctx.user.street_codes.length > 1;
  const streetOptions = many
    ? (await ctx.streets().catch(() => []))
        .filter((s) => ctx.user.role === 'admin' || ctx.user.street_codes.includes(s.code))
        .map((s) => ({ value: s.code, text: `${s.district_name} ${s.name}` }))
    : [];
  const street = selectField(
    'street_code',
    t().f_street_code,
    streetOptions,
    params.get('street_code') ?? '',
    t().all_streets,
  );
  const filters = el(
    'form',
    { class: 'filters', role: 'search' },
    q.field,
    status.field,
    many ? street.field : null,
    el('button', { type: 'submit' }, t().search),
  );
  const summary = el('p', { class: 'summary', 'aria-live': 'polite' }, t().loading);
  const body = el('div', { class: 'site-list' });

  replace(
    ctx.main,
    el(
      'div',
      { class: 'view-head' },
      el('h2', {}, t().sites_title),
      el('a', { class: 'button primary', href: hrefOf({ view: 'new-site' }) }, t().nav_new_site),
    ),
    filters,
    summary,
    body,
  );

  const load = async () => {
    try {
      const { data } = await listSites({
        q: q.control.value.trim(),
        status: isStatus(status.control.value) ? status.control.value : undefined,
        street_code: street.control.value,
      });
      summary.textContent = data.length
        ? fill(t().site_count, { n: data.length, stale: data.filter((s) => s.stale).length })
        : t().no_sites;
      replace(body, data.length ? table(data) : null);
    } catch (error) {
      summary.textContent = errorText(error);
      ctx.fail(error);
    }
  };

  const table = (sites: ConsoleSite[]) =>
    el(
      'table',
      {},
      el('caption', { class: 'visually-hidden' }, t().sites_title),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...(['col_name', 'col_kind', 'col_status', 'col_verified', 'col_actions'] as const).map((k) =>
            el('th', { scope: 'col' }, t()[k]),
          ),
        ),
      ),
      el('tbody', {}, ...sites.map(row)),
    );

  const row = (site: ConsoleSite) => {
    const verified = el('td', { 'data-label': t().col_verified }, verifiedText(site));
    const tr = el('tr', { class: site.stale ? 'stale' : '', 'data-site-id': site.id });
    const verify = el(
      'button',
      { type: 'button', 'aria-label': fill(t().still_accurate_for, { name: site.name }) },
      t().still_accurate,
    );
    verify.addEventListener('click', async () => {
      verify.disabled = true;
      try {
        const updated = await verifySite(site.id);
        tr.classList.remove('stale');
        tr.querySelector('.badge')?.remove();
        verified.textContent = verifiedText({ ...site, ...updated, stale: false });
        ctx.announce(fill(t().verified_done, { name: site.name }));
      } catch (error) {
        ctx.fail(error);
      } finally {
        verify.disabled = false;
      }
    });
    const name = el('a', { href: hrefOf({ view: 'edit-site', id: site.id }) }, site.name);
    const badge = site.stale ? el('span', { class: 'badge warn', title: t().stale_hint }, t().stale) : null;
    replace(
      tr,
      el('th', { scope: 'row', 'data-label': t().col_name }, name, ' ', badge),
      el('td', { 'data-label': t().col_kind }, label(KINDS, site.kind)),
      el(
        'td',
        { 'data-label': t().col_status },
        el('span', { class: `status status-${site.status}` }, label(STATUSES, site.status)),
      ),
      verified,
      el(
        'td',
        { 'data-label': t().col_actions },
        el(
          'div',
          { class: 'actions' },
          site.status === 'retired' ? null : verify,
          el(
            'a',
            {
              class: 'button',
              href: hrefOf({ view: 'edit-site', id: site.id }),
              'aria-label': fill(t().edit_named, { name: site.name }),
            },
            t().edit,
          ),
          el('a', { class: 'button', href: hrefOf({ view: 'history', id: site.id }) }, t().history),
        ),
      ),
    );
    return tr;
  };

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (q.control.value.trim()) next.set('q', q.control.value.trim());
    if (status.control.value) next.set('status', status.control.value);
    if (street.control.value) next.set('street_code', street.control.value);
    const query = next.toString();
    history.replaceState(null, '', `#/sites${query ? `?${query}` : ''}`);
    void load();
  });
  await load();
}
