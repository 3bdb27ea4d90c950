// The street table (township-level units, 343 in Beijing): the list the API serves, and
// the names that sites show beside their street code.
import { asc, eq } from 'drizzle-orm';
import type { Database } from './client';
import { streets } from './schema';

export interface StreetNames {
  name: string;
  district_name: string;
}

/** The streets, ordered by code; of one district when a code is given. */
export async function listStreets(db: Database, districtCode?: string) {
  return db
    .select({
      code: streets.code,
      name: streets.name,
      district_code: streets.district_code,
      district_name: streets.district_name,
    })
    .from(streets)
    .where(districtCode ? eq(streets.district_code, districtCode) : undefined)
    .orderBy(asc(streets.code));
}

/** Every street's names, by code. */
export async function allStreets(d1: D1Database): Promise<Map<string, StreetNames>> {
  const { results } = await d1
    .prepare('SELECT code, name, district_name FROM streets')
    .all<StreetNames & { code: string }>();
  return new Map(results.map((s) => [s.code, { name: s.name, district_name: s.district_name }]));
}

/** One street's names, or null for an unknown code. */
export async function streetNames(d1: D1Database, code: string): Promise<StreetNames | null> {
  return d1.prepare('SELECT name, district_name FROM streets WHERE code = ?').bind(code).first<StreetNames>();
}
