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
// D1's limit of bound parameters per statement.
const MAX_PARAMS = 100;
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

/** Ranges read by one term of a compound SELECT, with a LIMIT of the sites they can hold. */
interface Term {
  readonly ranges: readonly Range[];
  readonly limit: number;
}

/** Bound parameters of a statement of these terms: the kind, and each term's bounds and LIMIT. */
const paramsOf = (terms: readonly Term[]) => 1 + terms.reduce((n, t) => n + 2 * t.ranges.length + 1, 0);

/** One statement of LIMITed terms (at most TERMS_PER_STATEMENT) over one kind's sites. */
function termStatement(tally: Tally, kind: Kind, terms: readonly Term[]): D1PreparedStatement {
  const values: unknown[] = [kind];
  const param = (v: unknown) => {
    values.push(v);
    return `?${values.length}`;
  };
  // A LIMIT bound as a JS number made every term slower (measured through wrangler dev: two
  // statements of four terms took 0.76 ms of D1's SQL time with `LIMIT ?`, 0.21 ms with the
  // cast, the same as a literal); the bounds, bound the same way, cost nothing extra.
  const limitOf = (n: number) => `CAST(${param(n)} AS INTEGER)`;
  const sql = terms.map(({ ranges, limit }) => {
    if (ranges.length === 1) {
      return `SELECT * FROM (SELECT s.* FROM sites s WHERE s.kind = ?1 AND s.cell BETWEEN ${param(ranges[0]![0])} AND ${param(ranges[0]![1])}
          AND s.status != 'retired' LIMIT ${limitOf(limit)})`;
    }
    const list = ranges.map(([lo, hi]) => `(${param(lo)}, ${param(hi)})`).join(', ');
    return `SELECT * FROM (WITH r(lo, hi) AS (VALUES ${list}) SELECT s.* FROM r CROSS JOIN sites s
        ON s.kind = ?1 AND s.cell BETWEEN r.lo AND r.hi WHERE s.status != 'retired' LIMIT ${limitOf(limit)})`;
  });
  return tally.prepare(sql.join(' UNION ALL '), ...values);
}

/** Parts of leaves read without knowing their count: their ranges, and the sites of the leaves they are parts of. */
export interface CutRead {
  readonly ranges: readonly Range[];
  readonly n: number;
}

/**
 * Statements reading each kind's runs exactly: every term of a statement (D1 allows 5 in a
 * compound SELECT) reads its ranges with a LIMIT of their sites' count, so the scan stops at
 * the last site instead of reading the row past the range's end. A term's earlier ranges
 * still read one row past their end, so up to `budget` statements are used (one term per
 * run), beyond which runs share terms. Cut ranges join the last statement as one more term
 * (its LIMIT, the sites of the leaves they cut, never stops it early) when it has room;
 * else they are a statement of their own.
 */
function exactStatements(
  tally: Tally,
  kind: Kind,
  runs: readonly Run[],
  budget: number,
  cut: CutRead | undefined,
): D1PreparedStatement[] {
  const chunks: Term[][] = [];
  const withCut = cut !== undefined && cut.ranges.length > 0;
  if (runs.length > 0) {
    const statements = Math.max(
      Math.ceil(runs.length / EXACT_RANGES_PER_STATEMENT),
      Math.min(Math.ceil((runs.length + (withCut ? 1 : 0)) / TERMS_PER_STATEMENT), budget),
    );
    const pieces = split(runs, statements);
    pieces.forEach((chunk, i) => {
      // The last statement keeps a term for the cut ranges: runs sharing a term pay a few end
      // rows, a statement of their own costs the worker more time.
      const room = TERMS_PER_STATEMENT - (withCut && i === pieces.length - 1 ? 1 : 0);
      chunks.push(
        split(chunk, Math.min(chunk.length, room)).map((term) => ({
          ranges: term.map((r): Range => [r.lo, r.hi]),
          limit: term.reduce((n, r) => n + r.n, 0),
        })),
      );
    });
  }
  const out: D1PreparedStatement[] = [];
  if (cut && cut.ranges.length > 0) {
    const last = chunks[chunks.length - 1];
    const term = { ranges: cut.ranges, limit: cut.n };
    if (last && last.length < TERMS_PER_STATEMENT && paramsOf([...last, term]) <= MAX_PARAMS) last.push(term);
    else out.push(...kindStatements(tally, kind, cut.ranges));
  }
  return [...chunks.map((terms) => termStatement(tally, kind, terms)), ...out];
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
 * (in the same statement where there is room). Undefined when there is nothing to read and no probe to send.
 */
export async function readRuns(
  tally: Tally,
  runsByKind: ReadonlyMap<Kind, readonly Run[]>,
  cutByKind: ReadonlyMap<Kind, CutRead>,
  budget: number,
  probe: boolean,
): Promise<{ rows: SiteRow[]; version?: number } | undefined> {
  const kinds = new Set([...runsByKind.keys(), ...cutByKind.keys()]);
  const statements = [...kinds].flatMap((kind) =>
    exactStatements(tally, kind, runsByKind.get(kind) ?? [], budget, cutByKind.get(kind)),
  );
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
