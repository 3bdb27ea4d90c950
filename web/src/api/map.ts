// The calls of the public map: nearest sites, the sites of a view, one site, the streets and
// a problem report. Types and paths come from the OpenAPI document (./schema.gen.ts).
import { dataTilesOf } from '#core';
import { answer, api, dataOf, STALE_HEADER } from './client';
import type { MapFeature, MapSite, NearbySite, NewReport, ReportCategory, SitesInView, Street } from './types';

/** What the visitor filters by; the API's filter parameters (the downloads take the same). */
export interface Filters {
  kinds: readonly string[];
  amenities: readonly string[];
  /** Elder-care services that must all be offered. */
  elderServices?: readonly string[];
  /** Accessibility features that must all be present. */
  accessibility?: readonly string[];
  openNow: boolean;
}

/** The sites of a view, merged from its data tiles. */
export interface MapData {
  features: MapFeature[];
  mode: SitesInView['meta']['mode'];
  /** Answered from the service worker's cache (offline). */
  stale: boolean;
  /** Sites the view holds (in clusters mode, more than the features). */
  count?: number;
}

/** The filters as query parameters, in the API's names (comma-separated codes). */
export function filterQuery(f: Filters): {
  kind?: string;
  amenity?: string;
  elder_service?: string;
  accessibility?: string;
  open_now?: string;
} {
  return {
    ...(f.kinds.length ? { kind: f.kinds.join(',') } : {}),
    ...(f.amenities.length ? { amenity: f.amenities.join(',') } : {}),
    ...(f.elderServices?.length ? { elder_service: f.elderServices.join(',') } : {}),
    ...(f.accessibility?.length ? { accessibility: f.accessibility.join(',') } : {}),
    ...(f.openNow ? { open_now: 'true' } : {}),
  };
}

/** The filters set on `q` (a download link's query). */
export function filterParams(q: URLSearchParams, f: Filters): void {
  for (const [name, value] of Object.entries(filterQuery(f))) q.set(name, value);
}

// Six decimals (about 0.1 m) keep the URLs short and equal for equal places.
const fixed6 = (v: number) => Number(v.toFixed(6));

export async function nearby(
  at: { lat: number; lng: number },
  f: Filters,
  limit = 20,
  radiusM?: number,
): Promise<{ sites: NearbySite[]; stale: boolean; searchedM: number }> {
  const query = {
    lat: fixed6(at.lat),
    lng: fixed6(at.lng),
    limit,
    ...(radiusM ? { radius_m: radiusM } : {}),
    ...filterQuery(f),
  };
  const { data, response } = await answer(api.GET('/api/v1/sites/nearby', { params: { query } }));
  return { sites: data.data, stale: response.headers.has(STALE_HEADER), searchedM: data.meta.searched_m };
}

/**
 * What the map shows in a view: the data tiles covering it (worker/core/geo/data-tiles.ts), so
 * that repeated and neighbouring views ask for the same URLs and the browser's and the
 * edge's caches answer them; sites on a shared tile edge and clusters come once.
 */
export async function inBox(bbox: [number, number, number, number], zoom: number, f: Filters): Promise<MapData> {
  const query = filterQuery(f);
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const tiles = dataTilesOf({ minLng, minLat, maxLng, maxLat }, zoom);
  // A box far larger than the screen at its zoom (the place picker's district at street
  // level) would take hundreds of tiles: it is asked for as one box instead.
  const calls =
    tiles.length <= 16
      ? tiles.map((t) =>
          api.GET('/api/v1/sites/tiles/{z}/{x}/{y}', { params: { path: { z: t.z, x: t.x, y: t.y }, query } }),
        )
      : [
          api.GET('/api/v1/sites', {
            params: { query: { bbox: bbox.map((v) => v.toFixed(6)).join(','), zoom, ...query } },
          }),
        ];
  const answers = await Promise.all(calls.map((call) => answer(call)));
  const seen = new Set<string>();
  const features: MapFeature[] = [];
  let mode: MapData['mode'] = 'sites';
  for (const { data } of answers) {
    if (data.meta.mode === 'clusters') mode = 'clusters';
    for (const feature of data.features) {
      const key = 'cluster' in feature.properties ? `c${feature.properties.tile}` : `s${feature.properties.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // openapi-fetch's types read the [lng, lat] tuple as number[]: it is made a pair again here.
      const [lng = NaN, lat = NaN] = feature.geometry.coordinates;
      features.push({ ...feature, geometry: { type: 'Point', coordinates: [lng, lat] } });
    }
  }
  // One box says how many sites the view holds; data tiles reach past the view, so their
  // total is the clusters (when clustered) whose centre lies in the view.
  let count: number | undefined = answers.length === 1 ? answers[0]!.data.meta.count : undefined;
  if (count === undefined && mode === 'clusters') {
    count = features.reduce((n, f) => {
      const [lng, lat] = f.geometry.coordinates;
      const inView = lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat;
      return n + (inView ? ('cluster' in f.properties ? f.properties.count : 1) : 0);
    }, 0);
  }
  const stale = answers.some((a) => a.response.headers.has(STALE_HEADER));
  return { features, mode, stale, ...(count !== undefined ? { count } : {}) };
}

/** One site; an ApiError with status 410 when it was retired (it no longer exists), 404 when it never did. */
export const site = (id: number): Promise<MapSite> =>
  dataOf(api.GET('/api/v1/sites/{id}', { params: { path: { id: String(id) } } }));

export const streets = async (): Promise<Street[]> => (await dataOf(api.GET('/api/v1/streets'))).data;

export async function report(id: number, category: ReportCategory, note: string): Promise<void> {
  const body: NewReport = note.trim() ? { category, note: note.trim() } : { category };
  await answer(api.POST('/api/v1/sites/{id}/reports', { params: { path: { id: String(id) } }, body }));
}
