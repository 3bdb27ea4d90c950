// Query planning for the geo index: which tiles to read, chosen by the cost D1 bills.
// Measured in local D1: a range scan on the (kind, cell) index reads every row in the
// range plus one row past its end, so reading a region costs
//   (ranges × kinds) + (sites in the tiles' area)
// Fine tiles hug the region (fewer wasted sites) but split it into more ranges;
// coarse tiles the reverse. The planner tries each zoom and keeps the cheapest.
import { cellRange, type Tile } from './cell';
import { boxAreaM2, bridgeGaps, coverBox, coverCircle, mergeRanges, subtractRanges, tileBox, tileSpan, type Range } from './cover';
import { circleBox, distanceToBox, haversine, type Box } from './distance';

/** Zooms at which `cell_counts` keeps live-site counts (its trigger migration uses the same list). */
export const COUNT_ZOOMS = [6, 9, 12, 15] as const;
/** The finest zoom a cover uses (tiles of ~30 m); finer only adds ranges. */
const MAX_PLAN_ZOOM = 20;
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

/** Expected matching sites (all kinds) in a tile; a number is a uniform density per m². */
export type SiteEstimate = number | ((tile: Tile) => number);

/** Most tiles examined while planning one circle, to bound planning time. */
const MAX_PLAN_NODES = 1000;

/**
 * The cheapest tile cover of the circle of r metres around (lat, lng), leaving out the
 * ranges already read. Starts from tiles 2–4× the circle's diameter and splits a tile into
 * its four children (dropping those that miss the circle) wherever that lowers the expected
 * rows — one range end per kind per tile, plus its expected sites — so a cover is coarse
 * over empty land and fine at the edge of a dense city. A tile wholly inside the circle,
 * or expected to hold no more sites than a range end costs, is never split.
 */
export function planCircle(
  lat: number, lng: number, r: number, estimate: SiteEstimate, kinds: number, taken: readonly Range[],
): Plan {
  const box = circleBox(lat, lng, r + EDGE_SLACK_M);
  // Tiles wider than twice the circle would read far more than it, whatever the counts said.
  const tileWidth0 = EQUATOR_M * Math.cos((lat * Math.PI) / 180);
  const minZ = Math.max(0, Math.min(MAX_PLAN_ZOOM, Math.ceil(Math.log2(tileWidth0 / (4 * r)))));
  const expectedIn = (t: Tile) => (typeof estimate === 'number' ? estimate * boxAreaM2(tileBox(t)) : estimate(t));
  const touches = (t: Tile) => distanceToBox(lat, lng, tileBox(t)) <= r + EDGE_SLACK_M;
  const inside = (t: Tile) => {
    const b = tileBox(t);
    return Math.max(haversine(lat, lng, b.minLat, b.minLng), haversine(lat, lng, b.minLat, b.maxLng),
      haversine(lat, lng, b.maxLat, b.minLng), haversine(lat, lng, b.maxLat, b.maxLng)) <= r;
  };
  let nodes = 0;
  const best = (t: Tile, out: Tile[]): number => {
    nodes++;
    if (subtractRanges([cellRange(t)], taken).length === 0) return 0;
    const here = kinds + expectedIn(t);
    if (t.z >= MAX_PLAN_ZOOM || here <= 2 * kinds || nodes > MAX_PLAN_NODES || inside(t)) { out.push(t); return here; }
    const kids: Tile[] = [];
    let split = 0;
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
      const c = { z: t.z + 1, x: 2 * t.x + dx, y: 2 * t.y + dy };
      if (touches(c)) split += best(c, kids);
    }
    if (split < here) { out.push(...kids); return split; }
    out.push(t);
    return here;
  };
  const chosen: Tile[] = [];
  let cost = 0;
  for (const t of coverCircle(lat, lng, r, box, minZ).tiles) cost += best(t, chosen);
  const ranges = subtractRanges(mergeRanges(chosen.map(cellRange)), taken);
  return { z: Math.max(minZ, ...chosen.map((t) => t.z)), ranges, cost };
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
