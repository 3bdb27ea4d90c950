// Covering a region of the map with Web-Mercator tiles, and the tiles' site-key
// ranges. Every tile is one contiguous range of `sites.cell` (cell.ts), so a cover
// is a short list of ranges that the (kind, cell) index reads without waste.
import { cellRange, project, type Tile, unproject } from './cell';
import { type Box, distanceToBox, EARTH_RADIUS_M } from './distance';

/** An inclusive range of keys, [first, last]. */
export type Range = readonly [number, number];

export interface Cover {
  readonly z: number;
  readonly tiles: readonly Tile[];
  /** The tiles' z26 cell ranges, sorted and merged. */
  readonly ranges: readonly Range[];
  /** Total area of the tiles in square metres. */
  readonly areaM2: number;
}

/** The tile's corners as a latitude/longitude box. */
export function tileBox(t: Tile): Box {
  const nw = unproject(t.x, t.y, t.z);
  const se = unproject(t.x + 1, t.y + 1, t.z);
  return { minLat: se.lat, maxLat: nw.lat, minLng: nw.lng, maxLng: se.lng };
}

/** Area of a latitude/longitude box on the sphere, in square metres. */
export function boxAreaM2(b: Box): number {
  const rad = Math.PI / 180;
  return (
    EARTH_RADIUS_M ** 2 * Math.abs(Math.sin(b.maxLat * rad) - Math.sin(b.minLat * rad)) * (b.maxLng - b.minLng) * rad
  );
}

/** Inclusive tile-index bounds of the zoom-z tiles overlapping a box. */
export function tileSpan(box: Box, z: number): { x0: number; x1: number; y0: number; y1: number; count: number } {
  const nw = project(box.maxLat, box.minLng, z);
  const se = project(box.minLat, box.maxLng, z);
  const x0 = Math.floor(nw.x),
    x1 = Math.floor(se.x),
    y0 = Math.floor(nw.y),
    y1 = Math.floor(se.y);
  return { x0, x1, y0, y1, count: (x1 - x0 + 1) * (y1 - y0 + 1) };
}

/** Sorts ranges and joins those that overlap or touch. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The parts of `ranges` not in `taken` (both sorted and merged). */
export function subtractRanges(ranges: readonly Range[], taken: readonly Range[]): Range[] {
  const out: Range[] = [];
  let j = 0;
  for (const [lo0, hi] of ranges) {
    let lo = lo0;
    while (j < taken.length && taken[j]![1] < lo) j++;
    let k = j;
    while (lo <= hi && k < taken.length && taken[k]![0] <= hi) {
      const [tlo, thi] = taken[k]!;
      if (tlo > lo) out.push([lo, tlo - 1]);
      lo = Math.max(lo, thi + 1);
      k++;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

/**
 * Joins ranges separated by at most `maxGap` keys. Reading a gap costs its sites; not
 * joining costs one more range end per kind, so small gaps are cheaper to read.
 */
export function bridgeGaps(ranges: readonly Range[], maxGap: number): Range[] {
  const out: [number, number][] = [];
  for (const [lo, hi] of ranges) {
    const last = out[out.length - 1];
    if (last && lo - last[1] - 1 <= maxGap) last[1] = hi;
    else out.push([lo, hi]);
  }
  return out;
}

function coverOf(z: number, tiles: Tile[]): Cover {
  return {
    z,
    tiles,
    ranges: mergeRanges(tiles.map(cellRange)),
    areaM2: tiles.reduce((sum, t) => sum + boxAreaM2(tileBox(t)), 0),
  };
}

/** The zoom-z tiles overlapping a box; with `within`, only that tile's descendants. */
export function coverBox(box: Box, z: number, within?: Tile): Cover {
  let { x0, x1, y0, y1 } = tileSpan(box, z);
  if (within) {
    // A box edge on the parent's edge would otherwise pull in the neighbour's first tiles.
    const scale = 2 ** (z - within.z);
    x0 = Math.max(x0, within.x * scale);
    x1 = Math.min(x1, (within.x + 1) * scale - 1);
    y0 = Math.max(y0, within.y * scale);
    y1 = Math.min(y1, (within.y + 1) * scale - 1);
  }
  const tiles: Tile[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) tiles.push({ z, x, y });
  return coverOf(z, tiles);
}

/** Points closer than this (m) to a tile edge may round into the neighbouring tile. */
export const EDGE_SLACK_M = 0.01;

/** The zoom-z tiles that hold some point within r metres of (lat, lng). */
export function coverCircle(lat: number, lng: number, r: number, box: Box, z: number): Cover {
  const { x0, x1, y0, y1 } = tileSpan(box, z);
  const tiles: Tile[] = [];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const t = { z, x, y };
      if (distanceToBox(lat, lng, tileBox(t)) <= r + EDGE_SLACK_M) tiles.push(t);
    }
  }
  return coverOf(z, tiles);
}
