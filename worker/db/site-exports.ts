// The sites a user is responsible for, for export.
import type { User } from '../auth/user';
import type { Site } from '../core/site';
import { joinedSite } from './sites';

export async function sitesOf(d1: D1Database, user: User): Promise<Site[]> {
  const where = user.role === 'admin' ? '1' : 's.street_code IN (SELECT value FROM json_each(?))';
  const stmt = d1.prepare(`SELECT s.*, t.name AS street_name, t.district_name AS district_name FROM sites s
    LEFT JOIN streets t ON t.code = s.street_code WHERE ${where} ORDER BY s.street_code, s.id`);
  const { results } = await (user.role === 'admin' ? stmt : stmt.bind(JSON.stringify(user.street_codes))).all<
    Record<string, unknown>
  >();
  return results.map(joinedSite);
}
