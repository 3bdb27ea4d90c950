// Where the sites are, roughly, without asking D1: live-site counts per kind and tile at
// the coarse count zooms, held by the worker isolate (worker/db/geo-state.ts loads them).
// A search plans its first read from these, so it needs no round trip to probe counts.
// The figures only steer cost: every search still reads until its answer is proven, so
// a stale snapshot makes a request read more, never answer wrong.
import type { Kind } from '../domain/vocabulary';
import { tileKey, type Tile } from './cell';
import { boxAreaM2, tileBox, tileSpan } from './cover';
import { circleBox, distanceToBox, EARTH_RADIUS_M, type Box } from './distance';

/** Zooms of `cell_counts` held in the isolate (all of COUNT_ZOOMS; ~0.3 rows per site at 10⁶ sites). */
export const SNAPSHOT_ZOOMS = [6, 9, 12, 15] as const;
/** The zoom whose tiles a circle's expected count is summed over, away from the point. */
const COARSE_ZOOM = 12;
/** The zoom a circle is refined to near the point (tiles of ~1 km). */
const FINE_ZOOM = 15;
/** Midpoint samples across a tile when measuring its overlap with a circle. */
const OVERLAP_STEPS = 16;

/** The non-empty tiles of one kind at one zoom: keys sorted, counts alongside. */
export interface TileCounts { readonly keys: Float64Array; readonly n: Uint32Array }

/** counts[kind][z]: the snapshot of `cell_counts`. */
export type Densities = ReadonlyMap<Kind, ReadonlyMap<number, TileCounts>>;

/** Builds the snapshot from `cell_counts` rows, grouped by kind and zoom in any order. */
export function densitiesOf(groups: Iterable<{ kind: Kind; z: number; rows: readonly { tile: number; n: number }[] }>): Densities {
  const out = new Map<Kind, Map<number, TileCounts>>();
  for (const g of groups) {
    const rows = [...g.rows].sort((a, b) => a.tile - b.tile);
    let byZoom = out.get(g.kind);
    if (!byZoom) out.set(g.kind, (byZoom = new Map()));
    byZoom.set(g.z, { keys: Float64Array.from(rows, (r) => r.tile), n: Uint32Array.from(rows, (r) => r.n) });
  }
  return out;
}

function lookup(t: TileCounts | undefined, key: number): number {
  if (!t) return 0;
  let lo = 0, hi = t.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = t.keys[mid]!;
    if (k === key) return t.n[mid]!;
    if (k < key) lo = mid + 1; else hi = mid - 1;
  }
  return 0;
}

/** Sites of the given kinds in the zoom-z tile with this key. */
export function countAt(d: Densities, kinds: readonly Kind[], z: number, key: number): number {
  let n = 0;
  for (const kind of kinds) n += lookup(d.get(kind)?.get(z), key);
  return n;
}

/**
 * Area of the part of a tile within r metres of (lat, lng), in m², on a local plane
 * (metres east and north of the point): fine at the ≤ 50 km of a search.
 */
function overlapM2(lat: number, lng: number, r: number, box: Box): number {
  const mLat = (Math.PI / 180) * EARTH_RADIUS_M;
  const mLng = mLat * Math.cos((lat * Math.PI) / 180);
  const x0 = Math.max((box.minLng - lng) * mLng, -r), x1 = Math.min((box.maxLng - lng) * mLng, r);
  const y0 = (box.minLat - lat) * mLat, y1 = (box.maxLat - lat) * mLat;
  if (x0 >= x1 || y0 >= r || y1 <= -r) return 0;
  const step = (x1 - x0) / OVERLAP_STEPS;
  let area = 0;
  for (let i = 0; i < OVERLAP_STEPS; i++) {
    const x = x0 + (i + 0.5) * step;
    const h = Math.sqrt(Math.max(0, r * r - x * x));
    area += Math.max(0, Math.min(y1, h) - Math.max(y0, -h)) * step;
  }
  return area;
}

/** The non-empty fine tiles near a point, with their counts and areas, for repeated estimates. */
export interface Neighbourhood {
  readonly lat: number;
  readonly lng: number;
  readonly tiles: readonly { tile: Tile; box: Box; n: number; area: number }[];
}

/**
 * The non-empty tiles within maxM metres of the point that hold sites of the kinds: zoom-12
 * tiles, those within refineM split into their zoom-15 tiles.
 */
export function neighbourhood(d: Densities, kinds: readonly Kind[], lat: number, lng: number, maxM: number, refineM: number): Neighbourhood {
  const { x0, x1, y0, y1 } = tileSpan(circleBox(lat, lng, maxM), COARSE_ZOOM);
  const tiles: { tile: Tile; box: Box; n: number; area: number }[] = [];
  const add = (tile: Tile, n: number) => {
    const box = tileBox(tile);
    tiles.push({ tile, box, n, area: boxAreaM2(box) });
  };
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const t = { z: COARSE_ZOOM, x, y };
      const n = countAt(d, kinds, COARSE_ZOOM, tileKey(t));
      if (n === 0) continue;
      if (distanceToBox(lat, lng, tileBox(t)) > refineM) { add(t, n); continue; }
      const s = 2 ** (FINE_ZOOM - COARSE_ZOOM);
      let fine = 0;
      for (let fy = y * s; fy < (y + 1) * s; fy++) {
        for (let fx = x * s; fx < (x + 1) * s; fx++) {
          const f = { z: FINE_ZOOM, x: fx, y: fy };
          const m = countAt(d, kinds, FINE_ZOOM, tileKey(f));
          if (m > 0) { add(f, m); fine += m; }
        }
      }
      // A snapshot without the fine zoom (or out of step) keeps the coarse tile's remainder.
      if (fine < n) add(t, n - fine);
    }
  }
  return { lat, lng, tiles };
}

