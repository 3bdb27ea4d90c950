// Writing a bulk import of sites (planned and checked by worker/services/imports.ts):
// every write (new sites, changed sites, their history rows) goes to D1 as one batch,
// i.e. one transaction: all rows or none. Rows travel as one JSON text parameter per chunk
// (`INSERT … SELECT … FROM json_each(?)`), which keeps 10,000 rows within D1's
// limits of 100 bound parameters and 100 KB of SQL per statement.

import { cellOf } from '../core/geo/cell';
import type { Site } from '../core/site';
import { SITE_VALUE_KEYS, type SiteValues } from '../core/site-input';
import { siteOf } from '../core/site-values';
import { sitesChanged } from './geo-state';
import { rowsWritten } from './site-writes';
import type { StreetNames } from './streets';

/** Rows per JSON parameter: about 0.4 MB of history JSON, well under D1's 2 MB per value. */
const CHUNK = 500;
/** Most UPDATE statements an import sends (one per set of changed columns); rarer sets are merged. */
const MAX_UPDATE_SHAPES = 40;

/** What an import writes: the sites it creates, and the sites it changes with the columns that change. */
export interface ImportWrite {
  creates: SiteValues[];
  updates: { current: Site; values: SiteValues; changed: (keyof SiteValues)[] }[];
}

const chunks = <T>(list: T[], size = CHUNK) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** A row as the SQL reads it from json_each: arrays as JSON text, plus the cell. */
const sqlRow = (values: SiteValues) => ({
  ...Object.fromEntries(
    SITE_VALUE_KEYS.map((k) => [k, Array.isArray(values[k]) ? JSON.stringify(values[k]) : values[k]]),
  ),
  cell: cellOf(values.lat, values.lng),
});

const COLUMN_LIST = [...SITE_VALUE_KEYS, 'cell'];
const fromJson = COLUMN_LIST.map((c) => `j.value ->> '${c}'`).join(', ');

/** Ends the batch (rolling it back) unless the previous statement changed exactly `?` rows. */
const ASSERT_CHANGES = `SELECT CASE WHEN changes() = ? THEN 1 ELSE json_extract('{import aborted: sites changed meanwhile', '$') END`;

export class ImportConflict extends Error {}

/** Writes the plan in one batch and returns the rows written; throws ImportConflict if sites changed since it was made. */
export async function applyImport(
  d1: D1Database,
  actor: string,
  plan: ImportWrite,
  streets: Map<string, StreetNames>,
): Promise<number> {
  const at = new Date().toISOString();
  const statements: D1PreparedStatement[] = [];
  for (const part of chunks(plan.creates)) {
    statements.push(
      d1
        .prepare(`INSERT INTO sites (${COLUMN_LIST.join(', ')}, created_at, updated_at)
        SELECT ${fromJson}, ?, ? FROM json_each(?) AS j`)
        .bind(at, at, JSON.stringify(part.map(sqlRow))),
      d1.prepare(ASSERT_CHANGES).bind(part.length),
      d1
        .prepare(`INSERT INTO site_changes (site_id, at, actor, action, before, after)
        SELECT s.id, ?, ?, 'import', NULL, json_set(j.value -> 'after', '$.id', s.id)
        FROM json_each(?) AS j JOIN sites AS s ON s.external_id = j.value ->> 'key'`)
        .bind(
          at,
          actor,
          JSON.stringify(
            part.map((v) => ({
              key: v.external_id,
              after: siteOf(
                v,
                { id: 0, created_at: at, updated_at: at, version: 1 },
                streets.get(v.street_code) ?? null,
              ),
            })),
          ),
        ),
    );
  }
  for (const { columns, updates } of updateShapes(plan.updates)) {
    const assignments = columns.map((c) => `${c} = j.value ->> '${c}'`).join(', ');
    for (const part of chunks(updates)) {
      statements.push(
        d1
          .prepare(`UPDATE sites SET ${assignments}, updated_at = ?, version = sites.version + 1
          FROM json_each(?) AS j WHERE sites.id = j.value ->> 'id' AND sites.version = j.value ->> 'version'`)
          .bind(
            at,
            JSON.stringify(
              part.map(({ current, values }) => ({ ...sqlRow(values), id: current.id, version: current.version })),
            ),
          ),
        d1.prepare(ASSERT_CHANGES).bind(part.length),
        d1
          .prepare(`INSERT INTO site_changes (site_id, at, actor, action, before, after)
          SELECT j.value ->> 'id', ?, ?, 'import', j.value -> 'before', j.value -> 'after' FROM json_each(?) AS j`)
          .bind(
            at,
            actor,
            JSON.stringify(
              part.map(({ current, values }) => ({
                id: current.id,
                before: current,
                after: siteOf(
                  values,
                  { id: current.id, created_at: current.created_at, updated_at: at, version: current.version + 1 },
                  streets.get(values.street_code) ?? null,
                ),
              })),
            ),
          ),
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
function updateShapes(updates: ImportWrite['updates']) {
  const groups = new Map<string, ImportWrite['updates']>();
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
