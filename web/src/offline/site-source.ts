// Where the map page gets sites: the network (whose answers are saved on the device) or
// the device itself, answering the same questions for any position in the area seen
// before. The page shows the device's answer at once and the network's when it comes.

import { haversine } from '#core';
import { type Filters, site as fetchSite, inBox, type MapData, nearby } from '../api/map';
import { ApiError } from '../api/problem';
import type { MapSite, NearbySite } from '../api/types';
import type { LatLng } from '../state';
import { whenIdle } from '../tasks';
import type { Bbox } from '../view-box';
import { covers, inBoxLocal, type LocalAnswer, nearbyLocal } from './offline-search';
import type { SiteStore } from './site-store';

/** Sites fetched around each new position, so offline answers hold for the area, not only the view. */
const AROUND = { limit: 100, radiusM: 5_000, everyM: 1_000 } as const;

export class SiteSource {
  private readonly around: LatLng[] = [];

  constructor(private readonly store: SiteStore | null) {}

  /**
   * Quietly saves the sites around a position (every kind, no filter), once per
   * kilometre moved: then "nearest open" works offline anywhere near, not only in the view seen.
   */
  async prefetchAround(at: LatLng): Promise<void> {
    if (!this.store || this.around.some((p) => haversine(p.lat, p.lng, at.lat, at.lng) < AROUND.everyM)) return;
    this.around.push(at);
    await this.nearby(at, { kinds: [], amenities: [], openNow: false }, AROUND.limit, AROUND.radiusM).catch(
      () => undefined,
    );
  }

  /** The device's nearest sites, or null when it holds nothing for this place. */
  localNearby(
    at: LatLng,
    f: Filters,
    limit: number,
    radiusM: number,
    now = new Date(),
  ): LocalAnswer<NearbySite> | null {
    if (!this.store || !covers(this.store.positions(), at)) return null;
    return nearbyLocal(this.store.all(), at, f, limit, radiusM, now);
  }

  /** The device's sites in a view, or null when it holds nothing for this place. */
  localView(bbox: Bbox, f: Filters, now = new Date()): LocalAnswer<MapSite> | null {
    const centre = { lat: (bbox[1] + bbox[3]) / 2, lng: (bbox[0] + bbox[2]) / 2 };
    if (!this.store || !covers(this.store.positions(), centre)) return null;
    return inBoxLocal(this.store.all(), bbox, f, now);
  }

  /** A saved site with its open state now, and when it was saved. */
  localSite(id: number, now = new Date()): { site: MapSite; savedAt: number } | null {
    const saved = this.store?.get(id);
    if (!saved) return null;
    const [found] = inBoxLocal([saved], [-180, -90, 180, 90], { kinds: [], amenities: [], openNow: false }, now).sites;
    return found ? { site: found, savedAt: saved.savedAt } : null;
  }

  async nearby(at: LatLng, f: Filters, limit: number, radiusM?: number): Promise<NearbySite[]> {
    const { sites, searchedM } = await nearby(at, f, limit, radiusM);
    // The circle the answer proves complete: to its last site, or all it searched when it found fewer.
    const last = sites[sites.length - 1];
    const proven = sites.length >= limit && last ? last.distance_m - 1 : searchedM;
    this.keep(sites, { at, radiusM: proven, filters: f });
    return sites;
  }

  async view(bbox: Bbox, zoom: number, f: Filters): Promise<MapData> {
    const data = await inBox(bbox, zoom, f);
    const sites = data.features.flatMap((x) => ('cluster' in x.properties ? [] : [x.properties]));
    const centre = { lat: (bbox[1] + bbox[3]) / 2, lng: (bbox[0] + bbox[2]) / 2 };
    this.keep(sites, { at: centre, radiusM: 0, filters: f });
    return data;
  }

  /**
   * Saves an answer on the device once the page has a moment: copying a view's thousand
   * sites into IndexedDB is slow on a phone, and the person is waiting for the list and map.
   */
  private keep(sites: readonly MapSite[], asked: Parameters<SiteStore['save']>[1]): void {
    const store = this.store;
    if (store) void whenIdle().then(() => store.save(sites, asked));
  }

  /** One site from the server; a retired one (410) is forgotten on the device. */
  async site(id: number): Promise<MapSite> {
    try {
      const s = await fetchSite(id);
      void this.store?.save([s], null);
      return s;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 410 || err.status === 404)) void this.store?.forget(id);
      throw err;
    }
  }
}
