// The map's view as numbers, without the map: the box a centre and zoom show in a
// viewport of given pixels (Web Mercator, 256 px tiles, as Leaflet draws it), and the
// zoom at which a point comes into view. Lets the page list the sites in view before
// the map library has loaded, and "widen" to the nearest site in one step. No DOM.
import { project, unproject } from '#core';
import type { LatLng } from './state';

export type Bbox = [west: number, south: number, east: number, north: number];

const TILE = 256;

// Pixel positions on the Web Mercator plane at a zoom: the spatial index's projection
// (worker/core/geo/cell.ts, fractional tile coordinates) scaled to 256-pixel tiles.
const worldX = (lng: number, zoom: number) => project(0, lng, zoom).x * TILE;
const worldY = (lat: number, zoom: number) => project(lat, 0, zoom).y * TILE;
const lngOf = (x: number, zoom: number) => unproject(x / TILE, 0, zoom).lng;
const latOf = (y: number, zoom: number) => unproject(0, y / TILE, zoom).lat;

/** The box [west, south, east, north] shown around `centre` at `zoom` in a viewport of width × height px. */
export function viewBox(centre: LatLng, zoom: number, width: number, height: number): Bbox {
  const x = worldX(centre.lng, zoom);
  const y = worldY(centre.lat, zoom);
  return [
    lngOf(x - width / 2, zoom),
    latOf(y + height / 2, zoom),
    lngOf(x + width / 2, zoom),
    latOf(y - height / 2, zoom),
  ];
}

export function inBbox(b: Bbox, p: LatLng): boolean {
  return p.lng >= b[0] && p.lng <= b[2] && p.lat >= b[1] && p.lat <= b[3];
}

/**
 * The closest zoom (≤ `zoom`) at which `point` lies inside the view around `centre`,
 * with `marginPx` to spare on every side so its marker is fully visible.
 */
export function zoomToInclude(
  centre: LatLng,
  point: LatLng,
  zoom: number,
  width: number,
  height: number,
  marginPx = 40,
): number {
  for (let z = zoom; z > 0; z--) {
    const dx = Math.abs(worldX(point.lng, z) - worldX(centre.lng, z));
    const dy = Math.abs(worldY(point.lat, z) - worldY(centre.lat, z));
    if (dx <= width / 2 - marginPx && dy <= height / 2 - marginPx) return z;
  }
  return 0;
}
