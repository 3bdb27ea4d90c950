// Baselines the benchmark compares the geo index with (reachable only when the worker
// runs with BENCH_ENGINES). Same answers as site-search.ts, different cost:
// - latlng_index: a plain (lat, lng) index, the whole radius's box read at once;
// - kind_latlng: a (kind, lat, lng) partial index of live sites, with an expanding radius
//   (250 m, doubled until k matches lie inside it) — what a careful engineer builds without a planner;
// - morton_fixed: the same (kind, cell) index as linli, covered by zoom-16 tiles (≈ 450 m)
//   with the same expanding radius, without the density planner;
// - full_scan: every row.
import type { Kind } from '../core/vocabulary';
import { parentKey, tileKey } from '../core/geo/cell';
import { coverBox, coverCircle, mergeRanges, subtractRanges, tileBox, tileSpan, type Range } from '../core/geo/cover';
import { circleBox, haversine, type Box } from '../core/geo/distance';
import { judgesEachSite, openFields, openStateCache, passes } from '../core/open-state';
import { clusterZoom } from '../core/geo/plan';
import { ProblemError } from '../http/problem';
import { BENCH_KIND_LATLNG_INDEX, BENCH_LATLNG_INDEX } from './bench-index';
import {
  clusterRows, costOf, finishNearby, finishView, kindsOf, parseRow, readRanges, Tally, VIEW_CAP, viewMatches,
  type Candidate, type Cost, type NearbyItem, type NearbyQuery, type Reader, type ViewQuery, type ViewResult,
} from './site-search';

export const ENGINES = ['linli', 'latlng_index', 'kind_latlng', 'morton_fixed', 'full_scan'] as const;
export type Engine = (typeof ENGINES)[number];
type Baseline = Exclude<Engine, 'linli'>;

/** First radius and zoom of the planner-less baselines. */
const FIRST_RADIUS_M = 250;
const FIXED_ZOOM = 16;
const MAX_FIXED_TILES = 4096;

type RawRow = Parameters<typeof parseRow>[0];

function missingIndex(error: unknown, index: string): never {
  if (String(error).includes('no such index')) {
    const reason = `this database has no ${index} (the benchmark creates it)`;
    throw new ProblemError(400, { detail: `engine: ${reason}`, invalid_params: [{ name: 'engine', in: 'query', reason }] });
  }
  throw error;
}

/** Live sites of the kinds in a box, through a latitude-led index or none. */
async function readBox(tally: Tally, box: Box, kinds: readonly Kind[], engine: 'latlng_index' | 'kind_latlng' | 'full_scan') {
  const b = [box.minLat, box.maxLat, box.minLng, box.maxLng];
  try {
    if (engine === 'kind_latlng') {
      // One statement per kind, so each is one (kind, lat) range of the index.
      const rows = await tally.run<RawRow>(kinds.map((kind) => tally.prepare(
        `SELECT * FROM sites INDEXED BY ${BENCH_KIND_LATLNG_INDEX} WHERE kind = ? AND lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?
         AND status != 'retired'`, kind, ...b)));
      return rows.flat().map(parseRow);
    }
    const using = engine === 'full_scan' ? 'NOT INDEXED' : `INDEXED BY ${BENCH_LATLNG_INDEX}`;
    const [rows = []] = await tally.run<RawRow>([tally.prepare(
      `SELECT * FROM sites ${using} WHERE lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?
       AND status != 'retired' AND kind IN (${kinds.map(() => '?').join(', ')})`, ...b, ...kinds,
    )]);
    return rows.map(parseRow);
  } catch (error) {
    return missingIndex(error, engine === 'kind_latlng' ? BENCH_KIND_LATLNG_INDEX : BENCH_LATLNG_INDEX);
  }
}

/** Nearest sites by a baseline engine. */
export async function nearbyByBaseline(d1: Reader, q: NearbyQuery, engine: Baseline): Promise<Cost & { items: NearbyItem[]; searched_m: number }> {
  const tally = new Tally(d1);
  const kinds = kindsOf(q);
  const stateOf = openStateCache(q.at);
  const seen = new Set<number>();
  const matches: Candidate[] = [];
  const keep = (rows: ReturnType<typeof parseRow>[]) => {
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      const distance = haversine(q.lat, q.lng, row.lat, row.lng);
      if (distance > q.radiusM) continue;
      const open = openFields(row, stateOf(row.opening_hours, row.follows_workday_calendar));
      if (passes(row, open, q)) matches.push({ row, distance, open });
    }
  };
  const expanding = engine === 'kind_latlng' || engine === 'morton_fixed';
  let r = expanding ? Math.min(q.radiusM, FIRST_RADIUS_M) : q.radiusM;
  let taken: Range[] = [];
  for (;;) {
    const box = circleBox(q.lat, q.lng, r);
    if (engine === 'morton_fixed') {
      const ranges = subtractRanges(coverCircle(q.lat, q.lng, r, box, FIXED_ZOOM).ranges, taken);
      keep((await readRanges(tally, new Map(kinds.map((k) => [k, ranges])))).rows);
      taken = mergeRanges([...taken, ...ranges]);
    } else {
      keep(await readBox(tally, box, kinds, engine));
    }
    if (r >= q.radiusM || matches.filter((m) => m.distance <= r).length >= q.limit) break;
    r = Math.min(q.radiusM, r * 2);
  }
  const items = await finishNearby(tally, matches, q.limit);
  return { items, searched_m: r, ...costOf(tally) };
}

/** A map view by reading every site in the box, clustered in the worker when over the cap. */
export async function viewByBaseline(d1: Reader, q: ViewQuery, engine: Baseline): Promise<ViewResult> {
  const tally = new Tally(d1);
  const kinds = kindsOf(q);
  if (engine === 'morton_fixed' && tileSpan(q.box, FIXED_ZOOM).count > MAX_FIXED_TILES) {
    const reason = `morton_fixed reads views of at most ${MAX_FIXED_TILES} zoom-${FIXED_ZOOM} tiles`;
    throw new ProblemError(400, { detail: `engine: ${reason}`, invalid_params: [{ name: 'engine', in: 'query', reason }] });
  }
  const read = async (box: Box) => (engine === 'morton_fixed'
    ? (await readRanges(tally, new Map(kinds.map((k) => [k, coverBox(box, FIXED_ZOOM).ranges])))).rows
    : await readBox(tally, box, kinds, engine));
  const z = clusterZoom(q.box, q.zoom);
  const matches = viewMatches(await read(q.box), q);
  if (matches.length > VIEW_CAP && !judgesEachSite(q)) {
    // linli's clusters count whole tiles (they come from cell_counts): read the tiles to answer the same.
    const tiles = coverBox(q.box, z).tiles;
    const outer = tiles.map(tileBox).reduce((a, b) => ({
      minLat: Math.min(a.minLat, b.minLat), maxLat: Math.max(a.maxLat, b.maxLat),
      minLng: Math.min(a.minLng, b.minLng), maxLng: Math.max(a.maxLng, b.maxLng),
    }));
    const wanted = new Set(tiles.map(tileKey));
    const rows = (await read(outer)).filter((r) => wanted.has(parentKey(r.cell, z)));
    return { mode: 'clusters', clusters: clusterRows(rows, z), cluster_zoom: z, filters_applied: true, ...costOf(tally) };
  }
  const result = await finishView(tally, matches, z);
  return { ...result, ...costOf(tally) };
}
