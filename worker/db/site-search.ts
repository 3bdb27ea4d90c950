// Geo-queries on D1 that read little more than they return (README "The geo index").
// Sites are found through the (kind, cell) index, one key range per Web-Mercator tile
// chosen by worker/geo/plan.ts; `cell_counts` says how dense a place is and serves
// map clusters without touching individual sites. Every statement's `meta.rows_read`
// is added up so callers can report what the request cost.
import type { Site } from '../domain/site';
import { KINDS, codes, type Kind } from '../domain/vocabulary';
import { cellRange, parentKey, tileFromKey, tileKey, type Tile } from '../geo/cell';
import { boxAreaM2, coverBox, mergeRanges, tileBox, type Range } from '../geo/cover';
import { countAt, expectedInBox, expectedWithin, radiusHolding, searchNeighbourhood, tileEstimator } from '../geo/density';
import { haversine, type Box } from '../geo/distance';
import { judgesEachSite, openFields, openStateCache, passes, type OpenFields, type SiteFilter } from '../geo/match';
import { clusterZoom, intersectBoxes, nextRadius, planBox, planCircle } from '../geo/plan';
import { confirmVersion, geoState, needsProbe, streetNamesOf, Tally, versionOf, versionProbe, type Reader } from './geo-state';
import type { SiteRow } from './schema';
import { toSite } from './sites';

export { Tally, type Reader } from './geo-state';

/** Most sites a map view returns one by one; above it the view is answered with clusters. */
export const VIEW_CAP = 500;
/** Most sites read to learn whether a view fits the cap (it may, when a filter is set or sites bunch up). */
export const FILTERED_VIEW_READ_MAX = 4 * VIEW_CAP;
// Smallest first radius of a nearest-k search, so a very dense spot does not start at 1 m.
const MIN_FIRST_RADIUS_M = 25;
/**
 * The first circle of a nearest-k search is sized to hold this many times k sites by the
 * isolate's densities: enough margin that a second round trip is rare, little enough
 * that few rows beyond the k are read.
 */
export const FIRST_MARGIN = 1.25;
// One kind plus two bounds per range keeps a statement within D1's 100 bound parameters.
const RANGES_PER_STATEMENT = 49;
// Kind and zoom plus one tile key per probe, within D1's 100 bound parameters.
const COUNT_PROBES_PER_STATEMENT = 98;

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
  /** D1 calls made one after another (a batch is one). */
  round_trips: number;
}

/** What the tally counted, for a result. */
export const costOf = (t: Tally): Cost => ({ rows_read: t.rows_read, statements: t.statements, round_trips: t.round_trips });

export type ViewAnswer =
  | { mode: 'sites'; sites: ViewSite[]; filters_applied: true }
  | { mode: 'clusters'; clusters: Cluster[]; cluster_zoom: number; filters_applied: boolean };
export type ViewResult = Cost & ViewAnswer;

type RawSite = Omit<SiteRow, 'phones' | 'amenities' | 'elder_services' | 'accessibility'> & {
  phones: string; amenities: string; elder_services: string; accessibility: string;
};

/** A site row as read, before street names are joined in. */
export interface Candidate { row: SiteRow; distance: number; open: OpenFields }

