// The benchmark's brute-force oracle: every site held in the bench process, every query
// answered by looking at each of them. Slow and obviously right, so every engine's
// answers are checked against it, nearest lists and map clusters alike.
import type { NationalSite } from '../../seeds/national';
import { cellOf, parentKey, tileFromKey, tileKey } from '../../worker/core/geo/cell';
import { coverBox } from '../../worker/core/geo/cover';
import { type Box, haversine } from '../../worker/core/geo/distance';
import { clusterZoom } from '../../worker/core/geo/plan';
import { PLANNER_DEFAULTS } from '../../worker/core/geo/planner-options';

const KIND_CODES = ['rest_station', 'elder_care', 'park'] as const;

export class Oracle {
  private lat: number[] = [];
  private lng: number[] = [];
  private kind: number[] = [];
  private live: boolean[] = [];
  private cell: number[] = [];

  add(s: NationalSite): void {
    this.lat.push(s.lat);
    this.lng.push(s.lng);
    this.cell.push(cellOf(s.lat, s.lng));
    this.kind.push(KIND_CODES.indexOf(s.kind));
    this.live.push(s.status !== 'retired');
  }

  get size(): number {
    return this.lat.length;
  }

  /** Ids of the nearest `limit` live sites within radius, ties by id (ids are 1-based load order). */
  nearest(lat: number, lng: number, radiusM: number, limit: number, kind?: string): string {
    const k = kind === undefined ? -1 : KIND_CODES.indexOf(kind as (typeof KIND_CODES)[number]);
    // A degree box around the circle first: the haversine of every site would take minutes at 10⁶.
    const dLat = radiusM / 111_000 + 1e-3,
      dLng = dLat / Math.max(0.05, Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180));
    const hits: [number, number][] = [];
    for (let i = 0; i < this.lat.length; i++) {
      if (!this.live[i] || (k >= 0 && this.kind[i] !== k)) continue;
      if (Math.abs(this.lat[i]! - lat) > dLat || Math.abs(this.lng[i]! - lng) > dLng) continue;
      const d = haversine(lat, lng, this.lat[i]!, this.lng[i]!);
      if (d <= radiusM) hits.push([d, i + 1]);
    }
    return hits
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .slice(0, limit)
      .map((h) => h[1])
      .join(',');
  }

  /**
   * What a map view shows: the ids inside it, or, when they are more than the cap, its
   * clusters as `z/x/y:count`: every tile at the cluster zoom that the view touches, with
   * all its live sites (a cluster stands for its tile, which a tap zooms into).
   */
  view(box: Box, zoom: number): string {
    const ids: number[] = [];
    for (let i = 0; i < this.lat.length; i++) {
      if (!this.live[i]) continue;
      const la = this.lat[i]!,
        ln = this.lng[i]!;
      if (la >= box.minLat && la <= box.maxLat && ln >= box.minLng && ln <= box.maxLng) ids.push(i + 1);
    }
    if (ids.length <= PLANNER_DEFAULTS.viewCap) return ids.join(',');
    const z = clusterZoom(box, zoom);
    const tiles = new Set(coverBox(box, z).tiles.map(tileKey));
    const byTile = new Map<number, number>();
    for (let i = 0; i < this.cell.length; i++) {
      if (!this.live[i]) continue;
      const key = parentKey(this.cell[i]!, z);
      if (tiles.has(key)) byTile.set(key, (byTile.get(key) ?? 0) + 1);
    }
    return clusterAnswer(
      [...byTile].map(([key, count]) => {
        const t = tileFromKey(key, z);
        return { tile: `${t.z}/${t.x}/${t.y}`, count };
      }),
    );
  }
}

/** Clusters as one comparable string, whatever order an engine sent them in. */
export const clusterAnswer = (clusters: readonly { tile: string; count: number }[]) =>
  `clusters ${clusters
    .map((c) => `${c.tile}:${c.count}`)
    .sort()
    .join(' ')}`;
