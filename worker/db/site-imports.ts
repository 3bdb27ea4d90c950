// Bulk import of sites. The whole file is checked first; then every write (new
// sites, changed sites, their history rows) goes to D1 as one batch, i.e. one
// transaction: all rows or none. Rows travel as one JSON text parameter per chunk
// (`INSERT … SELECT … FROM json_each(?)`), which keeps 10,000 rows within D1's
// limits of 100 bound parameters and 100 KB of SQL per statement.
import { mayEdit, type User } from '../auth/user';
import type { Site } from '../domain/site';
import {
  FAR_METRES, SITE_VALUE_KEYS, canonicalHours, districtCentre, farFrom, siteIssues, valuesOfCreate, type SiteValues,
} from '../domain/site-input';
import { cellOf } from '../geo/cell';
import type { CsvRow, RowError } from '../import/rows';
import { sitesChanged } from './geo-state';
import { districtPositions, siteOf, type StreetNames } from './site-writes';
import { joinedSite } from './site-exports';

/** Rows per JSON parameter: about 0.4 MB of history JSON, well under D1's 2 MB per value. */
const CHUNK = 500;

/** The key that makes a re-import idempotent: `external_id`, else `auto:<street_code>:<name>`. */
export const importKey = (values: Pick<SiteValues, 'external_id' | 'street_code' | 'name'>) =>
  values.external_id ?? `auto:${values.street_code}:${values.name}`;

export interface ImportPlan {
  errors: RowError[];
  /** Whether some row touches a street outside the user's (the answer is then 403, not 422). */
  outside: boolean;
  creates: SiteValues[];
  updates: { current: Site; values: SiteValues }[];
  unchanged: number;
}

const chunks = <T>(list: T[], size = CHUNK) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

const SAME_PLACE = 1e-7; // degrees: the precision positions are stored to

/**
 * The imported record for a site that exists: fields the file does not carry
 * (source, verified_at) stay, and so does the entered coordinate system when the
 * position is the same (an export writes WGS-84).
 */
function merged(current: Site, values: SiteValues): SiteValues {
  const samePlace = Math.abs(current.lat - values.lat) < SAME_PLACE && Math.abs(current.lng - values.lng) < SAME_PLACE;
  return {
    ...values,
    // A site created without external_id keeps none; its derived key still finds it.
    external_id: current.external_id === null && values.external_id === importKey({ ...values, external_id: null })
      ? null : values.external_id,
    ...(samePlace ? { lat: current.lat, lng: current.lng, coord_system: current.coord_system } : {}),
    source: current.source,
    verified_at: current.verified_at,
  };
}

const sameValues = (a: SiteValues, b: SiteValues) =>
  SITE_VALUE_KEYS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));

/**
 * Existing sites by import key: by external_id, and sites without one (created in
 * the console) by their derived key `auto:<street_code>:<name>`.
 */
async function existingByKey(d1: D1Database, keys: string[]): Promise<Map<string, Site>> {
  const found = new Map<string, Site>();
  const select = `SELECT s.*, t.name AS street_name, t.district_name AS district_name FROM sites s
    LEFT JOIN streets t ON t.code = s.street_code WHERE `;
  // By the unique index on external_id.
  for (const part of chunks(keys, 2000)) {
    const { results } = await d1.prepare(`${select} s.external_id IN (SELECT value FROM json_each(?))`)
      .bind(JSON.stringify(part)).all<Record<string, unknown>>();
    for (const r of results) found.set(String(r.external_id), joinedSite(r));
  }
  // Derived keys may also name console-created sites without external_id: one pass over those.
  const derived = keys.filter((k) => k.startsWith('auto:') && !found.has(k));
  if (derived.length) {
    const { results } = await d1.prepare(`${select} s.external_id IS NULL
      AND 'auto:' || s.street_code || ':' || s.name IN (SELECT value FROM json_each(?))`)
      .bind(JSON.stringify(derived)).all<Record<string, unknown>>();
    for (const r of results) found.set(importKey(joinedSite(r)), joinedSite(r));
  }
  return found;
}

/** Checks every row and sorts them into creations, changes and unchanged rows; writes nothing. */
export async function planImport(d1: D1Database, user: User, rows: CsvRow[], headers: Map<string, string>,
  streets: Map<string, StreetNames>, confirmFar = false): Promise<ImportPlan> {
  const errors: RowError[] = [];
  const column = (key: string) => headers.get(key) ?? key;
  const byKey = new Map<string, { row: number; values: SiteValues }>();
  let outside = false;
  for (const { row, input } of rows) {
    const values = canonicalHours(valuesOfCreate(input, 'import'));
    const problems: RowError[] = siteIssues(values, 'csv').map((i) => ({ row, column: column(i.name), reason: i.reason }));
    if (!streets.has(values.street_code)) problems.push({ row, column: column('street_code'), reason: `unknown street code ${values.street_code}` });
    else if (!mayEdit(user, values.street_code)) {
      outside = true;
      problems.push({ row, column: column('street_code'), reason: `street ${values.street_code} is outside your streets` });
    }
    const key = importKey(values);
    const twin = byKey.get(key);
    if (twin) {
      problems.push({
        row, column: column(values.external_id ? 'external_id' : 'name'),
        reason: `same ${values.external_id ? 'external_id' : 'street_code and name'} as row ${twin.row}`,
      });
    }
    if (problems.length) errors.push(...problems);
    else byKey.set(key, { row, values: { ...values, external_id: key } });
  }
  const existing = await existingByKey(d1, [...byKey.keys()]);
  const plan: ImportPlan = { errors, outside, creates: [], updates: [], unchanged: 0 };
  /** Rows that place a site somewhere new, to be checked against their district. */
  const placed: { row: number; values: SiteValues }[] = [];
  for (const [key, { row, values }] of byKey) {
    const current = existing.get(key);
    if (!current) {
      plan.creates.push(values);
      placed.push({ row, values });
      continue;
    }
    if (!mayEdit(user, current.street_code)) {
      plan.outside = true;
      errors.push({ row, column: column('external_id'), reason: `belongs to a site of street ${current.street_code}, outside your streets` });
      continue;
    }
    const next = merged(current, values);
    if (sameValues(valuesOfSite(current), next)) plan.unchanged++;
    else plan.updates.push({ current, values: next });
    if (next.lat !== current.lat || next.lng !== current.lng || next.street_code !== current.street_code) placed.push({ row, values: next });
  }
  if (!confirmFar) errors.push(...await farRows(d1, placed, column));
  errors.sort((a, b) => a.row - b.row);
  return plan;
}

