// Baselines the benchmark compares the geo index with (reachable only when the worker
// runs with BENCH_ENGINES). Same answers as nearby.ts and view.ts, different cost:
// - latlng_index: a plain (lat, lng) index, the whole radius's box read at once;
// - kind_latlng: a (kind, lat, lng) partial index of live sites, with an expanding radius
//   (baselineFirstRadiusM, doubled until k matches lie inside it) — what a careful engineer builds without a planner;
// - morton_fixed: the same (kind, cell) index as linli, covered by tiles of one zoom
//   (baselineFixedZoom) with the same expanding radius, without the density planner;
// - full_scan: every row.
import { parentKey, tileKey } from '../../core/geo/cell';
import {
  coverBox,
  coverCircle,
  mergeRanges,
  type Range,
  subtractRanges,
  tileBox,
  tileSpan,
} from '../../core/geo/cover';
import { type Box, circleBox } from '../../core/geo/distance';
import { clusterZoom } from '../../core/geo/plan';
import { PLANNER_DEFAULTS, type PlannerOptions } from '../../core/geo/planner-options';
import { judgesEachSite } from '../../core/open-state';
import { MissingBenchIndex, readBox } from '../../db/bench-reads';
import { type Reader, Tally } from '../../db/geo-state';
import type { SiteRow } from '../../db/schema';
import { readRanges } from '../../db/site-cells';
import {
  type Candidate,
  clusterRows,
  costOf,
  finishNearby,
  finishView,
  kindsOf,
  type NearbyQuery,
  type NearbyResult,
  nearbyMatcher,
  type ViewQuery,
  type ViewResult,
  viewMatches,
} from './results';

export const ENGINES = ['linli', 'latlng_index', 'kind_latlng', 'morton_fixed', 'full_scan'] as const;
export type Engine = (typeof ENGINES)[number];
type Baseline = Exclude<Engine, 'linli'>;

/** An engine cannot answer this request on this database; `reason` says why. */
export class EngineRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Reads through a benchmark index, refusing the engine when the database lacks it. */
async function boxRows(...args: Parameters<typeof readBox>): Promise<SiteRow[]> {
  try {
    return await readBox(...args);
  } catch (error) {
    if (error instanceof MissingBenchIndex) throw new EngineRefused(error.message);
    throw error;
  }
}

/** Nearest sites by a baseline engine. */
export async function nearbyByBaseline(
  d1: Reader,
  q: NearbyQuery,
  engine: Baseline,
  o: PlannerOptions = PLANNER_DEFAULTS,
): Promise<NearbyResult> {
  const tally = new Tally(d1);
  const kinds = kindsOf(q);
  const match = nearbyMatcher(q);
  const seen = new Set<number>();
  const matches: Candidate[] = [];
  const keep = (rows: readonly SiteRow[]) => {
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      const m = match(row);
      if (m) matches.push(m);
    }
  };
  const expanding = engine === 'kind_latlng' || engine === 'morton_fixed';
  let r = expanding ? Math.min(q.radiusM, o.baselineFirstRadiusM) : q.radiusM;
  let taken: Range[] = [];
  for (;;) {
    const box = circleBox(q.lat, q.lng, r);
    if (engine === 'morton_fixed') {
      const ranges = subtractRanges(coverCircle(q.lat, q.lng, r, box, o.baselineFixedZoom).ranges, taken);
      keep((await readRanges(tally, new Map(kinds.map((k) => [k, ranges])))).rows);
      taken = mergeRanges([...taken, ...ranges]);
    } else {
      keep(await boxRows(tally, box, kinds, engine));
    }
    if (r >= q.radiusM || matches.filter((m) => m.distance <= r).length >= q.limit) break;
    r = Math.min(q.radiusM, r * 2);
  }
  const items = await finishNearby(tally, matches, q.limit);
  return { items, searched_m: r, ...costOf(tally) };
}

/** A map view by reading every site in the box, clustered in the worker when over the cap. */
export async function viewByBaseline(
  d1: Reader,
  q: ViewQuery,
  engine: Baseline,
  o: PlannerOptions = PLANNER_DEFAULTS,
): Promise<ViewResult> {
  const tally = new Tally(d1);
  const kinds = kindsOf(q);
  const fixedZoom = o.baselineFixedZoom;
  if (engine === 'morton_fixed' && tileSpan(q.box, fixedZoom).count > o.baselineMaxFixedTiles) {
    throw new EngineRefused(`morton_fixed reads views of at most ${o.baselineMaxFixedTiles} zoom-${fixedZoom} tiles`);
  }
  const read = async (box: Box) =>
    engine === 'morton_fixed'
      ? (await readRanges(tally, new Map(kinds.map((k) => [k, coverBox(box, fixedZoom).ranges])))).rows
      : await boxRows(tally, box, kinds, engine);
  const z = clusterZoom(q.box, q.zoom, o);
  const matches = viewMatches(await read(q.box), q);
  if (matches.length > o.viewCap && !judgesEachSite(q)) {
    // linli's clusters count whole tiles (they come from cell_counts): read the tiles to answer the same.
    const tiles = coverBox(q.box, z).tiles;
    const outer = tiles.map(tileBox).reduce((a, b) => ({
      minLat: Math.min(a.minLat, b.minLat),
      maxLat: Math.max(a.maxLat, b.maxLat),
      minLng: Math.min(a.minLng, b.minLng),
      maxLng: Math.max(a.maxLng, b.maxLng),
    }));
    const wanted = new Set(tiles.map(tileKey));
    const rows = (await read(outer)).filter((r) => wanted.has(parentKey(r.cell, z)));
    return {
      mode: 'clusters',
      clusters: clusterRows(rows, z),
      cluster_zoom: z,
      filters_applied: true,
      ...costOf(tally),
    };
  }
  const result = await finishView(tally, matches, z, o);
  return { ...result, ...costOf(tally) };
}
