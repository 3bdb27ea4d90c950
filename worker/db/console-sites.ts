// The console's list of sites: a user's own, searchable, stale ones first.
import type { User } from '../auth/user';
import type { Site } from '../core/site';
import { joinedSite } from './sites';

/** A site not verified for this many days is flagged stale in the console. */
export const STALE_DAYS = 180;

export interface ConsoleQuery {
  q?: string;
  status?: string;
  street_code?: string;
  limit: number;
}

/** The console's list: the user's sites, stale ones first, then by name. */
export async function consoleSites(
  d1: D1Database,
  user: User,
  query: ConsoleQuery,
): Promise<(Site & { stale: boolean })[]> {
  const where: string[] = [];
  const binds: (string | number)[] = [];
  /** Binds a value and returns its numbered placeholder. */
  const param = (value: string | number) => `?${binds.push(value)}`;
  const staleBefore = param(new Date(Date.now() - STALE_DAYS * 86_400_000).toISOString());
  if (user.role !== 'admin')
    where.push(`s.street_code IN (SELECT value FROM json_each(${param(JSON.stringify(user.street_codes))}))`);
  if (query.street_code) where.push(`s.street_code = ${param(query.street_code)}`);
  if (query.status) where.push(`s.status = ${param(query.status)}`);
  if (query.q) {
    // instr, not LIKE: D1 caps LIKE patterns at 50 bytes (17 Chinese characters), and
    // Chinese names need substring search of 1–2 characters, which FTS5 trigrams miss.
    // lower() folds ASCII only, so Latin names and external ids match in any case.
    const p = param(query.q.replace(/[A-Z]/g, (ch) => ch.toLowerCase()));
    where.push(`(instr(lower(s.name), ${p}) OR instr(lower(s.address), ${p}) OR instr(lower(s.external_id), ${p}))`);
  }
  const { results } = await d1
    .prepare(`SELECT s.*, t.name AS street_name, t.district_name AS district_name,
      COALESCE(s.verified_at, s.created_at) < ${staleBefore} AS stale
    FROM sites s LEFT JOIN streets t ON t.code = s.street_code
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY stale DESC, s.name LIMIT ${param(query.limit)}`)
    .bind(...binds)
    .all<Record<string, unknown>>();
  return results.map((r) => ({ ...joinedSite(r), stale: r.stale === 1 }));
}
