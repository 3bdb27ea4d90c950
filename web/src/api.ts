// The linli API as the map page uses it (contract: /api/v1/openapi.json). Responses are
// checked at the boundary so a changed API fails loudly here rather than deep in the DOM.
import type { Site } from '#core';
import { dataTilesOf } from '#core';

/** Opening state computed by the server for "now" (Beijing time). */
export interface OpenState {
  open_now: boolean | null;
  /** ISO time (+08:00) of the next opening or closing, null when it never changes. */
  next_change: string | null;
  hours_today: string | null;
}
export type MapSite = Site & OpenState;
export type NearbySite = MapSite & { distance_m: number };

export interface ClusterProps { cluster: true; count: number; tile: string }
export interface PointFeature<P> { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: P }
export type MapFeature = PointFeature<MapSite> | PointFeature<ClusterProps>;
export interface MapData {
  features: MapFeature[];
  mode: 'sites' | 'clusters';
  stale: boolean;
  /** Sites the view holds (in clusters mode, more than the features). */
  count?: number;
}

export interface Street { code: string; name: string; district_code: string; district_name: string }

export interface Filters {
  kinds: readonly string[];
  amenities: readonly string[];
  /** Elder-care services that must all be offered. */
  elderServices?: readonly string[];
  /** Accessibility features that must all be present. */
  accessibility?: readonly string[];
  openNow: boolean;
}

export type ReportCategory = 'closed' | 'wrong_place' | 'wrong_hours' | 'other';

/** A failed request: HTTP status (0 when offline) and the problem's detail. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Header the service worker sets when it answers from its cache (offline). */
export const STALE_HEADER = 'x-linli-from-cache';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isSite(v: unknown): v is Site {
  return isObject(v) && typeof v.id === 'number' && typeof v.name === 'string' && typeof v.kind === 'string'
    && typeof v.lat === 'number' && typeof v.lng === 'number' && Array.isArray(v.amenities) && Array.isArray(v.phones);
}

const hasDistance = <T extends object>(v: T): v is T & { distance_m: number } =>
  typeof (v as { distance_m?: unknown }).distance_m === 'number';

function withOpenState<T extends Site>(v: T): T & OpenState {
  const o = v as T & Partial<OpenState>;
  return { ...v, open_now: o.open_now ?? null, next_change: o.next_change ?? null, hours_today: o.hours_today ?? null };
}

function malformed(what: string): never {
  throw new ApiError(502, `Unexpected ${what} from the server`);
}

