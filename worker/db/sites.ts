// Reading sites from D1: one by id, by import key, a district's positions, and the API shape of a stored row.
// Geo-queries are planned in worker/services/search and read through worker/db/site-cells; writes are in worker/db/site-writes.
import { eq } from 'drizzle-orm';
import type { Site } from '../core/site';
import { importKey } from '../core/site-input';
import type { Database } from './client';
import { type SiteRow, type StreetRow, sites, streets } from './schema';

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

const siteColumns = {
  site: sites,
  street: { name: streets.name, district_name: streets.district_name },
};

export async function getSite(db: Database, id: number): Promise<Site | undefined> {
  const [hit] = await db
    .select(siteColumns)
    .from(sites)
    .leftJoin(streets, eq(streets.code, sites.street_code))
    .where(eq(sites.id, id))
    .limit(1);
  return hit && toSite(hit.site, hit.street);
}

/** A site from a raw `sites` row joined with its street's name and district_name. */
export function joinedSite(r: Record<string, unknown>): Site {
  const row = {
    ...r,
    phones: JSON.parse(String(r.phones)),
    amenities: JSON.parse(String(r.amenities)),
    elder_services: JSON.parse(String(r.elder_services)),
    accessibility: JSON.parse(String(r.accessibility)),
  } as SiteRow;
  return toSite(
    row,
    r.street_name === null ? null : { name: String(r.street_name), district_name: String(r.district_name) },
  );
}

/** Live sites of a district (other than `exceptId`), for judging whether a position is far off. */
export async function districtPositions(d1: D1Database, districtCode: string, exceptId = 0) {
  const { results } = await d1
    .prepare(
      `SELECT lat, lng FROM sites WHERE street_code >= ? AND street_code < ? AND status != 'retired' AND id != ?`,
    )
    .bind(`${districtCode}000`, `${districtCode}999~`, exceptId)
    .all<{ lat: number; lng: number }>();
  return results;
}

/**
 * Existing sites by import key (see importKey): by external_id, and sites without one (created in
 * the console) by their derived key `auto:<street_code>:<name>`.
 */
export async function sitesByImportKey(d1: D1Database, keys: string[]): Promise<Map<string, Site>> {
  const found = new Map<string, Site>();
  const select = `SELECT s.*, t.name AS street_name, t.district_name AS district_name FROM sites s
    LEFT JOIN streets t ON t.code = s.street_code WHERE `;
  // By the unique index on external_id.
  for (let i = 0; i < keys.length; i += 2000) {
    const part = keys.slice(i, i + 2000);
    const { results } = await d1
      .prepare(`${select} s.external_id IN (SELECT value FROM json_each(?))`)
      .bind(JSON.stringify(part))
      .all<Record<string, unknown>>();
    for (const r of results) found.set(String(r.external_id), joinedSite(r));
  }
  // Derived keys may also name console-created sites without external_id: one pass over those.
  const derived = keys.filter((k) => k.startsWith('auto:') && !found.has(k));
  if (derived.length) {
    const { results } = await d1
      .prepare(`${select} s.external_id IS NULL
      AND 'auto:' || s.street_code || ':' || s.name IN (SELECT value FROM json_each(?))`)
      .bind(JSON.stringify(derived))
      .all<Record<string, unknown>>();
    for (const r of results) found.set(importKey(joinedSite(r)), joinedSite(r));
  }
  return found;
}
