// The spatial key of a site: its Web-Mercator tile at zoom 26 (about 0.6 m at the
// equator), with x and y bits interleaved (Z-order / Morton). Tiles that are near
// each other on the map share long key prefixes, so a B-tree index on this one
// integer answers "what is in this tile at zoom z" as a single key range:
// every zoom-z tile is the range [tileKey(z) << 2(26-z), next tile's start).
// 52 bits fit exactly in a JavaScript number and an SQLite INTEGER.

export const CELL_ZOOM = 26;
const MAX_LAT = 85.05112878;

export interface Tile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** Fractional Web-Mercator tile coordinates of a WGS-84 point at zoom z. */
export function project(lat: number, lng: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = ((lng + 180) / 360) * n;
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n;
  return { x: Math.min(Math.max(x, 0), n - 1e-9), y: Math.min(Math.max(y, 0), n - 1e-9) };
}

/** WGS-84 latitude/longitude of a tile corner (x, y may be fractional). */
export function unproject(x: number, y: number, z: number): { lat: number; lng: number } {
  const n = 2 ** z;
  const lng = (x / n) * 360 - 180;
  const m = Math.PI - (2 * Math.PI * y) / n;
  const lat = (180 / Math.PI) * Math.atan(Math.sinh(m));
  return { lat, lng };
}

/** The tile containing a point at zoom z. */
export function tileOf(lat: number, lng: number, z: number): Tile {
  const p = project(lat, lng, z);
  return { z, x: Math.floor(p.x), y: Math.floor(p.y) };
}

// Spreads the low 13 bits of v so that bit i lands on bit 2i (bit tricks on 32-bit ints:
// a planner calls this for hundreds of tiles per search).
function spread13(v: number): number {
  let r = v & 0x1fff;
  r = (r | (r << 8)) & 0x00ff00ff;
  r = (r | (r << 4)) & 0x0f0f0f0f;
  r = (r | (r << 2)) & 0x33333333;
  r = (r | (r << 1)) & 0x55555555;
  return r >>> 0;
}

function compact13(v: number): number {
  let r = v & 0x55555555;
  r = (r | (r >>> 1)) & 0x33333333;
  r = (r | (r >>> 2)) & 0x0f0f0f0f;
  r = (r | (r >>> 4)) & 0x00ff00ff;
  r = (r | (r >>> 8)) & 0x0000ffff;
  return r & 0x1fff;
}

/** Morton key of tile (x, y) at zoom z: 2z bits, y's bit above x's at each level. */
export function tileKey(t: Tile): number {
  // Split 26-bit coordinates into 13-bit halves so every step stays exact.
  const hi = 2 * spread13(Math.floor(t.y / 8192)) + spread13(Math.floor(t.x / 8192));
  const lo = 2 * spread13(t.y % 8192) + spread13(t.x % 8192);
  return hi * 2 ** 26 + lo;
}

export function tileFromKey(key: number, z: number): Tile {
  const hi = Math.floor(key / 2 ** 26);
  const lo = key % 2 ** 26;
  const x = compact13(hi) * 8192 + compact13(lo);
  const y = compact13(Math.floor(hi / 2)) * 8192 + compact13(Math.floor(lo / 2));
  return { z, x, y };
}

/** The spatial key stored with every site (`sites.cell`). */
export function cellOf(lat: number, lng: number): number {
  return tileKey(tileOf(lat, lng, CELL_ZOOM));
}

/** The inclusive range of site cells that lie inside tile t. */
export function cellRange(t: Tile): [number, number] {
  const span = 4 ** (CELL_ZOOM - t.z);
  const start = tileKey(t) * span;
  return [start, start + span - 1];
}

/** The key of the zoom-z tile that contains a site cell. */
export function parentKey(cell: number, z: number): number {
  return Math.floor(cell / 4 ** (CELL_ZOOM - z));
}
