// The statements of the geo search (README "The geo index"): live sites read through the
// (kind, cell) index, one key range per Web-Mercator tile, and the `cell_counts` of tiles.
// What to read is planned in worker/services/search/; this file only writes and runs the
// SQL, within D1's limits. Every statement's `meta.rows_read` is added up on the Tally.

import type { Range } from '../core/geo/cover';
import type { Run } from '../core/geo/leaves';
import type { Site } from '../core/site';
import type { Kind } from '../core/vocabulary';
import { streetNamesOf, type Tally, versionOf, versionProbe } from './geo-state';
import type { SiteRow } from './schema';
import { toSite } from './sites';

// D1 allows 5 terms in a compound SELECT; with one kind, a LIMIT per term and two bounds per
// range, 47 ranges fit a statement's 100 bound parameters.
const TERMS_PER_STATEMENT = 5;
const EXACT_RANGES_PER_STATEMENT = 47;
// One kind plus two bounds per range keeps a statement within D1's 100 bound parameters.
const RANGES_PER_STATEMENT = 49;
// Kind and zoom plus one tile key per probe, within D1's 100 bound parameters.
const COUNT_PROBES_PER_STATEMENT = 98;

type RawSite = Omit<SiteRow, 'phones' | 'amenities' | 'elder_services' | 'accessibility'> & {
  phones: string;
  amenities: string;
  elder_services: string;
  accessibility: string;
};

export function parseRow(raw: RawSite): SiteRow {
  return {
    ...raw,
    phones: JSON.parse(raw.phones) as string[],
    amenities: JSON.parse(raw.amenities) as string[],
    elder_services: JSON.parse(raw.elder_services) as string[],
    accessibility: JSON.parse(raw.accessibility) as string[],
  };
}

/** Statements reading the live sites of one kind in the given cell ranges. */
function kindStatements(tally: Tally, kind: Kind, ranges: readonly Range[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < ranges.length; i += RANGES_PER_STATEMENT) {
    const chunk = ranges.slice(i, i + RANGES_PER_STATEMENT);
    // CROSS JOIN keeps the ranges as the outer loop: one index range scan per range.
    // `status != 'retired'` is the partial index's condition, so retired rows are never read.
    const values = chunk.map((_, j) => `(?${2 * j + 2}, ?${2 * j + 3})`).join(', ');
    statements.push(
      tally.prepare(
        `WITH r(lo, hi) AS (VALUES ${values}) SELECT s.* FROM r CROSS JOIN sites s
       ON s.kind = ?1 AND s.cell BETWEEN r.lo AND r.hi WHERE s.status != 'retired'`,
        kind,
        ...chunk.flat(),
      ),
    );
  }
  return statements;
}

/** Statements reading, in one batch, the live sites of each kind in its cell ranges. */
const rangeStatements = (tally: Tally, rangesByKind: ReadonlyMap<Kind, readonly Range[]>) =>
  [...rangesByKind].flatMap(([kind, ranges]) => kindStatements(tally, kind, ranges));

/** Runs statements in one batch, the `geo_version` probe first when `probe` is set. */
async function runProbed(
  tally: Tally,
  statements: D1PreparedStatement[],
  probe: boolean,
): Promise<{ rows: unknown[]; version?: number }> {
  const results = await tally.run<unknown>(probe ? [versionProbe(tally), ...statements] : statements);
  const version = probe ? versionOf(results.shift()) : undefined;
  return { rows: results.flat(), version };
}

/**
 * Reads the live sites of each kind in its cell ranges in one batch that also carries the
 * `geo_version` probe when `probe` is set; returns the rows and the version read.
 */
export async function readRanges(
  tally: Tally,
  rangesByKind: ReadonlyMap<Kind, readonly Range[]>,
  probe = false,
): Promise<{ rows: SiteRow[]; version?: number }> {
  const read = await runProbed(tally, rangeStatements(tally, rangesByKind), probe);
  return { rows: (read.rows as RawSite[]).map(parseRow), version: read.version };
}

/**
 * Statements reading each kind's runs exactly: every term of a statement (D1 allows 5 in a
 * compound SELECT) reads its ranges with a LIMIT of their sites' count, so the scan stops at
 * the last site instead of reading the row past the range's end. A term's earlier ranges
 * still read one row past their end, so up to `budget` statements are used (one term per
 * run), beyond which runs share terms.
 */
