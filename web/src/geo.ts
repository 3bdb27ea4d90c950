// Plain geometry for the map page (no DOM); distances are the core's (haversine, #core).

/** Centroid of a few points (plain average: they lie within one street). */
export function centroid(points: readonly { lat: number; lng: number }[]): { lat: number; lng: number } | null {
  if (points.length === 0) return null;
  const sum = points.reduce((s, p) => ({ lat: s.lat + p.lat, lng: s.lng + p.lng }), { lat: 0, lng: 0 });
  return { lat: sum.lat / points.length, lng: sum.lng / points.length };
}