export function parseRow(raw: RawSite): SiteRow {
  return {
    ...raw,
    phones: JSON.parse(raw.phones) as string[],
    amenities: JSON.parse(raw.amenities) as string[],
    elder_services: JSON.parse(raw.elder_services) as string[],
    accessibility: JSON.parse(raw.accessibility) as string[],
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

/** Statements reading, in one batch, the live sites of each kind in its cell ranges. */
export const rangeStatements = (tally: Tally, rangesByKind: ReadonlyMap<Kind, readonly Range[]>) =>
  [...rangesByKind].flatMap(([kind, ranges]) => kindStatements(tally, kind, ranges));

/**
 * Reads the live sites of each kind in its cell ranges in one batch that also carries the
 * `geo_version` probe when `probe` is set; returns the rows and the version read.
 */
export async function readRanges(
  tally: Tally, rangesByKind: ReadonlyMap<Kind, readonly Range[]>, probe = false,
): Promise<{ rows: SiteRow[]; version?: number }> {
  const statements = rangeStatements(tally, rangesByKind);
  const results = await tally.run<unknown>(probe ? [versionProbe(tally), ...statements] : statements);
  const version = probe ? versionOf(results.shift()) : undefined;
  return { rows: (results.flat() as RawSite[]).map(parseRow), version };
}

/** Adds street and district names to the chosen rows; only streets new to this isolate cost a read. */
export async function withStreets<T extends { row: SiteRow }>(tally: Tally, chosen: readonly T[]): Promise<(T & { site: Site })[]> {
  const names = await streetNamesOf(tally, chosen.map((c) => c.row.street_code));
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
 * Nearest sites to a point, within radiusM, best first. Sizes the first circle from the
 * isolate's densities (no round trip), reads the tiles covering it together with the
 * version probe in one batch, and widens (reading only tiles not yet read) until the
 * limit-th match lies inside a fully read circle or the radius reaches radiusM.
 */
export async function nearbySites(d1: Reader, q: NearbyQuery): Promise<Cost & { items: NearbyItem[]; searched_m: number }> {
  const tally = new Tally(d1);
  const kinds = kindsOf(q);
  const stateOf = openStateCache(q.at);
  const known = await geoState(tally);
  // A snapshot read by this request, or a version read within a few seconds, needs no probe.
  let probe = needsProbe(tally);
  const hood = searchNeighbourhood(known.densities, kinds, q.lat, q.lng, q.radiusM, q.limit * FIRST_MARGIN);

  let r = Math.min(q.radiusM, Math.max(MIN_FIRST_RADIUS_M, radiusHolding(hood, q.limit * FIRST_MARGIN, q.radiusM)));
  let taken: Range[] = [];
  const estimate = tileEstimator(hood);
  let version: number | undefined;
  let round = 0;
  const matches: Candidate[] = [];
  for (;;) {
    const plan = planCircle(q.lat, q.lng, r, estimate, kinds.length, taken);
    const read = await readRanges(tally, new Map(kinds.map((k) => [k, plan.ranges])), probe);
    if (probe) { version = read.version; probe = false; }
    for (const row of read.rows) {
      const distance = haversine(q.lat, q.lng, row.lat, row.lng);
      if (distance > q.radiusM) continue;
      const open = openFields(row, stateOf(row.opening_hours, row.follows_workday_calendar));
      if (passes(row, open, q)) matches.push({ row, distance, open });
    }
    taken = mergeRanges([...taken, ...plan.ranges]);
    // Every site within r has now been read, so matches within r are complete.
    const found = matches.filter((m) => m.distance <= r).length;
    if (found >= q.limit || r >= q.radiusM) break;
    // Beyond what the densities promised within r, (limit − found) more sites are wanted: at
    // a city's edge the densities know where they are. Should they be out of date, later
    // rounds grow by the density observed instead.
    const wanted = expectedWithin(hood, r) + (q.limit - found) * FIRST_MARGIN;
    round++;
    r = round <= 2
      ? Math.min(q.radiusM, Math.max(r * 1.02, radiusHolding(hood, wanted, q.radiusM)))
      : nextRadius(r, found, q.limit, q.radiusM);
  }
  const items = await finishNearby(tally, matches, q.limit);
  if (version !== undefined) await confirmVersion(tally, version);
  return { items, searched_m: r, ...costOf(tally) };
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

const sameBox = (a: Box, b: Box) => a.minLat === b.minLat && a.maxLat === b.maxLat && a.minLng === b.minLng && a.maxLng === b.maxLng;

/** Sites of each kind in the view, each tile's part planned as tightly as its density allows. */
function viewRanges(parts: readonly { kind: Kind; tile: Tile; part?: Box; density: number }[]): Map<Kind, Range[]> {
  const rangesByKind = new Map<Kind, Range[]>();
  for (const p of parts) {
    if (!p.part) continue;
    // A tile wholly in view, or expected empty, is read whole: finer tiles could only add range ends.
    const whole = p.density === 0 || sameBox(p.part, tileBox(p.tile));
    const ranges = whole ? [cellRange(p.tile)] : planBox(p.part, p.density, p.tile).ranges;
    rangesByKind.set(p.kind, [...(rangesByKind.get(p.kind) ?? []), ...ranges]);
  }
  for (const [kind, ranges] of rangesByKind) rangesByKind.set(kind, mergeRanges(ranges));
  return rangesByKind;
}

/** The count tiles of a view at zoom z, read in one batch (with the version probe if `probe`). */
async function readCounts(tally: Tally, kinds: readonly Kind[], keys: readonly number[], z: number, probe: boolean) {
  // One primary-key probe per tile: a missing tile reads no row, whereas a key range
  // would read one row past its end even when empty.
  const statements: D1PreparedStatement[] = probe ? [versionProbe(tally)] : [];
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
  const results = await tally.run<unknown>(statements);
  const version = probe ? versionOf(results.shift()) : undefined;
  return { version, counts: results.flat() as CountRow[] };
}

/**
 * What a map view shows. The isolate's densities say whether the view holds few enough
 * sites to send one by one; if so its tiles are read (one round trip, with the version
 * probe), else the exact counts of its tiles at the cluster zoom are read and sent as
 * clusters (rows read ≈ clusters returned). A wrong guess costs a second round trip or
 * extra rows, never a wrong answer: sites read beyond the cap are clustered here.
 */
export async function sitesInView(d1: Reader, q: ViewQuery): Promise<ViewResult> {
  const tally = new Tally(d1);
  const kinds = kindsOf(q);
  const known = await geoState(tally);
  const probe = needsProbe(tally);
  const z = clusterZoom(q.box, q.zoom);
  const filtered = judgesEachSite(q);
  const readCap = filtered ? FILTERED_VIEW_READ_MAX : VIEW_CAP;
  // Read the sites when they surely fit, or may fit and reading them costs at most
  // FILTERED_VIEW_READ_MAX rows; otherwise answer from the counts alone.
  const worthReading = (expected: number, upper: number) => upper <= VIEW_CAP || (expected <= readCap && upper <= FILTERED_VIEW_READ_MAX);

  const guess = expectedInBox(known.densities, kinds, q.box, z);
  let read = false;
  let version: number | undefined;
  if (guess.z === z ? worthReading(guess.expected, guess.upper) : guess.expected <= readCap) {
    // Every snapshot tile of the view is read, empty or not: a site added since the
    // snapshot must still be found. Its density only chooses how finely to cut the ranges.
    const parts = kinds.flatMap((kind) => coverBox(q.box, guess.z).tiles.map((tile) => {
      const box = tileBox(tile);
      return { kind, tile, part: intersectBoxes(box, q.box), density: countAt(known.densities, [kind], tile.z, tileKey(tile)) / boxAreaM2(box) };
    }));
    const rows = await readRanges(tally, viewRanges(parts), probe);
    version = rows.version;
    const matches = viewMatches(rows.rows, q);
    // Over the cap, an unfiltered view is answered with the clusters of its tiles' counts,
    // as when the counts are read first: the same view always gets the same clusters.
    if (matches.length <= VIEW_CAP || filtered) {
      const result = await finishView(tally, matches, z);
      if (version !== undefined) await confirmVersion(tally, version);
      return { ...result, ...costOf(tally) };
    }
    read = true;
  }

  const tiles = coverBox(q.box, z).tiles;
  const probed = await readCounts(tally, kinds, tiles.map(tileKey), z, probe && version === undefined);
  version ??= probed.version;
  const counts = probed.counts;
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

  let answer: ViewAnswer;
  if (!read && worthReading(expected, upper)) {
    // The densities were out of date: fewer sites than they said. Read the non-empty tiles.
    const read = await readRanges(tally, viewRanges(parts.filter((p) => p.n > 0)));
    answer = await finishView(tally, viewMatches(read.rows, q), z);
  } else {
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
    answer = { mode: 'clusters', clusters, cluster_zoom: z, filters_applied: !filtered };
  }
  if (version !== undefined) await confirmVersion(tally, version);
  return { ...answer, ...costOf(tally) };
}
