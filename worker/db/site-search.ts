// Geo-queries on D1 that read little more than they return (README "The geo index").
// Sites are found through the (kind, cell) index, one key range per Web-Mercator tile
// chosen by worker/core/geo/plan.ts; `cell_counts` says how dense a place is and serves
// map clusters without touching individual sites. Every statement's `meta.rows_read`
// is added up so callers can report what the request cost.
import type { Site } from '../core/site';
import { KINDS, codes, type Kind } from '../core/vocabulary';
import { cellRange, parentKey, tileFromKey, tileKey, type Tile } from '../core/geo/cell';
import { boxAreaM2, coverBox, mergeRanges, tileBox, type Range } from '../core/geo/cover';
import { countAt, expectedInBox, type Densities } from '../core/geo/density';
import { cutLeaf, EDGE_SLACK_M, expectedRadius, LeafSearch, LONE_SITE_SLACK_M, runsOf, type Run } from '../core/geo/leaves';
import { haversine, type Box } from '../core/geo/distance';
import { judgesEachSite, openFields, openStateCache, passes, type OpenFields, type SiteFilter } from '../core/open-state';
import { clusterZoom, intersectBoxes, planBox } from '../core/geo/plan';
import { confirmVersion, geoState, needsProbe, streetNamesOf, Tally, versionOf, versionProbe, type Reader } from './geo-state';
import type { SiteRow } from './schema';
import { toSite } from './sites';

export { Tally, type Reader } from './geo-state';

/** Most sites a map view returns one by one; above it the view is answered with clusters. */
export const VIEW_CAP = 500;
/** Most sites read to learn whether a view fits the cap (it may, when a filter is set or sites bunch up). */
export const FILTERED_VIEW_READ_MAX = 4 * VIEW_CAP;
/**
 * The first read of a nearest-k search takes the leaves expected to hold this many times k
 * sites (never beyond those that surely hold k): measured on both bench datasets, 1.0 read
 * the k nearest in one round trip at ≥ 99 % of points.
 */
export const FIRST_MARGIN = 1.0;
// D1 allows 5 terms in a compound SELECT; with one kind, a LIMIT per term and two bounds per
// range, 47 ranges fit a statement's 100 bound parameters.
const TERMS_PER_STATEMENT = 5;
const EXACT_RANGES_PER_STATEMENT = 47;
/**
 * Statements per read up to which every run gets its own LIMIT (reading no row past its
 * end), shared by the kinds read; beyond it, runs share terms. Each statement costs the
 * worker time to prepare, so a read of many runs pays a few range ends instead.
 */
const EXACT_STATEMENTS = 4;
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
 * Statements reading each kind's runs exactly: every term of a statement (D1 allows 5 in a
 * compound SELECT) reads its ranges with a LIMIT of their sites' count, so the scan stops at
 * the last site instead of reading the row past the range's end. A term's earlier ranges
 * still read one row past their end, so up to `budget` statements are used (one term per
 * run), beyond which runs share terms.
 */
