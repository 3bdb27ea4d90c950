// Writing sites. Every change and its history row go to D1 in one batch (one
// transaction): a change without its record cannot exist. Updates are optimistic:
// `WHERE id = ? AND version = ?`, and the history row is inserted only when that
// update changed a row (`changes() = 1`).

import { cellOf } from '../core/geo/cell';
import type { Site } from '../core/site';
import { SITE_VALUE_KEYS, type SiteValues } from '../core/site-input';
import { changedKeys, siteOf, valuesOf } from '../core/site-values';
import { sitesChanged } from './geo-state';
import type { ChangeAction } from './schema/changes';
import type { StreetNames } from './streets';

type Bind = string | number | null;

/** The value bound for a column: JSON arrays as text. */
const bindValue = (v: SiteValues[keyof SiteValues]): Bind =>
  Array.isArray(v) ? JSON.stringify(v) : typeof v === 'boolean' ? Number(v) : (v as Bind);

/** Rows a batch wrote, as D1 bills them (index entries, triggers and all). */
export const rowsWritten = (results: readonly D1Result[]) =>
  results.reduce((n, r) => n + (r.meta.rows_written ?? 0), 0);

export class DuplicateExternalId extends Error {}

function rethrow(err: unknown): never {
  if (err instanceof Error && /UNIQUE constraint failed: sites\.external_id/.test(err.message))
    throw new DuplicateExternalId(err.message);
  throw err;
}

/** Inserts a site and its `create` history row; returns the new site and the rows written. */
export async function createSite(
  d1: D1Database,
  actor: string,
  values: SiteValues,
  street: StreetNames,
): Promise<{ site: Site; rows_written: number }> {
  const at = new Date().toISOString();
  const columns = [...SITE_VALUE_KEYS, 'cell', 'created_at', 'updated_at'];
  const binds: Bind[] = [...SITE_VALUE_KEYS.map((k) => bindValue(values[k])), cellOf(values.lat, values.lng), at, at];
  const after = siteOf(values, { id: 0, created_at: at, updated_at: at, version: 1 }, street);
  const results = await d1
    .batch([
      d1
        .prepare(`INSERT INTO sites (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) RETURNING id`)
        .bind(...binds),
      // last_insert_rowid() is the site just inserted (trigger inserts do not change it once they end).
      d1
        .prepare(`INSERT INTO site_changes (site_id, at, actor, action, before, after)
      VALUES (last_insert_rowid(), ?, ?, 'create', NULL, json_set(?, '$.id', last_insert_rowid()))`)
        .bind(at, actor, JSON.stringify(after)),
    ])
    .catch(rethrow);
  sitesChanged();
  const id = (results[0]!.results[0] as { id: number }).id;
  return { site: { ...after, id }, rows_written: rowsWritten(results) };
}

export type UpdateResult = { ok: true; site: Site; change_id: number; rows_written: number } | { ok: false };

/**
 * Writes `values` over a site if it is still at `current.version`, with a history row
 * of `action`; `{ ok: false }` (and nothing written) when someone changed it first.
 * Only the columns that change are SET: D1 bills every index entry an UPDATE touches
 * (even with an unchanged value), and the cell_counts trigger follows the same rule.
 */
export async function updateSite(
  d1: D1Database,
  actor: string,
  action: ChangeAction,
  current: Site,
  values: SiteValues,
  street: StreetNames | null,
): Promise<UpdateResult> {
  const at = new Date().toISOString();
  const after = siteOf(
    values,
    { id: current.id, created_at: current.created_at, updated_at: at, version: current.version + 1 },
    street,
  );
  const changed = changedKeys(valuesOf(current), values);
  const moved = changed.includes('lat') || changed.includes('lng');
  const assignments = [
    ...changed.map((k) => `${k} = ?`),
    ...(moved ? ['cell = ?'] : []),
    'updated_at = ?',
    'version = version + 1',
  ];
  const binds: Bind[] = [
    ...changed.map((k) => bindValue(values[k])),
    ...(moved ? [cellOf(values.lat, values.lng)] : []),
    at,
  ];
  const results = await d1
    .batch([
      d1
        .prepare(`UPDATE sites SET ${assignments.join(', ')} WHERE id = ? AND version = ?`)
        .bind(...binds, current.id, current.version),
      d1
        .prepare(`INSERT INTO site_changes (site_id, at, actor, action, before, after)
      SELECT ?, ?, ?, ?, ?, ? WHERE changes() = 1 RETURNING id`)
        .bind(current.id, at, actor, action, JSON.stringify(current), JSON.stringify(after)),
    ])
    .catch(rethrow);
  sitesChanged();
  const row = results[1]!.results[0] as { id: number } | undefined;
  return row ? { ok: true, site: after, change_id: row.id, rows_written: rowsWritten(results) } : { ok: false };
}