/** Rows placed far from the live sites already in their district (as a single write would be refused). */
async function farRows(d1: D1Database, placed: { row: number; values: SiteValues }[], column: (key: string) => string) {
  const districts = [...new Set(placed.map((p) => p.values.street_code.slice(0, 6)))];
  const centres = new Map(await Promise.all(districts.map(async (d) => [d, districtCentre(await districtPositions(d1, d))] as const)));
  return placed.filter((p) => farFrom(p.values, centres.get(p.values.street_code.slice(0, 6)) ?? null)).map((p) => ({
    row: p.row, column: column('lat'),
    reason: `more than ${FAR_METRES / 1000} km from the other sites of district ${p.values.street_code.slice(0, 6)}; check the position, or import with confirm_far=true`,
  }));
}

const valuesOfSite = (site: Site): SiteValues => Object.fromEntries(SITE_VALUE_KEYS.map((k) => [k, site[k]])) as SiteValues;

/** A row as the SQL reads it from json_each: arrays as JSON text, plus the cell. */
const sqlRow = (values: SiteValues) => ({
  ...Object.fromEntries(SITE_VALUE_KEYS.map((k) => [k, Array.isArray(values[k]) ? JSON.stringify(values[k]) : values[k]])),
  cell: cellOf(values.lat, values.lng),
});

const COLUMN_LIST = [...SITE_VALUE_KEYS, 'cell'];
const fromJson = COLUMN_LIST.map((c) => `j.value ->> '${c}'`).join(', ');

/** Ends the batch (rolling it back) unless the previous statement changed exactly `?` rows. */
const ASSERT_CHANGES = `SELECT CASE WHEN changes() = ? THEN 1 ELSE json_extract('{import aborted: sites changed meanwhile', '$') END`;

export class ImportConflict extends Error {}

/** Writes the plan in one batch; throws ImportConflict if sites changed since it was made. */
export async function applyImport(d1: D1Database, actor: string, plan: ImportPlan, streets: Map<string, StreetNames>) {
  const at = new Date().toISOString();
  const statements: D1PreparedStatement[] = [];
  for (const part of chunks(plan.creates)) {
    statements.push(
      d1.prepare(`INSERT INTO sites (${COLUMN_LIST.join(', ')}, created_at, updated_at)
        SELECT ${fromJson}, ?, ? FROM json_each(?) AS j`).bind(at, at, JSON.stringify(part.map(sqlRow))),
      d1.prepare(ASSERT_CHANGES).bind(part.length),
      d1.prepare(`INSERT INTO site_changes (site_id, at, actor, action, before, after)
        SELECT s.id, ?, ?, 'import', NULL, json_set(j.value -> 'after', '$.id', s.id)
        FROM json_each(?) AS j JOIN sites AS s ON s.external_id = j.value ->> 'key'`)
        .bind(at, actor, JSON.stringify(part.map((v) => ({
          key: v.external_id,
          after: siteOf(v, { id: 0, created_at: at, updated_at: at, version: 1 }, streets.get(v.street_code) ?? null),
        })))),
    );
  }
  const assignments = COLUMN_LIST.map((c) => `${c} = j.value ->> '${c}'`).join(', ');
  for (const part of chunks(plan.updates)) {
    statements.push(
      d1.prepare(`UPDATE sites SET ${assignments}, updated_at = ?, version = sites.version + 1
        FROM json_each(?) AS j WHERE sites.id = j.value ->> 'id' AND sites.version = j.value ->> 'version'`)
        .bind(at, JSON.stringify(part.map(({ current, values }) => ({ ...sqlRow(values), id: current.id, version: current.version })))),
      d1.prepare(ASSERT_CHANGES).bind(part.length),
      d1.prepare(`INSERT INTO site_changes (site_id, at, actor, action, before, after)
        SELECT j.value ->> 'id', ?, ?, 'import', j.value -> 'before', j.value -> 'after' FROM json_each(?) AS j`)
        .bind(at, actor, JSON.stringify(part.map(({ current, values }) => ({
          id: current.id,
          before: current,
          after: siteOf(values, { id: current.id, created_at: current.created_at, updated_at: at, version: current.version + 1 },
            streets.get(values.street_code) ?? null),
        })))),
    );
  }
  if (!statements.length) return;
  try {
    await d1.batch(statements);
    sitesChanged();
  } catch (err) {
    if (err instanceof Error && /malformed JSON|UNIQUE constraint failed: sites\.external_id/.test(err.message)) {
      throw new ImportConflict(err.message);
    }
    throw err;
  }
}

export async function allStreets(d1: D1Database): Promise<Map<string, StreetNames>> {
  const { results } = await d1.prepare('SELECT code, name, district_name FROM streets').all<StreetNames & { code: string }>();
  return new Map(results.map((s) => [s.code, { name: s.name, district_name: s.district_name }]));
}
