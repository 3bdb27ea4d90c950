// The server clusters a full view by fixed tiles, which at a lower map zoom can sit on
// top of one another. Clusters closer on screen than a bubble's size are merged into one
// bubble (count-weighted centre), remembering their tiles so a tap can zoom to all of them.

export interface ServerCluster {
  lat: number;
  lng: number;
  /** Position on screen (layer pixels) at the current zoom. */
  x: number;
  y: number;
  count: number;
  /** The server's tile, "z/x/y". */
  tile: string;
}

export interface MergedCluster {
  lat: number;
  lng: number;
  count: number;
  tiles: string[];
}

/**
 * Greedy merge, biggest clusters first: each joins the first bubble whose first member
 * lies within minDistancePx on screen, else starts its own bubble.
 */
export function mergeClusters(clusters: readonly ServerCluster[], minDistancePx: number): MergedCluster[] {
  const groups: { x: number; y: number; lat: number; lng: number; count: number; tiles: string[] }[] = [];
  const sorted = [...clusters].sort((a, b) => b.count - a.count);
  for (const c of sorted) {
    const g = groups.find((m) => Math.hypot(m.x - c.x, m.y - c.y) < minDistancePx);
    if (g) {
      g.lat += c.lat * c.count;
      g.lng += c.lng * c.count;
      g.count += c.count;
      g.tiles.push(c.tile);
    } else {
      groups.push({ x: c.x, y: c.y, lat: c.lat * c.count, lng: c.lng * c.count, count: c.count, tiles: [c.tile] });
    }
  }
  return groups.map((g) => ({
    lat: g.count ? g.lat / g.count : 0,
    lng: g.count ? g.lng / g.count : 0,
    count: g.count,
    tiles: g.tiles,
  }));
}
