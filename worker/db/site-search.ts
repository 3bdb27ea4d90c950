// Geo-queries on D1 that read little more than they return (README "The geo index").
// Sites are found through the (kind, cell) index, one key range per Web-Mercator tile
// chosen by worker/geo/plan.ts; `cell_counts` says how dense a place is and serves
// map clusters without touching individual sites. Every statement's `meta.rows_read`
// is added up so callers can report what the request cost.
import type { Site } from '../domain/site';
import { KINDS, codes, type Kind } from '../domain/vocabulary';
import { parentKey, tileFromKey, tileKey, tileOf, type Tile } from '../geo/cell';
import { boxAreaM2, coverBox, mergeRanges, tileBox, type Range } from '../geo/cover';
import { haversine, type Box } from '../geo/distance';
import { openFields, openStateCache, passes, type OpenFields, type SiteFilter } from '../geo/match';
import {
  clusterZoom, densityNear, densityZooms, intersectBoxes, nextRadius, planBox, planCircle, radiusFor,
} from '../geo/plan';
import type { SiteRow } from './schema';
import { toSite } from './sites';

/** Most sites a map view returns one by one; above it the view is answered with clusters. */
export const VIEW_CAP = 500;
/** Most sites read to learn whether a view fits the cap (it may, when a filter is set or sites bunch up). */
export const FILTERED_VIEW_READ_MAX = 4 * VIEW_CAP;
// Smallest first radius of a nearest-k search, so a very dense spot does not start at 1 m.
const MIN_FIRST_RADIUS_M = 25;
// One kind plus two bounds per range keeps a statement within D1's 100 bound parameters.
const RANGES_PER_STATEMENT = 49;
// Kind and zoom plus one tile key per probe, within D1's 100 bound parameters.
const COUNT_PROBES_PER_STATEMENT = 98;

/** A D1 database or a read-replica session of it. */
export type Reader = D1Database | D1DatabaseSession;

export type NearbyItem = Site & OpenFields & { distance_m: number };
export type ViewSite = Site & OpenFields;
export interface Cluster { count: number; lat: number; lng: number; tile: Tile }

export interface NearbyQuery extends SiteFilter {
  readonly lat: number;
  readonly lng: number;
  readonly radiusM: number;
  readonly limit: number;
}

export interface ViewQuery extends SiteFilter {
  readonly box: Box;
  /** The map's zoom, which sets the cluster size. */
  readonly zoom?: number;
}

export interface Cost {
  /** Sum of D1's meta.rows_read over every statement run. */
  rows_read: number;
  statements: number;
}

export type ViewAnswer =
  | { mode: 'sites'; sites: ViewSite[]; filters_applied: true }
  | { mode: 'clusters'; clusters: Cluster[]; cluster_zoom: number; filters_applied: boolean };
export type ViewResult = Cost & ViewAnswer;

/** Counts rows read and statements over a request. */
export class Tally implements Cost {
  rows_read = 0;
  statements = 0;
  constructor(private readonly d1: Reader) {}

  async run<T>(statements: D1PreparedStatement[]): Promise<T[][]> {
    if (statements.length === 0) return [];
    const results = statements.length === 1
      ? [await statements[0]!.all<T>()]
      : await this.d1.batch<T>(statements);
    for (const r of results) this.rows_read += r.meta.rows_read;
    this.statements += statements.length;
    return results.map((r) => r.results);
  }

  prepare(sql: string, ...values: unknown[]): D1PreparedStatement {
    return this.d1.prepare(sql).bind(...values);
  }
}

type RawSite = Omit<SiteRow, 'phones' | 'amenities' | 'elder_services'> & {
  phones: string; amenities: string; elder_services: string;
};

/** A site row as read, before street names are joined in. */
export interface Candidate { row: SiteRow; distance: number; open: OpenFields }

