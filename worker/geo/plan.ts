// Query planning for the geo index: which tiles to read, chosen by the cost D1 bills.
// Measured in local D1: a range scan on the (kind, cell) index reads every row in the
// range plus one row past its end, so reading a region costs
//   (ranges × kinds) + (sites in the tiles' area)
// Fine tiles hug the region (fewer wasted sites) but split it into more ranges;
// coarse tiles the reverse. The planner tries each zoom and keeps the cheapest.
import { tileOf, type Tile } from './cell';
import { boxAreaM2, bridgeGaps, coverBox, coverCircle, subtractRanges, tileBox, tileSpan, type Range } from './cover';
import { circleBox, type Box } from './distance';

/** Zooms at which `cell_counts` keeps live-site counts (its trigger migration uses the same list). */
export const COUNT_ZOOMS = [6, 9, 12, 15] as const;
/** Zooms read around a point to estimate how far the nearest k sites are. */
export const DENSITY_ZOOMS = [12, 15] as const;
/** Widest search radius for which the zoom-15 count alone (tiles of ~1 km) sets the plan. */
const FINE_DENSITY_MAX_M = 1500;

/**
 * The count zooms to read, finest first, for a search of at most maxM metres: a small
 * circle is planned from its zoom-15 tile alone, saving a count row per kind.
 */
export const densityZooms = (maxM: number): readonly number[] =>
  (maxM <= FINE_DENSITY_MAX_M ? [15] : [...DENSITY_ZOOMS].sort((a, b) => b - a));

/** The finest zoom a cover uses (tiles of ~30 m); finer only adds ranges. */
const MAX_PLAN_ZOOM = 20;
/** Zooms tried per cover, from tiles ~2–4× the circle's diameter down to ~1/16 of it. */
const PLAN_ZOOMS = 6;
/** Most tiles a cover may have, to bound planning time and statement count. */
const MAX_PLAN_TILES = 256;
const EQUATOR_M = 40_075_016.7;
/** Slack for points that round onto the far side of a tile edge. */
const EDGE_SLACK_M = 0.01;

export interface Plan {
  readonly z: number;
  /** Cell ranges still to read (the cover minus what was already read). */
  readonly ranges: readonly Range[];
  /** Expected rows read: one per range and kind, plus the sites expected in the new area. */
  readonly cost: number;
}

/**
 * Longest gap (in keys) worth reading to join two ranges: its expected sites must cost
 * less than the range ends saved (one per kind). Only gaps of up to a few zoom-z tiles:
 * a longer jump in Z-order leads far away, where the local density says nothing.
 */
function maxGap(z: number, kinds: number, sitesPerKey: number): number {
  const local = 3 * 4 ** (26 - z);
  return sitesPerKey > 0 ? Math.min(local, Math.floor(kinds / sitesPerKey)) : 0;
}

const keys = (ranges: readonly Range[]) => ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);

/**
 * The cheapest tile cover of the circle of r metres around (lat, lng), leaving out
 * the ranges already read. `density` is expected matching sites per m² (all kinds).
 */
export function planCircle(
  lat: number, lng: number, r: number, density: number, kinds: number, taken: readonly Range[],
): Plan {
  const box = circleBox(lat, lng, r + EDGE_SLACK_M);
  // Tiles wider than twice the circle would read far more than it, whatever the counts said.
  const tileWidth0 = EQUATOR_M * Math.cos((lat * Math.PI) / 180);
  const minZ = Math.max(0, Math.min(MAX_PLAN_ZOOM, Math.ceil(Math.log2(tileWidth0 / (4 * r)))));
  let best: Plan | undefined;
  for (let z = minZ; z <= Math.min(MAX_PLAN_ZOOM, minZ + PLAN_ZOOMS); z++) {
    if (tileSpan(box, z).count > MAX_PLAN_TILES) break;
    const cover = coverCircle(lat, lng, r, box, z);
    const all = keys(cover.ranges);
    const areaPerKey = all === 0 ? 0 : cover.areaM2 / all;
    const ranges = bridgeGaps(subtractRanges(cover.ranges, taken), maxGap(z, kinds, density * areaPerKey));
    const ranges2 = subtractRanges(ranges, taken);
    const cost = ranges2.length * kinds + density * areaPerKey * keys(ranges2);
    if (!best || cost < best.cost) best = { z, ranges: ranges2, cost };
  }
  // minZ always fits: there the circle spans at most 2 × 2 tiles.
  return best!;
}

/** The cheapest cover of the part of `within` (a tile) that lies in a box, by its tile or finer ones. */
export function planBox(box: Box, density: number, within: Tile): Plan {
  let best: Plan | undefined;
  for (let z = within.z; z <= MAX_PLAN_ZOOM; z++) {
    if (z > within.z && tileSpan(box, z).count > MAX_PLAN_TILES) break;
    const cover = coverBox(box, z, within);
    const all = keys(cover.ranges);
    const areaPerKey = all === 0 ? 0 : cover.areaM2 / all;
    const ranges = bridgeGaps(cover.ranges, maxGap(z, 1, density * areaPerKey));
    const cost = ranges.length + density * areaPerKey * keys(ranges);
    if (!best || cost < best.cost) best = { z, ranges, cost };
  }
  return best!;
}

/**
 * Matching-site density near a point, from the counts of the tiles that contain it
 * (`counts[z]` = live sites of the wanted kinds in the zoom-z tile): the finest
 * tile holding at least k sites, else the coarsest one read.
 */
export function densityNear(lat: number, lng: number, counts: ReadonlyMap<number, number>, k: number): number {
  const zooms = [...counts.keys()].sort((a, b) => b - a);
  for (const z of zooms) {
    const n = counts.get(z) ?? 0;
    if (n >= k || z === zooms[zooms.length - 1]) return n / boxAreaM2(tileBox(tileOf(lat, lng, z)));
  }
  return 0;
}

/** The radius expected to hold k matching sites at this density (∞ when none are known). */
export function radiusFor(k: number, density: number): number {
  return density > 0 ? Math.sqrt(k / (Math.PI * density)) * 1.15 : Infinity;
}

/**
 * The next radius after a fully searched radius r found `found` of the k wanted:
 * scaled by the observed density, growing at least by half, capped at `max`.
 */
export function nextRadius(r: number, found: number, k: number, max: number): number {
  const scaled = found > 0 ? r * Math.sqrt(k / found) * 1.15 : r * 3;
  return Math.min(max, Math.max(scaled, r * 1.5));
}

/** Cluster zoom for a map view: clusters ~32–256 px apart at the map's zoom, one of COUNT_ZOOMS. */
export function clusterZoom(box: Box, mapZoom: number | undefined): number {
  // Without a zoom, assume the box spans about four 256-px map tiles across.
  const zoom = mapZoom ?? Math.log2((4 * 360) / Math.max(1e-9, box.maxLng - box.minLng));
  const usable = COUNT_ZOOMS.filter((z) => z <= zoom + 3 && tileSpan(box, z).count <= 1024);
  return usable.length ? usable[usable.length - 1]! : COUNT_ZOOMS[0];
}

/** The overlap of two boxes, or undefined when they do not meet. */
export function intersectBoxes(a: Box, b: Box): Box | undefined {
  const box = {
    minLat: Math.max(a.minLat, b.minLat), maxLat: Math.min(a.maxLat, b.maxLat),
    minLng: Math.max(a.minLng, b.minLng), maxLng: Math.min(a.maxLng, b.maxLng),
  };
  return box.minLat <= box.maxLat && box.minLng <= box.maxLng ? box : undefined;
}
