// Reading sites from D1. Geo-queries live in worker/geo; writes in worker/db/site-writes.
import { eq } from 'drizzle-orm';
import type { Site } from '../core/site';
import type { Database } from './client';
import { sites, streets, type SiteRow, type StreetRow } from './schema';

type StreetNames = Pick<StreetRow, 'name' | 'district_name'> | null;

/** The API shape of a stored row; street names come from the street table. */
export function toSite(row: SiteRow, street: StreetNames): Site {
  const { cell: _cell, ...fields } = row;
  return {
    ...fields,
    // Raw SQL reads give the integer 0/1; drizzle gives a boolean.
    follows_workday_calendar: Boolean(row.follows_workday_calendar),
    street_name: street?.name ?? null,
    district_code: row.street_code.slice(0, 6),
    district_name: street?.district_name ?? null,
  } as Site;
}

export const siteColumns = {
  site: sites,
  street: { name: streets.name, district_name: streets.district_name },
};

export async function getSite(db: Database, id: number): Promise<Site | undefined> {
  const [hit] = await db.select(siteColumns).from(sites)
    .leftJoin(streets, eq(streets.code, sites.street_code))
    .where(eq(sites.id, id)).limit(1);
  return hit && toSite(hit.site, hit.street);
}