export function parseRow(raw: RawSite): SiteRow {
  return {
    ...raw,
    phones: JSON.parse(raw.phones) as string[],
    amenities: JSON.parse(raw.amenities) as string[],
    elder_services: JSON.parse(raw.elder_services) as string[],
  };
}

export const kindsOf = (filter: SiteFilter): Kind[] => (filter.kinds.length ? [...filter.kinds] : codes(KINDS));

/** Statements reading the live sites of one kind in the given cell ranges. */
function kindStatements(tally: Tally, kind: Kind, ranges: readonly Range[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < ranges.length; i += RANGES_PER_STATEMENT) {
    const chunk = ranges.slice(i, i + RANGES_PER_STATEMENT);
    // CROSS JOIN keeps the ranges as the outer loop: one index range scan per range.
    // `status != 'retired'` is the partial index's condition, so retired rows are never read.
    const values = chunk.map((_, j) => `(?${2 * j + 2}, ?${2 * j + 3})`).join(', ');
    statements.push(tally.prepare(
      `WITH r(lo, hi) AS (VALUES ${values}) SELECT s.* FROM r CROSS JOIN sites s
       ON s.kind = ?1 AND s.cell BETWEEN r.lo AND r.hi WHERE s.status != 'retired'`,
      kind, ...chunk.flat(),
    ));
  }
  return statements;
}

/** Reads, in one batch, the live sites of each kind in its cell ranges. */
export async function readRanges(tally: Tally, rangesByKind: ReadonlyMap<Kind, readonly Range[]>): Promise<SiteRow[]> {
  const statements = [...rangesByKind].flatMap(([kind, ranges]) => kindStatements(tally, kind, ranges));
  return (await tally.run<RawSite>(statements)).flat().map(parseRow);
}

/** Adds street and district names to the chosen rows: one read per distinct street. */
export async function withStreets<T extends { row: SiteRow }>(tally: Tally, chosen: readonly T[]): Promise<(T & { site: Site })[]> {
  const codesWanted = [...new Set(chosen.map((c) => c.row.street_code))];
  const names = new Map<string, { name: string; district_name: string }>();
  for (let i = 0; i < codesWanted.length; i += 100) {
    const chunk = codesWanted.slice(i, i + 100);
    const [rows = []] = await tally.run<{ code: string; name: string; district_name: string }>([tally.prepare(
      `SELECT code, name, district_name FROM streets WHERE code IN (${chunk.map(() => '?').join(', ')})`, ...chunk,
    )]);
    for (const r of rows) names.set(r.code, r);
  }
  return chosen.map((c) => ({ ...c, site: toSite(c.row, names.get(c.row.street_code) ?? null) }));
}

/** Sorted by distance, ties by id: the order every nearby engine answers in. */
export const byDistance = (a: Candidate, b: Candidate) => a.distance - b.distance || a.row.id - b.row.id;

/** The nearest `limit` matches, with names, as API items. */
export async function finishNearby(tally: Tally, matches: Candidate[], limit: number): Promise<NearbyItem[]> {
  const chosen = matches.sort(byDistance).slice(0, limit);
  return (await withStreets(tally, chosen)).map(({ site, open, distance }) => ({
    ...site, ...open, distance_m: Math.round(distance),
  }));
}

/**
 * Nearest sites to a point, within radiusM, best first. Reads the counts of the tiles
 * holding the point to guess the radius that holds `limit` sites, reads the tiles
 * covering that circle, and widens (reading only tiles not yet read) until the
 * limit-th match lies inside a fully read circle or the radius reaches radiusM.
 */
