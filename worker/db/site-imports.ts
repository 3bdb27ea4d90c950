// Bulk import of sites. The whole file is checked first; then every write (new
// sites, changed sites, their history rows) goes to D1 as one batch, i.e. one
// transaction: all rows or none. Rows travel as one JSON text parameter per chunk
// (`INSERT … SELECT … FROM json_each(?)`), which keeps 10,000 rows within D1's
// limits of 100 bound parameters and 100 KB of SQL per statement.
import { mayEdit, type User } from '../auth/user';
import { readHours } from '../core/hours/hours-input';
import type { Site } from '../core/site';
import { FAR_METRES, SITE_VALUE_KEYS, districtCentre, farFrom, siteIssues, type SiteValues } from '../core/site-input';
import { cellOf } from '../core/geo/cell';
import { rowKey, rowValues } from '../core/csv/row-values';
import type { RowChange } from '../core/csv/row-changes';
import type { CsvRow, RowError } from '../core/csv/rows';
import { sitesChanged } from './geo-state';
import { changedKeys, rowsWritten, siteOf, valuesOf } from './site-writes';
import { districtPositions } from './sites';
import type { StreetNames } from './streets';
import { joinedSite } from './sites';

/** Rows per JSON parameter: about 0.4 MB of history JSON, well under D1's 2 MB per value. */
const CHUNK = 500;
/** Most UPDATE statements an import sends (one per set of changed columns); rarer sets are merged. */
const MAX_UPDATE_SHAPES = 40;
/** How many rows' changes a dry run lists; the rest are counted. */
export const MAX_LISTED_CHANGES = 1000;

/** The key that makes a re-import idempotent: `external_id`, else `auto:<street_code>:<name>`. */
export const importKey = (values: Pick<SiteValues, 'external_id' | 'street_code' | 'name'>) =>
  values.external_id ?? `auto:${values.street_code}:${values.name}`;

export interface ImportPlan {
  errors: RowError[];
  /** Whether some row touches a street outside the user's (the answer is then 403, not 422). */
  outside: boolean;
  creates: SiteValues[];
  updates: { current: Site; values: SiteValues; changed: (keyof SiteValues)[] }[];
  unchanged: number;
  /** Row by row, what the import creates and changes (dry runs list these). */
  changes: RowChange[];
}

const chunks = <T>(list: T[], size = CHUNK) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

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

/**
 * Checks every row against the site it creates or changes and sorts the rows into
 * creations, changes and unchanged rows; writes nothing. Rows with bad cells are still
 * checked for everything else, so that every problem of every row is listed at once.
 */
export async function planImport(d1: D1Database, user: User, rows: CsvRow[], headers: Map<string, string>,
  streets: Map<string, StreetNames>, confirmFar = false): Promise<ImportPlan> {
  const errors: RowError[] = [];
  const column = (key: string | null) => (key === null ? null : headers.get(key) ?? key);
  const keyed: { row: CsvRow; key: string }[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of rows) {
    const key = rowKey(row);
    if (key === null) {
      if (!row.bad.has('external_id') && !row.bad.has('street_code') && !row.bad.has('name')) {
        errors.push({ row: row.row, column: null, reason: 'a new site needs external_id, or street_code, name' });
      }
      continue;
    }
    const twin = firstRowOf.get(key);
    if (twin !== undefined) {
      const byId = typeof row.cells.external_id === 'string';
      errors.push({
        row: row.row, column: column(byId ? 'external_id' : 'name'),
        reason: `same ${byId ? 'external_id' : 'street_code and name'} as row ${twin}`,
      });
      continue;
    }
    firstRowOf.set(key, row.row);
    keyed.push({ row, key });
  }
  const existing = await existingByKey(d1, keyed.map((k) => k.key));
  const plan: ImportPlan = { errors, outside: false, creates: [], updates: [], unchanged: 0, changes: [] };
  /** Rows that place a site somewhere new, to be checked against their district. */
  const placed: { row: number; values: SiteValues }[] = [];
  for (const { row, key } of keyed) {
    const current = existing.get(key) ?? null;
    const problem = (key: string | null, reason: string, reason_zh?: string) =>
      errors.push({ row: row.row, column: column(key), reason, ...(reason_zh ? { reason_zh } : {}) });
    if (current && !mayEdit(user, current.street_code)) {
      plan.outside = true;
      problem(row.cells.external_id ? 'external_id' : 'name', `belongs to a site of street ${current.street_code}, outside your streets`);
      continue;
    }
    const outcome = rowValues(current && valuesOf(current), row);
    for (const p of outcome.problems) problem(p.key, p.reason);
    // Hours (OSM or a Chinese phrasing) are read once per row: to check them and to store their OSM form.
    const hours = outcome.values.opening_hours === null ? null : readHours(outcome.values.opening_hours);
    const values = hours?.ok ? { ...outcome.values, opening_hours: hours.hours.text } : outcome.values;
    let ok = outcome.complete && row.bad.size === 0 && outcome.problems.length === 0;
    for (const issue of siteIssues({ ...values, opening_hours: null }, 'csv')) {
      // A bad cell is reported once; with an unknown kind, the rules of a kind do not apply.
      if (row.bad.has(issue.name) || row.bad.has('kind')) continue;
      problem(issue.name, issue.reason);
      ok = false;
    }
    if (hours && !hours.ok) {
      const { reason, reason_zh, position } = hours.error;
      const at = position === undefined ? '' : ` (at character ${position})`;
      // The hours reader words its own reasons in Chinese: no pattern needs to guess them.
      const atZh = position === undefined ? '' : `（第${position + 1}个字符处）`;
      problem('opening_hours', `opening hours: ${reason}${at}`, reason_zh && `开放时间无法识别${atZh}：${reason_zh}`);
      ok = false;
    }
    if (typeof row.cells.street_code === 'string' || current) {
      if (!streets.has(values.street_code)) {
        problem('street_code', `unknown street code ${values.street_code}`);
        ok = false;
      } else if (!mayEdit(user, values.street_code)) {
        plan.outside = true;
        problem('street_code', `street ${values.street_code} is outside your streets`);
        ok = false;
      }
    }
    if (!ok) continue;
    if (!current) {
      const created = { ...values, external_id: key };
      plan.creates.push(created);
      plan.changes.push({ row: row.row, action: 'create', site_id: null, name: created.name, fields: [] });
      placed.push({ row: row.row, values: created });
      continue;
    }
    const changed = changedKeys(valuesOf(current), values);
    if (!changed.length) {
      plan.unchanged++;
      continue;
    }
    plan.updates.push({ current, values, changed });
    plan.changes.push({
      row: row.row, action: 'update', site_id: current.id, name: current.name,
      fields: changed.map((f) => ({ field: f, old: current[f], new: values[f] })),
    });
    if (changed.includes('lat') || changed.includes('lng') || changed.includes('street_code')) placed.push({ row: row.row, values });
  }
  if (!confirmFar) errors.push(...await farRows(d1, placed, column));
  return plan;
}

