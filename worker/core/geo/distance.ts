// Great-circle distance on the mean Earth sphere (IUGG radius). Distances in linli
// are short (≤ 50 km), where the sphere is within 0.5 % of the ellipsoid.

export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Haversine distance in metres between two WGS-84 points. */
export function haversine(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Box {
  readonly minLat: number;
  readonly minLng: number;
  readonly maxLat: number;
  readonly maxLng: number;
}

/** The smallest latitude/longitude box holding every point within r metres of (lat, lng). */
export function circleBox(lat: number, lng: number, r: number): Box {
  const d = r / EARTH_RADIUS_M;
  const dLat = d / RAD;
  // The circle's widest point is poleward of its centre; asin(sin d / cos φ) is exact on the sphere.
  const s = Math.sin(d) / Math.cos(lat * RAD);
  const dLng = s >= 1 ? 180 : Math.asin(s) / RAD;
  return {
    minLat: Math.max(-90, lat - dLat),
    maxLat: Math.min(90, lat + dLat),
    minLng: Math.max(-180, lng - dLng),
    maxLng: Math.min(180, lng + dLng),
  };
}

// Not a closure inside distanceToBox: the bundler's keep-names wraps each closure it creates in a
// call that renames it, and the planner calls distanceToBox thousands of times per search.
const clampLat = (v: number, box: Box) => Math.min(box.maxLat, Math.max(box.minLat, v));

/**
 * Shortest distance in metres from a point to a latitude/longitude rectangle (0 inside).
 * Beside the rectangle the nearest point of a meridian edge is the foot of the great-circle
 * perpendicular, at tan φf = tan φ / cos Δλ, not at the point's own latitude.
 */
export function distanceToBox(lat: number, lng: number, box: Box): number {
  if (lng >= box.minLng && lng <= box.maxLng) return haversine(lat, lng, clampLat(lat, box), lng);
  const edge = lng < box.minLng ? box.minLng : box.maxLng;
  const dLng = Math.abs(edge - lng) * RAD;
  const foot = dLng >= Math.PI / 2 ? Math.sign(lat) * 90 : Math.atan(Math.tan(lat * RAD) / Math.cos(dLng)) / RAD;
  return haversine(lat, lng, clampLat(foot, box), edge);
}
