// One site as the public reads it (GET /sites/{id}): with its open state now. A retired
// site no longer exists for the public; only an office that may edit it still reads it
// (to restore it). Answers the site or a refusal; routes/sites.ts maps it to HTTP.
import { mayEdit, type User } from '../auth/user';
import { openStateOf } from '../core/hours/opening-hours';
import { openFields } from '../core/open-state';
import type { Site } from '../core/site';
import { database } from '../db/client';
import { getSite } from '../db/sites';
import type { ViewSite } from './search/results';

export type SiteOutcome =
  | { ok: true; site: ViewSite }
  | { ok: false; refusal: 'not_found' }
  | { ok: false; refusal: 'retired'; site: Site };

/** The site with its open state; `viewer` is asked for only when the site is retired. */
export async function siteNow(
  d1: D1Database,
  id: number,
  viewer: () => Promise<User | undefined>,
): Promise<SiteOutcome> {
  const site = await getSite(database(d1), id);
  if (!site) return { ok: false, refusal: 'not_found' };
  if (site.status === 'retired') {
    const user = await viewer();
    if (!user || !mayEdit(user, site.street_code)) return { ok: false, refusal: 'retired', site };
  }
  const open = openFields(
    site,
    openStateOf(site.opening_hours, new Date(), { makeupWorkdays: site.follows_workday_calendar }),
  );
  return { ok: true, site: { ...site, ...open } };
}
