// What the page shows, as a value, and its URL form (query string), so every view can
// be shared and reloaded: ?lat=&lng=&z=&at=lat,lng&kind=&amenity=&service=&access=&open=1&site=
import { ACCESSIBILITY, AMENITIES, ELDER_SERVICES, isCodeOf, KINDS } from '#core';

export interface LatLng {
  lat: number;
  lng: number;
}

export interface ViewState {
  /** Map centre and zoom. */
  lat: number;
  lng: number;
  zoom: number;
  /** The person's position (located or picked); the list measures distances from it. */
  at: LatLng | null;
  kinds: string[];
  amenities: string[];
  elderServices: string[];
  accessibility: string[];
  openNow: boolean;
  /** The site whose details are open. */
  site: number | null;
}

/** Tiananmen: where the map opens when nothing else is known. */
export const DEFAULT_VIEW = { lat: 39.9087, lng: 116.3975, zoom: 12 } as const;
export const MIN_ZOOM = 3;
export const MAX_ZOOM = 19;

const isKind = isCodeOf(KINDS);
const isAmenity = isCodeOf(AMENITIES);
const isService = isCodeOf(ELDER_SERVICES);
const isAccess = isCodeOf(ACCESSIBILITY);

const num = (v: string | null, min: number, max: number): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
};

const list = (v: string | null, known: (code: string) => boolean) => [...new Set((v ?? '').split(',').filter(known))];

/** Reads a state from a query string; anything malformed falls back to the defaults. */
export function parseState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const lat = num(q.get('lat'), -85, 85);
  const lng = num(q.get('lng'), -180, 180);
  const [atLat, atLng] = (q.get('at') ?? '').split(',');
  const at = { lat: num(atLat ?? null, -85, 85), lng: num(atLng ?? null, -180, 180) };
  const site = q.get('site');
  return {
    lat: lat ?? DEFAULT_VIEW.lat,
    lng: lng ?? DEFAULT_VIEW.lng,
    zoom: Math.round(num(q.get('z'), MIN_ZOOM, MAX_ZOOM) ?? DEFAULT_VIEW.zoom),
    at: at.lat !== null && at.lng !== null ? { lat: at.lat, lng: at.lng } : null,
    kinds: list(q.get('kind'), isKind),
    amenities: list(q.get('amenity'), isAmenity),
    elderServices: list(q.get('service'), isService),
    accessibility: list(q.get('access'), isAccess),
    openNow: q.get('open') === '1',
    site: site && /^[1-9][0-9]{0,14}$/.test(site) ? Number(site) : null,
  };
}

/** The query string (with "?") for a state; 5 decimals (~1 m) keep links short. */
export function formatState(s: ViewState): string {
  const q = new URLSearchParams();
  q.set('lat', s.lat.toFixed(5));
  q.set('lng', s.lng.toFixed(5));
  q.set('z', String(s.zoom));
  if (s.at) q.set('at', `${s.at.lat.toFixed(5)},${s.at.lng.toFixed(5)}`);
  if (s.kinds.length) q.set('kind', s.kinds.join(','));
  if (s.amenities.length) q.set('amenity', s.amenities.join(','));
  if (s.elderServices.length) q.set('service', s.elderServices.join(','));
  if (s.accessibility.length) q.set('access', s.accessibility.join(','));
  if (s.openNow) q.set('open', '1');
  if (s.site !== null) q.set('site', String(s.site));
  return `?${q.toString().replace(/%2C/g, ',')}`;
}
