// What a worker isolate keeps between geo requests so that one D1 round trip answers
// them: the zoom-18 `cell_counts` and their sums (worker/core/geo/density.ts) with the `geo_version` they were
// read at, and the street names met so far (343 in Beijing; they change only with the
// statistics bureau's list, so they are kept for the isolate's life). Each geo request sends the one-row version probe in the same batch
// as its reads; when the version has moved, the snapshot is read again before the
// answer goes out (a stale snapshot only costs rows, never a wrong answer).

import { type Densities, densitiesFromLeaves, LEAF_ZOOM, type LeafRow } from '../core/geo/density';
import { codes, KINDS } from '../core/vocabulary';
import type { StreetNames } from './streets';

/** A D1 database or a read-replica session of it. */
export type Reader = D1Database | D1DatabaseSession;

export interface GeoState {
  readonly version: number;
  readonly densities: Densities;
  /** Date.now() when the version was last confirmed against D1. */
  readonly checkedAt: number;
}

/** Counts what a request cost: D1's rows read, statements and round trips (one per batch). */
export class Tally {
  rows_read = 0;
  statements = 0;
  round_trips = 0;
  constructor(readonly d1: Reader) {}

  async run<T>(statements: D1PreparedStatement[]): Promise<T[][]> {
    if (statements.length === 0) return [];
    const results = statements.length === 1 ? [await statements[0]!.all<T>()] : await this.d1.batch<T>(statements);
    for (const r of results) this.rows_read += r.meta.rows_read;
    this.statements += statements.length;
    this.round_trips += 1;
    return results.map((r) => r.results);
  }

  prepare(sql: string, ...values: unknown[]): D1PreparedStatement {
    return this.d1.prepare(sql).bind(...values);
  }
}

/**
 * How long a version read from D1 is trusted: within it, geo reads skip the version probe
 * and cached answers are served without asking D1. A write elsewhere shows after at most this.
 */
export const VERSION_TRUST_MS = 5_000;

let state: GeoState | undefined;
let loading: Promise<GeoState> | undefined;
/** The latest `geo_version` this isolate read, and when: keys of cached public responses. */
let seen: { version: number; at: number } | undefined;

/** The probe every geo batch carries: one primary-key row. */
export const versionProbe = (tally: Tally) => tally.prepare('SELECT v FROM geo_version WHERE id = 1');

/** The version a probe read (0 on a database without the counter row). */
export const versionOf = (rows: readonly unknown[] | undefined): number =>
  (rows?.[0] as { v: number } | undefined)?.v ?? 0;

async function load(tally: Tally): Promise<GeoState> {
  const kinds = codes(KINDS);
  // One batch is one transaction: the counts and version agree with each other. Only the
  // leaf zoom is read (each kind's a key range of cell_counts' primary key); the coarser
  // counts are their sums.
  const statements = [
    versionProbe(tally),
    // With the coordinate sums: a leaf of one site then says where that site is.
    ...kinds.map((kind) =>
      tally.prepare('SELECT tile, n, sum_lat, sum_lng FROM cell_counts WHERE kind = ? AND z = ?', kind, LEAF_ZOOM),
    ),
  ];
  const [version, ...counts] = await tally.run<unknown>(statements);
  seen = { version: versionOf(version), at: Date.now() };
  return {
    version: versionOf(version),
    densities: densitiesFromLeaves(kinds.map((kind, i) => ({ kind, rows: counts[i] as LeafRow[] }))),
    checkedAt: Date.now(),
  };
}

const streets = new Map<string, StreetNames>();

/** Street and district names by street code; only codes this isolate has not met yet are read (one round trip). */
export async function streetNamesOf(
  tally: Tally,
  codesWanted: Iterable<string>,
): Promise<ReadonlyMap<string, StreetNames>> {
  const missing = [...new Set(codesWanted)].filter((code) => !streets.has(code));
  // 100 bound parameters per statement; all chunks go in one batch.
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < missing.length; i += 100) {
    const chunk = missing.slice(i, i + 100);
    statements.push(
      tally.prepare(
        `SELECT code, name, district_name FROM streets WHERE code IN (${chunk.map(() => '?').join(', ')})`,
        ...chunk,
      ),
    );
  }
  for (const r of (await tally.run<{ code: string; name: string; district_name: string }>(statements)).flat()) {
    streets.set(r.code, { name: r.name, district_name: r.district_name });
  }
  return streets;
}

/**
 * The isolate's snapshot, read from D1 (one round trip, counted on the tally) if it has
 * none, or if a version probe (of the response cache) has since seen the data move.
 */
export async function geoState(tally: Tally): Promise<GeoState> {
  if (state && seen && seen.version !== state.version) state = undefined;
  if (state) return state;
  if (!loading) {
    loading = load(tally)
      .then((s) => (state = s))
      .finally(() => {
        loading = undefined;
      });
    return loading;
  }
  // Another request of this isolate is reading it already.
  return loading;
}

/** After a request's batch: keeps the snapshot if the probed version is its own, else reads it again. */
export async function confirmVersion(tally: Tally, version: number): Promise<void> {
  seen = { version, at: Date.now() };
  if (state && state.version === version) {
    state = { ...state, checkedAt: Date.now() };
    return;
  }
  state = undefined;
  await geoState(tally);
}

/** The data version if this isolate read it within VERSION_TRUST_MS; else undefined (probe it). */
export function knownVersion(): number | undefined {
  return seen && Date.now() - seen.at <= VERSION_TRUST_MS ? seen.version : undefined;
}

/** Whether a geo read must carry the version probe: its snapshot was not just read or confirmed. */
export const needsProbe = (tally: Tally) => tally.round_trips === 0 && knownVersion() === undefined;

/** Reads the data version (one row, one round trip) for keys of cached public responses. */
export async function probeVersion(d1: Reader): Promise<number> {
  const version = versionOf((await d1.prepare('SELECT v FROM geo_version WHERE id = 1').all()).results);
  seen = { version, at: Date.now() };
  return version;
}

/**
 * Called by the write paths after they change sites: this isolate's cached responses and
 * densities are from before the change, so the next public read probes the version again.
 * (Other isolates notice within the cache's freshness window, or at their next geo read.)
 */
export function sitesChanged(): void {
  seen = undefined;
  state = undefined;
}