async function request(path: string, init?: RequestInit): Promise<{ body: unknown; stale: boolean; status: number }> {
  // Known offline: answer from the device's store, which says how old it is. Otherwise the
  // browser's HTTP cache may answer a data tile it still holds as if the network had, and the
  // page would not say it is offline (seen in tests/browser/offline.test.ts, now and then).
  // (Typed loosely: this file is also checked with workerd's types, whose navigator has no onLine.)
  if ((globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false) throw new ApiError(0, 'offline');
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch {
    throw new ApiError(0, 'offline');
  }
  const type = res.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await res.json() : null;
  if (!res.ok) {
    const detail = isObject(body) && typeof body.detail === 'string' ? body.detail : res.statusText;
    throw new ApiError(res.status, detail);
  }
  return { body, stale: res.headers.has(STALE_HEADER), status: res.status };
}

/** The API's filter parameters (the downloads take the same). */
export function filterParams(q: URLSearchParams, f: Filters): void {
  if (f.kinds.length) q.set('kind', f.kinds.join(','));
  if (f.amenities.length) q.set('amenity', f.amenities.join(','));
  if (f.elderServices?.length) q.set('elder_service', f.elderServices.join(','));
  if (f.accessibility?.length) q.set('accessibility', f.accessibility.join(','));
  if (f.openNow) q.set('open_now', 'true');
}

export async function nearby(at: { lat: number; lng: number }, f: Filters, limit = 20, radiusM?: number):
Promise<{ sites: NearbySite[]; stale: boolean; searchedM: number }> {
  const q = new URLSearchParams({ lat: at.lat.toFixed(6), lng: at.lng.toFixed(6), limit: String(limit) });
  if (radiusM) q.set('radius_m', String(radiusM));
  filterParams(q, f);
  const { body, stale } = await request(`/api/v1/sites/nearby?${q}`);
  if (!isObject(body) || !Array.isArray(body.data)) malformed('nearby list');
  const sites = body.data.map((v: unknown) => {
    if (!isSite(v) || !hasDistance(v)) malformed('nearby site');
    return withOpenState(v);
  });
  const searched = isObject(body.meta) && typeof body.meta.searched_m === 'number' ? body.meta.searched_m : 0;
  return { sites, stale, searchedM: searched };
}

/**
 * What the map shows in a view: the data tiles covering it (worker/core/geo/data-tiles.ts), so
 * that repeated and neighbouring views ask for the same URLs and the browser's and the
 * edge's caches answer them; sites on a shared tile edge and clusters come once.
 */
export async function inBox(bbox: [number, number, number, number], zoom: number, f: Filters): Promise<MapData> {
  const q = new URLSearchParams();
  filterParams(q, f);
  const query = q.size ? `?${q}` : '';
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const tiles = dataTilesOf({ minLng, minLat, maxLng, maxLat }, zoom);
  // A box far larger than the screen at its zoom (the place picker's district at street
  // level) would take hundreds of tiles: it is asked for as one box instead.
  const paths = tiles.length <= 16
    ? tiles.map((t) => `/api/v1/sites/tiles/${t.z}/${t.x}/${t.y}${query}`)
    : [`/api/v1/sites?${new URLSearchParams({ bbox: bbox.map((v) => v.toFixed(6)).join(','), zoom: String(zoom), ...Object.fromEntries(q) })}`];
  const answers = await Promise.all(paths.map((path) => request(path)));
  // One box says how many sites the view holds; data tiles reach past the view, so their
  // total is the clusters (when clustered) whose centre lies in the view.
  let count: number | undefined;
  if (answers.length === 1 && isObject(answers[0]!.body) && isObject(answers[0]!.body.meta) && typeof answers[0]!.body.meta.count === 'number') {
    count = answers[0]!.body.meta.count;
  }
  const seen = new Set<string>();
  const features: MapFeature[] = [];
  let mode: MapData['mode'] = 'sites';
  for (const { body } of answers) {
    if (!isObject(body) || !Array.isArray(body.features)) malformed('feature collection');
    if (isObject(body.meta) && body.meta.mode === 'clusters') mode = 'clusters';
    for (const f of body.features as unknown[]) {
      if (!isObject(f) || !isObject(f.geometry) || !Array.isArray(f.geometry.coordinates) || !isObject(f.properties)) malformed('feature');
      const [lng, lat] = f.geometry.coordinates;
      if (typeof lng !== 'number' || typeof lat !== 'number') malformed('feature position');
      const geometry = { type: 'Point' as const, coordinates: [lng, lat] as [number, number] };
      const p = f.properties;
      if (p.cluster === true) {
        if (typeof p.count !== 'number' || typeof p.tile !== 'string') malformed('cluster');
        if (seen.has(`c${p.tile}`)) continue;
        seen.add(`c${p.tile}`);
        features.push({ type: 'Feature', geometry, properties: { cluster: true, count: p.count, tile: p.tile } });
        continue;
      }
      // Site features may leave lat/lng to the geometry.
      const site = { ...p, lat: typeof p.lat === 'number' ? p.lat : lat, lng: typeof p.lng === 'number' ? p.lng : lng };
      if (!isSite(site)) malformed('site feature');
      if (seen.has(`s${site.id}`)) continue;
      seen.add(`s${site.id}`);
      features.push({ type: 'Feature', geometry, properties: withOpenState(site) });
    }
  }
  if (count === undefined && mode === 'clusters') {
    count = features.reduce((n, f) => {
      const [lng, lat] = f.geometry.coordinates;
      const inView = lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat;
      return n + (inView ? ('cluster' in f.properties ? f.properties.count : 1) : 0);
    }, 0);
  }
  return { features, mode, stale: answers.some((a) => a.stale), ...(count !== undefined ? { count } : {}) };
}

/** One site; an ApiError with status 410 when it was retired (it no longer exists), 404 when it never did. */
export async function site(id: number): Promise<MapSite> {
  const { body } = await request(`/api/v1/sites/${id}`);
  if (!isSite(body)) malformed('site');
  return withOpenState(body);
}

export async function streets(): Promise<Street[]> {
  const { body } = await request('/api/v1/streets');
  if (!isObject(body) || !Array.isArray(body.data)) malformed('street list');
  return body.data.filter((s: unknown): s is Street => isObject(s) && typeof s.code === 'string' && typeof s.name === 'string'
    && typeof s.district_code === 'string' && typeof s.district_name === 'string');
}

export async function report(id: number, category: ReportCategory, note: string): Promise<void> {
  await request(`/api/v1/sites/${id}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(note.trim() ? { category, note: note.trim() } : { category }),
  });
}