/**
 * The neighbourhood that sizes a search for `want` sites: zoom-12 tiles give a first
 * radius, and the tiles that may hold the wanted sites (within twice it, plus a tile)
 * are split into zoom-15 tiles, where sites bunch up within a 10 km tile.
 */
export function searchNeighbourhood(d: Densities, kinds: readonly Kind[], lat: number, lng: number, maxM: number, want: number): Neighbourhood {
  const coarse = neighbourhood(d, kinds, lat, lng, maxM, 0);
  const r = radiusHolding(coarse, want, maxM);
  return neighbourhood(d, kinds, lat, lng, maxM, Math.min(maxM, 2 * r + 2000));
}

/** Sites expected within r metres, each tile's sites taken as evenly spread over it. */
export function expectedWithin(h: Neighbourhood, r: number): number {
  let sum = 0;
  for (const t of h.tiles) sum += t.n * Math.min(1, overlapM2(h.lat, h.lng, r, t.box) / t.area);
  return sum;
}

const xy = (x: number, y: number) => x * 2 ** 26 + y;

/**
 * Sites expected in any tile, in constant time: the neighbourhood's tiles inside it count
 * whole, one that holds it counts by the share of its area (sites evenly spread within it).
 */
export function tileEstimator(h: Neighbourhood): (t: Tile) => number {
  // within[z]: the sum of the neighbourhood's tiles of zoom ≥ z inside each zoom-z tile.
  const within: Map<number, number>[] = Array.from({ length: FINE_ZOOM + 1 }, () => new Map());
  const own = new Map<number, Map<number, number>>();
  for (const { tile, n } of h.tiles) {
    let m = own.get(tile.z);
    if (!m) own.set(tile.z, (m = new Map()));
    m.set(xy(tile.x, tile.y), (m.get(xy(tile.x, tile.y)) ?? 0) + n);
    for (let z = 0; z <= tile.z; z++) {
      const s = 2 ** (tile.z - z);
      const k = xy(Math.floor(tile.x / s), Math.floor(tile.y / s));
      within[z]!.set(k, (within[z]!.get(k) ?? 0) + n);
    }
  }
  const zooms = [...own.keys()];
  return (t) => {
    let sum = t.z <= FINE_ZOOM ? within[t.z]!.get(xy(t.x, t.y)) ?? 0 : 0;
    for (const z of zooms) {
      if (z >= t.z) continue;
      const s = 2 ** (t.z - z);
      sum += ((own.get(z)!.get(xy(Math.floor(t.x / s), Math.floor(t.y / s))) ?? 0)) / 4 ** (t.z - z);
    }
    return sum;
  };
}

/** The smallest radius (1 m … maxM) expected to hold `want` sites; maxM when even that holds fewer. */
export function radiusHolding(h: Neighbourhood, want: number, maxM: number): number {
  if (expectedWithin(h, maxM) < want) return maxM;
  let lo = 1, hi = maxM;
  // Bisection in log space: a few per cent is all the plan needs.
  for (let i = 0; i < 24 && hi / lo > 1.02; i++) {
    const mid = Math.sqrt(lo * hi);
    if (expectedWithin(h, mid) >= want) hi = mid; else lo = mid;
  }
  return hi;
}

/**
 * Sites of the kinds expected inside a box, and at most (every site of each tile it
 * touches), from the snapshot zoom closest to, and not finer than, z.
 */
export function expectedInBox(d: Densities, kinds: readonly Kind[], box: Box, z: number): { expected: number; upper: number; z: number } {
  const zs = [...SNAPSHOT_ZOOMS].reverse().find((s) => s <= z) ?? SNAPSHOT_ZOOMS[0];
  const { x0, x1, y0, y1 } = tileSpan(box, zs);
  let expected = 0, upper = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const t = { z: zs, x, y };
      const n = countAt(d, kinds, zs, tileKey(t));
      if (n === 0) continue;
      const tb = tileBox(t);
      const part = {
        minLat: Math.max(tb.minLat, box.minLat), maxLat: Math.min(tb.maxLat, box.maxLat),
        minLng: Math.max(tb.minLng, box.minLng), maxLng: Math.min(tb.maxLng, box.maxLng),
      };
      if (part.minLat > part.maxLat || part.minLng > part.maxLng) continue;
      expected += n * (boxAreaM2(part) / boxAreaM2(tb));
      upper += n;
    }
  }
  return { expected, upper, z: zs };
}