export async function nearbySites(d1: Reader, q: NearbyQuery): Promise<Cost & { items: NearbyItem[]; searched_m: number }> {
  const tally = new Tally(d1);
  const kinds = kindsOf(q);
  const stateOf = openStateCache(q.at);

  // Finest zoom first: where its tile already holds `limit` sites, the coarser count is not read.
  const counts = new Map<number, number>();
  for (const z of densityZooms(q.radiusM)) {
    const tile = tileKey(tileOf(q.lat, q.lng, z));
    const rows = await tally.run<{ n: number }>(kinds.map((kind) =>
      tally.prepare('SELECT n FROM cell_counts WHERE kind = ? AND z = ? AND tile = ?', kind, z, tile)));
    const n = rows.reduce((sum, r) => sum + (r[0]?.n ?? 0), 0);
    counts.set(z, n);
    if (n >= q.limit) break;
  }
  const density = densityNear(q.lat, q.lng, counts, q.limit);

  let r = Math.min(q.radiusM, Math.max(MIN_FIRST_RADIUS_M, radiusFor(q.limit, density)));
  let taken: Range[] = [];
  const matches: Candidate[] = [];
  for (;;) {
    const plan = planCircle(q.lat, q.lng, r, density, kinds.length, taken);
    for (const row of await readRanges(tally, new Map(kinds.map((k) => [k, plan.ranges])))) {
      const distance = haversine(q.lat, q.lng, row.lat, row.lng);
      if (distance > q.radiusM) continue;
      const open = openFields(row, stateOf(row.opening_hours, row.follows_workday_calendar));
      if (passes(row, open, q)) matches.push({ row, distance, open });
    }
    taken = mergeRanges([...taken, ...plan.ranges]);
    // Every site within r has now been read, so matches within r are complete.
    const found = matches.filter((m) => m.distance <= r).length;
    if (found >= q.limit || r >= q.radiusM) break;
    r = nextRadius(r, found, q.limit, q.radiusM);
  }
  return { items: await finishNearby(tally, matches, q.limit), searched_m: r, rows_read: tally.rows_read, statements: tally.statements };
}

interface CountRow { kind: Kind; tile: number; n: number; sum_lat: number; sum_lng: number }

const inBox = (box: Box, lat: number, lng: number) =>
  lat >= box.minLat && lat <= box.maxLat && lng >= box.minLng && lng <= box.maxLng;

/** Groups sites into clusters by their zoom-z tile (for a view that was read and overfilled the cap). */
export function clusterRows(rows: readonly { lat: number; lng: number; cell: number }[], z: number): Cluster[] {
  const byTile = new Map<number, { n: number; lat: number; lng: number }>();
  for (const row of rows) {
    const key = parentKey(row.cell, z);
    const c = byTile.get(key) ?? { n: 0, lat: 0, lng: 0 };
    byTile.set(key, { n: c.n + 1, lat: c.lat + row.lat, lng: c.lng + row.lng });
  }
  return [...byTile].sort((a, b) => a[0] - b[0])
    .map(([key, c]) => ({ count: c.n, lat: c.lat / c.n, lng: c.lng / c.n, tile: tileFromKey(key, z) }));
}

/** The matches of a view, exactly: as sites when they fit the cap, else clustered. */
export async function finishView(
  tally: Tally, matches: Candidate[], clusterZ: number,
): Promise<ViewAnswer> {
  if (matches.length > VIEW_CAP) {
    return { mode: 'clusters', clusters: clusterRows(matches.map((m) => m.row), clusterZ), cluster_zoom: clusterZ, filters_applied: true };
  }
  const chosen = matches.sort((a, b) => a.row.id - b.row.id);
  return { mode: 'sites', sites: (await withStreets(tally, chosen)).map(({ site, open }) => ({ ...site, ...open })), filters_applied: true };
}

/** Keeps the rows inside the view that pass the filters. */
export function viewMatches(rows: readonly SiteRow[], q: ViewQuery): Candidate[] {
  const stateOf = openStateCache(q.at);
  const out: Candidate[] = [];
  for (const row of rows) {
    if (!inBox(q.box, row.lat, row.lng)) continue;
    const open = openFields(row, stateOf(row.opening_hours, row.follows_workday_calendar));
    if (passes(row, open, q)) out.push({ row, distance: 0, open });
  }
  return out;
}

