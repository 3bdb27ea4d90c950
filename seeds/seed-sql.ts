// Turns seed data into SQL statements that can be run any number of times:
// streets are upserted, sites are inserted once per external_id and never overwrite
// what a street office has since changed.

import { cellOf } from '../worker/core/geo/cell';
import { defaultFollowsWorkdayCalendar, SITE_VALUE_KEYS } from '../worker/core/site-input';
import type { SiteSeed } from './site-seed';
import type { StreetSeed } from './streets';

type Value = string | number | null | undefined | readonly string[];

export function sqlLiteral(v: Value): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v !== 'string') return sqlLiteral(JSON.stringify(v));
  return `'${v.replace(/'/g, "''")}'`;
}

const STREET_COLUMNS = [
  'code',
  'name',
  'district_code',
  'district_name',
  'city_code',
  'city_name',
  'province_code',
  'province_name',
] as const;
/** The site values the API writes, plus the spatial key the write paths compute. */
const SITE_COLUMNS = [...SITE_VALUE_KEYS, 'cell'] as const;

export function streetStatements(streets: readonly StreetSeed[]): string[] {
  return streets.map(
    (
      s,
    ) => `INSERT INTO streets (${STREET_COLUMNS.join(', ')}) VALUES (${STREET_COLUMNS.map((c) => sqlLiteral(s[c])).join(', ')})
ON CONFLICT (code) DO UPDATE SET name = excluded.name, district_name = excluded.district_name, city_name = excluded.city_name, province_name = excluded.province_name;`,
  );
}

/** The seed sites, each inserted once per external_id, then the history of those new. */
export function siteStatements(sites: readonly SiteSeed[]): string[] {
  return [...sites.map(siteStatement), SEED_HISTORY_STATEMENT];
}

function siteStatement(s: SiteSeed): string {
  const row: Record<(typeof SITE_COLUMNS)[number], Value> = {
    ...s,
    cell: cellOf(s.lat, s.lng),
    coord_system: s.coord_system ?? 'wgs84',
    phones: s.phones ?? [],
    amenities: s.amenities ?? [],
    elder_services: s.elder_services ?? [],
    accessibility: s.accessibility ?? [],
    status: s.status ?? 'open',
    // As the API would default it for the kind.
    follows_workday_calendar: (s.follows_workday_calendar ?? defaultFollowsWorkdayCalendar(s.kind)) ? 1 : 0,
    name_en: s.name_en,
    address: s.address,
    opening_hours: s.opening_hours,
    beds: s.beds,
    park_type: s.park_type,
    park_grade: s.park_grade,
    area_ha: s.area_ha,
    operator: s.operator,
    description: s.description,
    source_url: s.source_url,
    verified_at: s.verified_at,
  };
  return `INSERT INTO sites (${SITE_COLUMNS.join(', ')}) VALUES (${SITE_COLUMNS.map((c) => sqlLiteral(row[c])).join(', ')})
ON CONFLICT (external_id) DO NOTHING;`;
}

/**
 * The creation of every site that has no history yet (the seed's, as loaded above),
 * recorded with actor `seed` and the record as stored: every site has a history.
 * Migration 0004 runs the same statement for databases seeded before it.
 */
export const SEED_HISTORY_STATEMENT = `INSERT INTO site_changes (site_id, at, actor, action, before, after)
  SELECT s.id, s.created_at, 'seed', 'create', NULL, json_object(
    'id', s.id, 'external_id', s.external_id, 'kind', s.kind, 'name', s.name, 'name_en', s.name_en,
    'address', s.address, 'street_code', s.street_code, 'street_name', t.name,
    'district_code', substr(s.street_code, 1, 6), 'district_name', t.district_name, 'lat', s.lat, 'lng', s.lng,
    'coord_system', s.coord_system, 'coord_precision', s.coord_precision, 'phones', json(s.phones),
    'opening_hours', s.opening_hours, 'follows_workday_calendar', json(CASE WHEN s.follows_workday_calendar THEN 'true' ELSE 'false' END), 'amenities', json(s.amenities), 'elder_services', json(s.elder_services),
    'accessibility', json(s.accessibility), 'beds', s.beds, 'park_type', s.park_type, 'park_grade', s.park_grade, 'area_ha', s.area_ha, 'operator', s.operator,
    'description', s.description, 'status', s.status, 'source', s.source, 'source_url', s.source_url,
    'verified_at', s.verified_at, 'created_at', s.created_at, 'updated_at', s.updated_at, 'version', s.version)
  FROM sites s LEFT JOIN streets t ON t.code = s.street_code
  WHERE NOT EXISTS (SELECT 1 FROM site_changes c WHERE c.site_id = s.id);`;
