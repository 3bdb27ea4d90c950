// The CSV import, start to end: decode the bytes (UTF-8 or GBK) → parse the rows →
// check every row against the site it creates or changes → list the changes → write them
// all in one batch (worker/db/site-imports.ts), or nothing. Every problem of every row is
// found before anything is written; routes/imports.ts only speaks HTTP.
import { mayEdit, type User } from '../auth/user';
import { decodeCsv } from '../core/csv/decode';
import type { RowChange } from '../core/csv/row-changes';
import { rowKey, rowValues } from '../core/csv/row-values';
import { type CsvRow, parseSiteRows, type RowError } from '../core/csv/rows';
import { readHours } from '../core/hours/hours-input';
import { districtCentre, FAR_METRES, farFrom, type SiteValues, siteIssues } from '../core/site-input';
import { changedKeys, valuesOf } from '../core/site-values';
import { applyImport, ImportConflict, type ImportWrite } from '../db/site-imports';
import { districtPositions, sitesByImportKey } from '../db/sites';
import { allStreets, type StreetNames } from '../db/streets';

/** How many rows' changes a result lists; the rest are counted. */
export const MAX_LISTED_CHANGES = 1000;

interface ImportPlan extends ImportWrite {
  errors: RowError[];
  /** Whether some row touches a street outside the user's (the answer is then 403, not 422). */
  outside: boolean;
  unchanged: number;
  /** Row by row, what the import creates and changes (dry runs list these). */
  changes: RowChange[];
}

export interface ImportOptions {
  /** Check only; write nothing. */
  dryRun: boolean;
  /** Accept rows placed far from the other sites of their district. */
  confirmFar: boolean;
}

export interface ImportResult {
  dry_run: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  encoding: 'utf-8' | 'gbk';
  /** The first MAX_LISTED_CHANGES rows' changes, in row order. */
  changes: RowChange[];
  changes_omitted: number;
  /** Rows D1 wrote (0 for a dry run). */
  rows_written: number;
}

/** What an import came to: done (or checked), or refused with nothing written. */
export type ImportOutcome =
  | { ok: true; result: ImportResult }
  /** The bytes are not text in a known encoding (a byte-order mark with invalid UTF-8). */
  | { ok: false; refusal: 'undecodable'; row: number; reason: string; byteOffset: number }
  /** Rows with problems, every one listed; `outside` when some touch streets not the user's. */
  | { ok: false; refusal: 'rejected'; problems: RowError[]; rows: number; outside: boolean }
  /** Sites changed between the check and the write. */
  | { ok: false; refusal: 'conflict' };

/** Imports a CSV file's sites for a user: every row, or (on any problem) none. */
export async function importSites(
  d1: D1Database,
  user: User,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok)
    return {
      ok: false,
      refusal: 'undecodable',
      row: decoded.row,
      reason: decoded.reason,
      byteOffset: decoded.byteOffset,
    };
  const { rows, errors, headers } = parseSiteRows(decoded.text);
  const streets = await allStreets(d1);
  const plan = await planImport(d1, user, rows, headers, streets, options.confirmFar);
  const problems = errors.concat(plan.errors);
  if (problems.length) return { ok: false, refusal: 'rejected', problems, rows: rows.length, outside: plan.outside };
  let written = 0;
  if (!options.dryRun) {
    try {
      written = await applyImport(d1, user.username, plan, streets);
    } catch (err) {
      if (err instanceof ImportConflict) return { ok: false, refusal: 'conflict' };
      throw err;
    }
  }
  return {
    ok: true,
    result: {
      dry_run: options.dryRun,
      rows: rows.length,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      encoding: decoded.encoding,
      changes: plan.changes.slice(0, MAX_LISTED_CHANGES),
      changes_omitted: Math.max(0, plan.changes.length - MAX_LISTED_CHANGES),
      rows_written: written,
    },
  };
}

/**
 * Checks every row against the site it creates or changes and sorts the rows into
 * creations, changes and unchanged rows; writes nothing. Rows with bad cells are still
 * checked for everything else, so that every problem of every row is listed at once.
 */
async function planImport(
  d1: D1Database,
  user: User,
  rows: CsvRow[],
  headers: Map<string, string>,
  streets: Map<string, StreetNames>,
  confirmFar: boolean,
): Promise<ImportPlan> {
  const errors: RowError[] = [];
  const column = (key: string | null) => (key === null ? null : (headers.get(key) ?? key));
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
        row: row.row,
        column: column(byId ? 'external_id' : 'name'),
        reason: `same ${byId ? 'external_id' : 'street_code and name'} as row ${twin}`,
      });
      continue;
    }
    firstRowOf.set(key, row.row);
    keyed.push({ row, key });
  }
  const existing = await sitesByImportKey(
    d1,
    keyed.map((k) => k.key),
  );
  const plan: ImportPlan = { errors, outside: false, creates: [], updates: [], unchanged: 0, changes: [] };
  /** Rows that place a site somewhere new, to be checked against their district. */
  const placed: { row: number; values: SiteValues }[] = [];
  for (const { row, key } of keyed) {
    const current = existing.get(key) ?? null;
    const problem = (key: string | null, reason: string, reason_zh?: string) =>
      errors.push({ row: row.row, column: column(key), reason, ...(reason_zh ? { reason_zh } : {}) });
    if (current && !mayEdit(user, current.street_code)) {
      plan.outside = true;
      problem(
        row.cells.external_id ? 'external_id' : 'name',
        `belongs to a site of street ${current.street_code}, outside your streets`,
      );
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
      row: row.row,
      action: 'update',
      site_id: current.id,
      name: current.name,
      fields: changed.map((f) => ({ field: f, old: current[f], new: values[f] })),
    });
    if (changed.includes('lat') || changed.includes('lng') || changed.includes('street_code'))
      placed.push({ row: row.row, values });
  }
  if (!confirmFar) errors.push(...(await farRows(d1, placed, column)));
  return plan;
}

/** Rows placed far from the live sites already in their district (as a single write would be refused). */
async function farRows(
  d1: D1Database,
  placed: { row: number; values: SiteValues }[],
  column: (key: string | null) => string | null,
) {
  const districts = [...new Set(placed.map((p) => p.values.street_code.slice(0, 6)))];
  const centres = new Map(
    await Promise.all(districts.map(async (d) => [d, districtCentre(await districtPositions(d1, d))] as const)),
  );
  return placed
    .filter((p) => farFrom(p.values, centres.get(p.values.street_code.slice(0, 6)) ?? null))
    .map((p) => ({
      row: p.row,
      column: column('lat'),
      reason: `more than ${FAR_METRES / 1000} km from the other sites of district ${p.values.street_code.slice(0, 6)}; check the position, or import with confirm_far=true`,
    }));
}