/**
 * What a map view shows. Sums the view's tile counts at the cluster zoom first; if the
 * view holds more than VIEW_CAP sites the answer is those counts as clusters (rows
 * read ≈ clusters returned), otherwise the sites themselves, read tile by tile.
 */
export async function sitesInView(d1: Reader, q: ViewQuery): Promise<ViewResult> {
  const tally = new Tally(d1);
  const kinds = kindsOf(q);
  const z = clusterZoom(q.box, q.zoom);
  const tiles = coverBox(q.box, z).tiles;
  const keys = tiles.map(tileKey);

  // One primary-key probe per tile: a missing tile reads no row, whereas a key range
  // would read one row past its end even when empty.
  const statements: D1PreparedStatement[] = [];
  for (const kind of kinds) {
    for (let i = 0; i < keys.length; i += COUNT_PROBES_PER_STATEMENT) {
      const chunk = keys.slice(i, i + COUNT_PROBES_PER_STATEMENT);
      statements.push(tally.prepare(
        `WITH t(k) AS (VALUES ${chunk.map((_, j) => `(?${j + 3})`).join(', ')}) SELECT ?1 AS kind, c.tile, c.n, c.sum_lat, c.sum_lng
         FROM t CROSS JOIN cell_counts c ON c.kind = ?1 AND c.z = ?2 AND c.tile = t.k`,
        kind, z, ...chunk,
      ));
    }
  }
  const counts = (await tally.run<CountRow>(statements)).flat();

  // Sites in the view: at most every site of the tiles it touches; expected, the whole counts
  // of tiles inside it plus area shares of those on its edge.
  let expected = 0;
  let upper = 0;
  const parts = counts.map((c) => {
    const tile = tileFromKey(c.tile, z);
    const box = tileBox(tile);
    const part = intersectBoxes(box, q.box);
    const area = boxAreaM2(box);
    const share = part && area > 0 ? boxAreaM2(part) / area : 0;
    expected += c.n * share;
    upper += c.n;
    return { ...c, tile, part, density: area > 0 ? c.n / area : 0 };
  });
  const filtered = q.amenities.length > 0 || q.openNow;
  const cost = () => ({ rows_read: tally.rows_read, statements: tally.statements });

  // Read the sites when they surely fit, or may fit and reading them costs at most
  // FILTERED_VIEW_READ_MAX rows; otherwise answer from the counts alone.
  const read = upper <= VIEW_CAP
    || (expected <= (filtered ? FILTERED_VIEW_READ_MAX : VIEW_CAP) && upper <= FILTERED_VIEW_READ_MAX);
  if (!read) {
    const byTile = new Map<number, Cluster>();
    for (const c of counts) {
      const prev = byTile.get(c.tile);
      const n = (prev?.count ?? 0) + c.n;
      byTile.set(c.tile, {
        count: n,
        lat: ((prev ? prev.lat * prev.count : 0) + c.sum_lat) / n,
        lng: ((prev ? prev.lng * prev.count : 0) + c.sum_lng) / n,
        tile: tileFromKey(c.tile, z),
      });
    }
    const clusters = [...byTile].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
    return { mode: 'clusters', clusters, cluster_zoom: z, filters_applied: !filtered, ...cost() };
  }

  const rangesByKind = new Map<Kind, Range[]>();
  for (const p of parts) {
    if (!p.part || p.n === 0) continue;
    const plan = planBox(p.part, p.density, p.tile);
    rangesByKind.set(p.kind, [...(rangesByKind.get(p.kind) ?? []), ...plan.ranges]);
  }
  for (const [kind, ranges] of rangesByKind) rangesByKind.set(kind, mergeRanges(ranges));
  const rows = await readRanges(tally, rangesByKind);
  const result = await finishView(tally, viewMatches(rows, q), z);
  return { ...result, ...cost() };
}