function exactStatements(tally: Tally, kind: Kind, runs: readonly Run[], budget: number): D1PreparedStatement[] {
  if (runs.length === 0) return [];
  const statements = Math.max(
    Math.ceil(runs.length / EXACT_RANGES_PER_STATEMENT),
    Math.min(Math.ceil(runs.length / TERMS_PER_STATEMENT), budget),
  );
  const out: D1PreparedStatement[] = [];
  for (const chunk of split(runs, statements)) {
    const values: unknown[] = [kind];
    const param = (v: unknown) => {
      values.push(v);
      return `?${values.length}`;
    };
    const terms = split(chunk, Math.min(chunk.length, TERMS_PER_STATEMENT)).map((term) => {
      const limit = term.reduce((n, r) => n + r.n, 0);
      if (term.length === 1) {
        return `SELECT * FROM (SELECT s.* FROM sites s WHERE s.kind = ?1 AND s.cell BETWEEN ${param(term[0]!.lo)} AND ${param(term[0]!.hi)}
          AND s.status != 'retired' LIMIT ${param(limit)})`;
      }
      const ranges = term.map((r) => `(${param(r.lo)}, ${param(r.hi)})`).join(', ');
      return `SELECT * FROM (WITH r(lo, hi) AS (VALUES ${ranges}) SELECT s.* FROM r CROSS JOIN sites s
        ON s.kind = ?1 AND s.cell BETWEEN r.lo AND r.hi WHERE s.status != 'retired' LIMIT ${param(limit)})`;
    });
    out.push(tally.prepare(terms.join(' UNION ALL '), ...values));
  }
  return out;
}

/** Splits a list into `parts` consecutive pieces of near-equal length. */
function split<T>(list: readonly T[], parts: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < parts; i++)
    out.push(list.slice(Math.floor((i * list.length) / parts), Math.floor(((i + 1) * list.length) / parts)));
  return out.filter((p) => p.length > 0);
}

/**
 * Reads, in one batch (with the version probe if `probe`), each kind's runs of whole leaves
 * exactly (a LIMIT of their count; up to `budget` statements per kind) and its cut ranges
 * plainly. Undefined when there is nothing to read and no probe to send.
 */
export async function readRuns(
  tally: Tally,
  runsByKind: ReadonlyMap<Kind, readonly Run[]>,
  cutByKind: ReadonlyMap<Kind, readonly Range[]>,
  budget: number,
  probe: boolean,
): Promise<{ rows: SiteRow[]; version?: number } | undefined> {
  const statements = [
    ...[...runsByKind].flatMap(([kind, runs]) => exactStatements(tally, kind, runs, budget)),
    ...[...cutByKind].flatMap(([kind, ranges]) => kindStatements(tally, kind, ranges)),
  ];
  if (statements.length === 0 && !probe) return undefined;
  const read = await runProbed(tally, statements, probe);
  return { rows: (read.rows as RawSite[]).map(parseRow), version: read.version };
}

/** A `cell_counts` row of a view's tile: live sites of a kind, and the sums of their coordinates. */
export interface CountRow {
  kind: Kind;
  tile: number;
  n: number;
  sum_lat: number;
  sum_lng: number;
}

/** The count tiles of a view at zoom z, read in one batch (with the version probe if `probe`). */
export async function readCounts(
  tally: Tally,
  kinds: readonly Kind[],
  keys: readonly number[],
  z: number,
  probe: boolean,
) {
  // One primary-key probe per tile: a missing tile reads no row, whereas a key range
  // would read one row past its end even when empty.
  const statements: D1PreparedStatement[] = [];
  for (const kind of kinds) {
    for (let i = 0; i < keys.length; i += COUNT_PROBES_PER_STATEMENT) {
      const chunk = keys.slice(i, i + COUNT_PROBES_PER_STATEMENT);
      statements.push(
        tally.prepare(
          `WITH t(k) AS (VALUES ${chunk.map((_, j) => `(?${j + 3})`).join(', ')}) SELECT ?1 AS kind, c.tile, c.n, c.sum_lat, c.sum_lng
         FROM t CROSS JOIN cell_counts c ON c.kind = ?1 AND c.z = ?2 AND c.tile = t.k`,
          kind,
          z,
          ...chunk,
        ),
      );
    }
  }
  const read = await runProbed(tally, statements, probe);
  return { version: read.version, counts: read.rows as CountRow[] };
}

/** Adds street and district names to the chosen rows; only streets new to this isolate cost a read. */
export async function withStreets<T extends { row: SiteRow }>(
  tally: Tally,
  chosen: readonly T[],
): Promise<(T & { site: Site })[]> {
  const names = await streetNamesOf(
    tally,
    chosen.map((c) => c.row.street_code),
  );
  return chosen.map((c) => ({ ...c, site: toSite(c.row, names.get(c.row.street_code) ?? null) }));
}
