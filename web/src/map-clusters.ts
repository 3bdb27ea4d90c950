// The one clustering path of the map: every point of a view — single sites and the
// server's count clusters (weighted by their count) — goes into one supercluster index,
// which groups what would overlap on screen at each zoom. supercluster's k-d tree makes a
// view of thousands of points a few milliseconds, where leaflet.markercluster plus a
// pairwise merge of server clusters took over a second on a phone.
import Supercluster, { type ClusterFeature, type PointFeature } from 'supercluster';
import { unproject } from '#core';
import type { MapFeature, MapSite } from './api/types';

export const CLUSTER_DEFAULTS = {
  /** Points closer than this on screen (px; bubbles are 48) are drawn as one bubble. */
  radius: 56,
  /** Last zoom at which points are grouped; closer in, every site is its own marker. */
  maxZoom: 17,
} as const;

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];
export interface Extent {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** A point of the index: a site, or one of the server's clusters ("z/x/y" tile). */
type PointProps = { site: MapSite; count: 1 } | { tile: string; count: number };
/** What a group of points adds up to. */
interface GroupProps {
  count: number;
  server: boolean;
}

export type MapItem =
  | { type: 'site'; site: MapSite }
  | {
      type: 'cluster';
      lat: number;
      lng: number;
      /** Sites in the bubble. */
      count: number;
      /** Whether it holds clusters of the server (sites not sent one by one). */
      server: boolean;
      /** Where its sites lie (tap zooms there). */
      extent: () => Extent;
    };

export class MapClusters {
  private index: Supercluster<PointProps, GroupProps>;
  private sites = new Map<number, MapSite>();

  constructor(private readonly options: { radius: number; maxZoom: number } = CLUSTER_DEFAULTS) {
    this.index = this.emptyIndex();
  }

  private emptyIndex(): Supercluster<PointProps, GroupProps> {
    return new Supercluster<PointProps, GroupProps>({
      radius: this.options.radius,
      maxZoom: this.options.maxZoom,
      map: (p) => ({ count: p.count, server: 'tile' in p }),
      reduce: (acc, p) => {
        acc.count += p.count;
        acc.server ||= p.server;
      },
    });
  }

  /** Replaces the points with a view's features, leaving out the sites of `except`. */
  load(features: readonly MapFeature[], except: ReadonlySet<number> = new Set()): void {
    this.index = this.emptyIndex();
    this.sites.clear();
    const points: PointFeature<PointProps>[] = [];
    for (const f of features) {
      const p = f.properties;
      if ('cluster' in p)
        points.push({ type: 'Feature', geometry: f.geometry, properties: { tile: p.tile, count: p.count } });
      else if (!except.has(p.id)) {
        this.sites.set(p.id, p);
        points.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
          properties: { site: p, count: 1 },
        });
      }
    }
    this.index.load(points);
  }

  /** What to draw in a box at a zoom level. */
  items(bbox: BBox, zoom: number): MapItem[] {
    return this.index.getClusters(bbox, Math.round(zoom)).map((f) => this.item(f));
  }

  private item(f: ClusterFeature<GroupProps> | PointFeature<PointProps>): MapItem {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    const p = f.properties;
    if ('cluster_id' in p) {
      const id = p.cluster_id;
      return {
        type: 'cluster',
        lat,
        lng,
        count: p.count,
        server: p.server,
        extent: () => extentOf(this.index.getLeaves(id, Infinity).map((leaf) => leaf.properties)),
      };
    }
    if ('site' in p) return { type: 'site', site: p.site };
    return { type: 'cluster', lat, lng, count: p.count, server: true, extent: () => extentOf([p]) };
  }

  /**
   * The first zoom from `zoom` on at which a site is drawn as its own marker, and where
   * it is; null when it is not among the points.
   */
  zoomShowing(siteId: number, zoom: number): { zoom: number; lat: number; lng: number } | null {
    const site = this.sites.get(siteId);
    if (!site) return null;
    const d = 1e-6;
    for (let z = Math.round(zoom); z <= this.options.maxZoom; z++) {
      const near = this.index.getClusters([site.lng - d, site.lat - d, site.lng + d, site.lat + d], z);
      if (near.some((f) => 'site' in f.properties && f.properties.site.id === siteId))
        return { zoom: z, lat: site.lat, lng: site.lng };
    }
    return { zoom: Math.max(Math.round(zoom), this.options.maxZoom + 1), lat: site.lat, lng: site.lng };
  }
}

/** The box holding some points: a site's position, a server cluster's whole tile. */
export function extentOf(points: readonly PointProps[]): Extent {
  const e: Extent = { south: 90, west: 180, north: -90, east: -180 };
  const add = (lat: number, lng: number) => {
    e.south = Math.min(e.south, lat);
    e.north = Math.max(e.north, lat);
    e.west = Math.min(e.west, lng);
    e.east = Math.max(e.east, lng);
  };
  for (const p of points) {
    if ('site' in p) {
      add(p.site.lat, p.site.lng);
      continue;
    }
    const [z, x, y] = p.tile.split('/').map(Number);
    if (z === undefined || x === undefined || y === undefined || ![z, x, y].every(Number.isInteger)) continue;
    const nw = unproject(x, y, z);
    const se = unproject(x + 1, y + 1, z);
    add(nw.lat, nw.lng);
    add(se.lat, se.lng);
  }
  return e;
}
