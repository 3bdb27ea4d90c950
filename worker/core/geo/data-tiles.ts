// Map data is fetched by Web-Mercator tile rather than by the exact box on screen, so
// that the same and neighbouring views ask for the same URLs and caches (the browser's,
// the edge's) can answer them. A data tile at zoom z is 1,024 px wide on a map at
// zoom z + 2: a screen of map needs 2–6 of them.

import type { Tile } from './cell';
import { tileSpan } from './cover';
import type { Box } from './distance';

/** Data tiles are this many zooms coarser than the map (4 × 4 map tiles each). */
export const DATA_TILE_ZOOM_OFFSET = 2;
/** Finest data tile zoom (tiles of ~150 m); a map zoomed further in still uses these. */
export const MAX_DATA_TILE_ZOOM = 18;

/** The zoom of the data tiles for a map at this zoom. */
export const dataTileZoom = (mapZoom: number) =>
  Math.max(0, Math.min(MAX_DATA_TILE_ZOOM, Math.floor(mapZoom) - DATA_TILE_ZOOM_OFFSET));

/** The map zoom whose clusters a data tile at zoom z carries. */
export const mapZoomOfTile = (z: number) => z + DATA_TILE_ZOOM_OFFSET;

/** The data tiles covering a view (`box` in degrees) on a map at `mapZoom`. */
export function dataTilesOf(box: Box, mapZoom: number): Tile[] {
  const z = dataTileZoom(mapZoom);
  const { x0, x1, y0, y1 } = tileSpan(box, z);
  const tiles: Tile[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) tiles.push({ z, x, y });
  return tiles;
}