function exactStatements(tally: Tally, kind: Kind, runs: readonly Run[], budget: number): D1PreparedStatement[] {
  if (runs.length === 0) return [];
  const statements = Math.max(Math.ceil(runs.length / EXACT_RANGES_PER_STATEMENT),
    Math.min(Math.ceil(runs.length / TERMS_PER_STATEMENT), budget));
  const out: D1PreparedStatement[] = [];
  for (const chunk of split(runs, statements)) {
    const values: unknown[] = [kind];
    const param = (v: unknown) => { values.push(v); return `?${values.length}`; };
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
  for (let i = 0; i < parts; i++) out.push(list.slice(Math.floor((i * list.length) / parts), Math.floor(((i + 1) * list.length) / parts)));
  return out.filter((p) => p.length > 0);
}

/** The search's state: which leaves were read, and the matches found in them. */
interface NearbyRead { readonly matches: Candidate[]; readUpTo: number; read: number; version?: number }

/** Reads, in one batch, the leaves found with readUpTo < dmin ≤ upTo. */
async function readLeaves(
  tally: Tally, search: LeafSearch, state: NearbyRead, upTo: number, probe: boolean, q: NearbyQuery, keep: (row: SiteRow) => Candidate | undefined,
) {
  search.expandTo(upTo);
  const leaves = search.leaves.filter((l) => l.dmin > state.readUpTo + EDGE_SLACK_M && l.dmin <= upTo + EDGE_SLACK_M);
  state.readUpTo = upTo;
  // Leaves the circle of radiusM cuts are read in part where that is cheaper (without a LIMIT).
  const cut = new Map<Kind, Range[]>();
  const whole = leaves.filter((l) => {
    const ranges = cutLeaf(l, q.lat, q.lng, q.radiusM);
    if (ranges) cut.set(l.kind, [...(cut.get(l.kind) ?? []), ...ranges]);
    return !ranges;
  });
  const byKind = runsOf(whole);
  const budget = Math.max(1, Math.floor(EXACT_STATEMENTS / Math.max(1, byKind.size)));
  const statements = [
    ...[...byKind].flatMap(([kind, runs]) => exactStatements(tally, kind, runs, budget)),
    ...[...cut].flatMap(([kind, ranges]) => kindStatements(tally, kind, mergeRanges(ranges))),
  ];
  if (statements.length === 0 && !probe) return;
  const results = await tally.run<unknown>(probe ? [versionProbe(tally), ...statements] : statements);
  if (probe) state.version = versionOf(results.shift());
  for (const raw of results.flat() as RawSite[]) {
    state.read++;
    const c = keep(parseRow(raw));
    if (c) state.matches.push(c);
  }
}

/**
 * Nearest sites to a point, within radiusM, best first. The isolate's leaf counts say
 * which ~150 m tiles can hold the nearest `limit` (LeafSearch.boundFor); the first read
 * takes those expected to hold them (expectedRadius), each tile with a LIMIT of its count,
 * in one round trip with the version probe. Should the nearest `limit` not lie inside the
 * circle every tile of which was read, a second read takes the rest of the bound's tiles,
 * which surely hold them; with amenity or open-now filters the bound grows with the share
 * of sites that pass, until the circle of radiusM is read.
 */
export async function nearbySites(d1: Reader, q: NearbyQuery): Promise<Cost & { items: NearbyItem[]; searched_m: number }> {
  const tally = new Tally(d1);
  for (;;) {
    const known = await geoState(tally);
    // A snapshot read by this request, or a version read within a few seconds, needs no probe.
    const probe = needsProbe(tally);
    const found = await searchLeaves(tally, known.densities, q, probe);
    if (found.version !== undefined && found.version !== known.version) {
      // The data moved since the snapshot: its counts may be wrong, so search again with new ones.
      await confirmVersion(tally, found.version);
      continue;
    }
    if (found.version !== undefined) await confirmVersion(tally, found.version);
    const items = await finishNearby(tally, found.matches, q.limit);
    return { items, searched_m: found.searched, ...costOf(tally) };
  }
}

async function searchLeaves(tally: Tally, densities: Densities, q: NearbyQuery, probe: boolean) {
  const stateOf = openStateCache(q.at);
  const keep = (row: SiteRow): Candidate | undefined => {
    const distance = haversine(q.lat, q.lng, row.lat, row.lng);
    if (distance > q.radiusM) return undefined;
    const open = openFields(row, stateOf(row.opening_hours, row.follows_workday_calendar));
    return passes(row, open, q) ? { row, distance, open } : undefined;
  };
  const search = new LeafSearch(densities, kindsOf(q), q.lat, q.lng, q.radiusM);
  const state: NearbyRead = { matches: [], readUpTo: -Infinity, read: 0 };
  let want = q.limit;
  let bound = search.boundFor(want);
  // Past the expected radius by twice a lone site's slack, so that the lone sites counted in
  // part there (their leaves' distances span the slack) are read and proven inside.
  let upTo = Math.min(bound, expectedRadius(search.leaves, want * FIRST_MARGIN, bound) + 2 * LONE_SITE_SLACK_M);
  for (let first = true; ; first = false) {
    await readLeaves(tally, search, state, upTo, first && probe, q, keep);
    // Every site nearer than the nearest unread tile has been read.
    const unread = search.leaves.find((l) => l.dmin > state.readUpTo + EDGE_SLACK_M)?.dmin ?? Infinity;
    const proven = Math.min(q.radiusM, unread, search.frontier()) - EDGE_SLACK_M;
    const inside = state.matches.filter((m) => m.distance <= proven).length;
    if (inside >= q.limit || state.readUpTo >= q.radiusM) return { matches: state.matches, searched: Math.min(q.radiusM, state.readUpTo), version: state.version };
    if (upTo < bound) { upTo = bound; continue; }
    // Filters dropped sites the bound counted: want more, by the share of sites that passed.
    want = Math.ceil(Math.max(2 * want, (q.limit * state.read * 1.2) / Math.max(1, state.matches.length)));
    bound = search.boundFor(want);
    upTo = bound;
  }
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
