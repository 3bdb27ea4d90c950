// The sites a user is responsible for, for export.
import type { User } from '../auth/user';
import type { Site } from '../domain/site';
import type { SiteRow } from './schema';
import { toSite } from './sites';

export async function sitesOf(d1: D1Database, user: User): Promise<Site[]> {
  const where = user.role === 'admin' ? '1' : 's.street_code IN (SELECT value FROM json_each(?))';
  const stmt = d1.prepare(`SELECT s.*, t.name AS street_name, t.district_name AS district_name FROM sites s
    LEFT JOIN streets t ON t.code = s.street_code WHERE ${where} ORDER BY s.street_code, s.id`);
  const { results } = await (user.role === 'admin' ? stmt : stmt.bind(JSON.stringify(user.street_codes))).all<Record<string, unknown>>();
  return results.map(joinedSite);
}

/** A site from a raw `sites` row joined with its street's name and district_name. */
export function joinedSite(r: Record<string, unknown>): Site {
  const row = {
    ...r, phones: JSON.parse(String(r.phones)), amenities: JSON.parse(String(r.amenities)),
    elder_services: JSON.parse(String(r.elder_services)),
  } as SiteRow;
  return toSite(row, r.street_name === null ? null : { name: String(r.street_name), district_name: String(r.district_name) });
}
