// Query planning for map views: which tiles to read, chosen by the cost D1 bills.
// Measured in local D1: a range scan on the (kind, cell) index reads every row in the
// range plus one row past its end, so reading a region costs
//   (ranges × kinds) + (sites in the tiles' area)
// Fine tiles hug the region (fewer wasted sites) but split it into more ranges;
// coarse tiles the reverse. The planner tries each zoom and keeps the cheapest.
// (Nearest-k searches read exact leaf counts instead: worker/core/geo/leaves.ts.)
import { CELL_ZOOM, type Tile } from './cell';
import { bridgeGaps, coverBox, type Range, tileSpan } from './cover';
import { LEAF_ZOOM } from './density';
import type { Box } from './distance';
import { PLANNER_DEFAULTS, type PlannerOptions } from './planner-options';

/** Zooms a map view clusters at, from the exact counts of `cell_counts`. */
export const CLUSTER_ZOOMS = [6, 9, 12, 15] as const;
/** Zooms at which `cell_counts` keeps live-site counts (its trigger migrations use the same list). */
export const COUNT_ZOOMS = [...CLUSTER_ZOOMS, LEAF_ZOOM] as const;

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
function maxGap(z: number, kinds: number, sitesPerKey: number, tiles: number): number {
  const local = tiles * 4 ** (CELL_ZOOM - z);
  return sitesPerKey > 0 ? Math.min(local, Math.floor(kinds / sitesPerKey)) : 0;
}

const keys = (ranges: readonly Range[]) => ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);

/** The cheapest cover of the part of `within` (a tile) that lies in a box, by its tile or finer ones. */
export function planBox(box: Box, density: number, within: Tile, o: PlannerOptions = PLANNER_DEFAULTS): Plan {
  let best: Plan | undefined;
  for (let z = within.z; z <= o.maxPlanZoom; z++) {
    if (z > within.z && tileSpan(box, z).count > o.maxPlanTiles) break;
    const cover = coverBox(box, z, within);
    const all = keys(cover.ranges);
    const areaPerKey = all === 0 ? 0 : cover.areaM2 / all;
    const ranges = bridgeGaps(cover.ranges, maxGap(z, 1, density * areaPerKey, o.maxGapTiles));
    const cost = ranges.length + density * areaPerKey * keys(ranges);
    if (!best || cost < best.cost) best = { z, ranges, cost };
  }
  return best!;
}

/** Cluster zoom for a map view: clusters ~32–256 px apart at the map's zoom, one of CLUSTER_ZOOMS. */
export function clusterZoom(box: Box, mapZoom: number | undefined, o: PlannerOptions = PLANNER_DEFAULTS): number {
  // Without a zoom, assume the box spans about four 256-px map tiles across.
  const zoom = mapZoom ?? Math.log2((4 * 360) / Math.max(1e-9, box.maxLng - box.minLng));
  const usable = CLUSTER_ZOOMS.filter(
    (z) => z <= zoom + o.clusterZoomLead && tileSpan(box, z).count <= o.maxClusterTiles,
  );
  return usable.length ? usable[usable.length - 1]! : CLUSTER_ZOOMS[0];
}

/** The overlap of two boxes, or undefined when they do not meet. */
export function intersectBoxes(a: Box, b: Box): Box | undefined {
  const box = {
    minLat: Math.max(a.minLat, b.minLat),
    maxLat: Math.min(a.maxLat, b.maxLat),
    minLng: Math.max(a.minLng, b.minLng),
    maxLng: Math.min(a.maxLng, b.maxLng),
  };
  return box.minLat <= box.maxLat && box.minLng <= box.maxLng ? box : undefined;
}
