// Where the sites are, without asking D1: live-site counts per kind and tile, at zoom 18
// and summed at the coarser zooms, held by the worker isolate (worker/db/geo-state.ts
// loads them at a `geo_version`). A search plans its read from these, so it needs no
// round trip to probe counts. Map views use them only to steer cost; nearest-k searches
// rely on the leaf counts being exact at the version they were read at (worker/core/geo/leaves.ts).
import type { Kind } from '../vocabulary';
import { tileKey } from './cell';
import { boxAreaM2, tileBox, tileSpan } from './cover';
import type { Box } from './distance';

/** Zooms whose counts the isolate holds: the coarse ones summed from the leaf counts. */
export const SNAPSHOT_ZOOMS = [6, 9, 12, 15] as const;
/**
 * The finest zoom of `cell_counts` (tiles of ~150 m in China), the one the isolate reads:
 * 0.85 rows per site at 10⁶ sites; every coarser count is their sum.
 */
export const LEAF_ZOOM = 18;

/** The non-empty tiles of one kind at one zoom: keys sorted, counts alongside. */
export interface TileCounts {
  readonly keys: Float64Array;
  readonly n: Uint32Array;
  /** At the leaf zoom, the centre of each tile's sites (its one site's position when n is 1); NaN when unknown. */
  readonly lat?: Float32Array;
  readonly lng?: Float32Array;
}

/** A leaf-zoom row of `cell_counts`; the coordinate sums are optional. */
export interface LeafRow {
  tile: number;
  n: number;
  sum_lat?: number;
  sum_lng?: number;
}

/** counts[kind][z]: the snapshot of `cell_counts`. */
export type Densities = ReadonlyMap<Kind, ReadonlyMap<number, TileCounts>>;

/**
 * Builds the snapshot from each kind's leaf-zoom counts: those, and their sums at every
 * coarser snapshot zoom (a zoom-z tile's key is its leaves' keys shifted by 2·(18 − z) bits,
 * so over sorted leaves each coarser tile is one run of neighbours: one pass per zoom).
 */
export function densitiesFromLeaves(leaves: Iterable<{ kind: Kind; rows: readonly LeafRow[] }>): Densities {
  const out = new Map<Kind, Map<number, TileCounts>>();
  for (const { kind, rows } of leaves) {
    const sorted = rows.every((r, i) => i === 0 || rows[i - 1]!.tile < r.tile)
      ? rows
      : [...rows].sort((a, b) => a.tile - b.tile);
    const byZoom = new Map<number, TileCounts>();
    const leafCounts = {
      keys: Float64Array.from(sorted, (r) => r.tile),
      n: Uint32Array.from(sorted, (r) => r.n),
      lat: Float32Array.from(sorted, (r) => (r.sum_lat === undefined ? NaN : r.sum_lat / r.n)),
      lng: Float32Array.from(sorted, (r) => (r.sum_lng === undefined ? NaN : r.sum_lng / r.n)),
    };
    byZoom.set(LEAF_ZOOM, leafCounts);
    for (const z of SNAPSHOT_ZOOMS) {
      const scale = 4 ** (LEAF_ZOOM - z);
      const keys: number[] = [],
        n: number[] = [];
      for (let i = 0; i < leafCounts.keys.length; i++) {
        const key = Math.floor(leafCounts.keys[i]! / scale);
        if (keys.length > 0 && keys[keys.length - 1] === key) n[n.length - 1]! += leafCounts.n[i]!;
        else {
          keys.push(key);
          n.push(leafCounts.n[i]!);
        }
      }
      byZoom.set(z, { keys: Float64Array.from(keys), n: Uint32Array.from(n) });
    }
    out.set(kind, byZoom);
  }
  return out;
}

/** Where the tile with this key is in t: its index, or −1 when it holds no site. */
export function tileIndex(t: TileCounts, key: number): number {
  const i = firstAtOrAfter(t, key);
  return t.keys[i] === key ? i : -1;
}

/** The index of the first tile of t whose key is at least `key` (t.keys.length when none is). */
export function firstAtOrAfter(t: TileCounts, key: number): number {
  let lo = 0,
    hi = t.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of the single site of the tile at index i of t (undefined unless it holds exactly one and its sums are known). */
export function loneSiteOf(t: TileCounts, i: number): { lat: number; lng: number } | undefined {
  return t.lat && t.lng && t.n[i] === 1 && !Number.isNaN(t.lat[i]!) ? { lat: t.lat[i]!, lng: t.lng[i]! } : undefined;
}

function lookup(t: TileCounts | undefined, key: number): number {
  if (!t) return 0;
  const i = tileIndex(t, key);
  return i < 0 ? 0 : t.n[i]!;
}

/** Sites of the given kinds in the zoom-z tile with this key. */
export function countAt(d: Densities, kinds: readonly Kind[], z: number, key: number): number {
  let n = 0;
  for (const kind of kinds) n += lookup(d.get(kind)?.get(z), key);
  return n;
}

/**
 * Sites of the kinds expected inside a box, and at most (every site of each tile it
 * touches), from the snapshot zoom closest to, and not finer than, z.
 */
export function expectedInBox(
  d: Densities,
  kinds: readonly Kind[],
  box: Box,
  z: number,
): { expected: number; upper: number; z: number } {
  const zs = [...SNAPSHOT_ZOOMS].reverse().find((s) => s <= z) ?? SNAPSHOT_ZOOMS[0];
  const { x0, x1, y0, y1 } = tileSpan(box, zs);
  let expected = 0,
    upper = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const t = { z: zs, x, y };
      const n = countAt(d, kinds, zs, tileKey(t));
      if (n === 0) continue;
      const tb = tileBox(t);
      const part = {
        minLat: Math.max(tb.minLat, box.minLat),
        maxLat: Math.min(tb.maxLat, box.maxLat),
        minLng: Math.max(tb.minLng, box.minLng),
        maxLng: Math.min(tb.maxLng, box.maxLng),
      };
      if (part.minLat > part.maxLat || part.minLng > part.maxLng) continue;
      expected += n * (boxAreaM2(part) / boxAreaM2(tb));
      upper += n;
    }
  }
  return { expected, upper, z: zs };
}