/** Rows placed far from the live sites already in their district (as a single write would be refused). */
async function farRows(d1: D1Database, placed: { row: number; values: SiteValues }[], column: (key: string | null) => string | null) {
  const districts = [...new Set(placed.map((p) => p.values.street_code.slice(0, 6)))];
  const centres = new Map(await Promise.all(districts.map(async (d) => [d, districtCentre(await districtPositions(d1, d))] as const)));
  return placed.filter((p) => farFrom(p.values, centres.get(p.values.street_code.slice(0, 6)) ?? null)).map((p) => ({
    row: p.row, column: column('lat'),
    reason: `more than ${FAR_METRES / 1000} km from the other sites of district ${p.values.street_code.slice(0, 6)}; check the position, or import with confirm_far=true`,
  }));
}

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

/** Writes the plan in one batch and returns the rows written; throws ImportConflict if sites changed since it was made. */
export async function applyImport(d1: D1Database, actor: string, plan: ImportPlan, streets: Map<string, StreetNames>): Promise<number> {
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
  for (const { columns, updates } of updateShapes(plan.updates)) {
    const assignments = columns.map((c) => `${c} = j.value ->> '${c}'`).join(', ');
    for (const part of chunks(updates)) {
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
  }
  if (!statements.length) return 0;
  try {
    const written = rowsWritten(await d1.batch(statements));
    sitesChanged();
    return written;
  } catch (err) {
    if (err instanceof Error && /malformed JSON|UNIQUE constraint failed: sites\.external_id/.test(err.message)) {
      throw new ImportConflict(err.message);
    }
    throw err;
  }
}

/**
 * Updates grouped by the columns they change, so each UPDATE SETs only those (D1 bills
 * every index entry a SET column touches, changed or not). Past MAX_UPDATE_SHAPES groups,
 * the rarest are merged into one that SETs the union (unchanged columns get their own value).
 */
function updateShapes(updates: ImportPlan['updates']) {
  const groups = new Map<string, ImportPlan['updates']>();
  for (const u of updates) {
    const key = u.changed.join(',');
    const group = groups.get(key);
    if (group) group.push(u);
    else groups.set(key, [u]);
  }
  const sorted = [...groups.values()].sort((a, b) => b.length - a.length);
  const kept = sorted.slice(0, MAX_UPDATE_SHAPES - 1);
  const rest = sorted.slice(MAX_UPDATE_SHAPES - 1).flat();
  if (rest.length) kept.push(rest);
  return kept.map((group) => {
    const changed = new Set(group.flatMap((u) => u.changed));
    const columns: string[] = SITE_VALUE_KEYS.filter((k) => changed.has(k));
    if (changed.has('lat') || changed.has('lng')) columns.push('cell');
    return { columns, updates: group };
  });
}
