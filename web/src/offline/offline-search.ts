// Answers the map page's questions from the sites saved on the device, the way the
// worker answers them: great-circle distance, kind/amenity filters and open-now from
// the worker's own pure opening-hours and holiday code (worker/core/open-state.ts), nearest
// first with ties by id. Pure: the IndexedDB side is site-store.ts.
import {
  ACCESSIBILITY,
  AMENITIES,
  ELDER_SERVICES,
  haversine,
  isCodeOf,
  KINDS,
  openFields,
  openStateCache,
  passes,
  type SiteFilter,
} from '#core';
import type { Filters } from '../api/map';
import type { MapSite, NearbySite, Site } from '../api/types';
import type { LatLng } from '../state';

/** Limits of what the device keeps, declared once. */
export const STORE_LIMITS = {
  /** Sites are kept within this distance (m) of a recent online position: the area "seen before". */
  areaM: 10_000,
  /** Recent online positions remembered (the rider's, or the map centre's). */
  positions: 8,
  /** At most this many sites… */
  sites: 3_000,
  /** …and this many bytes of site JSON (≈ 1 kB a site). */
  bytes: 3_000_000,
  /** A site not seen online for this long is dropped (ms): 14 days. */
  maxAgeMs: 14 * 86_400_000,
} as const;

/** A site as saved: the record without its open state (recomputed whenever asked), and when it was received. */
export interface StoredSite {
  site: Site;
  savedAt: number;
  bytes: number;
}
/** A position where the app had answers online, and when. */
export interface SeenPosition extends LatLng {
  at: number;
}

export interface LocalAnswer<T> {
  sites: T[];
  /** When the oldest of the sites the answer draws on was received (ms). */
  savedAt: number;
}

const isKind = isCodeOf(KINDS);
const isAmenity = isCodeOf(AMENITIES);
const isService = isCodeOf(ELDER_SERVICES);
const isAccess = isCodeOf(ACCESSIBILITY);
const OPEN_FIELDS = ['open_now', 'next_change', 'hours_today', 'distance_m'] as const;

/** The site record of an API answer, without the fields that depend on when and where it was asked. */
export function siteRecord(s: Site | MapSite | NearbySite): Site {
  const copy: Record<string, unknown> = { ...s };
  for (const k of OPEN_FIELDS) delete copy[k];
  return copy as unknown as Site;
}

function siteFilter(f: Filters, now: Date): SiteFilter {
  return {
    kinds: f.kinds.filter(isKind),
    amenities: f.amenities.filter(isAmenity),
    elderServices: (f.elderServices ?? []).filter(isService),
    accessibility: (f.accessibility ?? []).filter(isAccess),
    openNow: f.openNow,
    at: now,
  };
}

/** Whether a point lies in the area whose sites the device keeps. */
export function covers(positions: readonly SeenPosition[], at: LatLng, areaM: number = STORE_LIMITS.areaM): boolean {
  return positions.some((p) => haversine(p.lat, p.lng, at.lat, at.lng) <= areaM);
}

/** The matching live sites, each with its open state at `now`. */
function matching(stored: readonly StoredSite[], f: Filters, now: Date): { s: StoredSite; site: MapSite }[] {
  const filter = siteFilter(f, now);
  const stateOf = openStateCache(now);
  const out: { s: StoredSite; site: MapSite }[] = [];
  for (const s of stored) {
    const site = s.site;
    if (site.status === 'retired') continue;
    if (filter.kinds.length && !filter.kinds.includes(site.kind)) continue;
    const open = openFields(site, stateOf(site.opening_hours, site.follows_workday_calendar));
    if (!passes(site, open, filter)) continue;
    out.push({ s, site: { ...site, ...open } });
  }
  return out;
}

const oldest = (xs: readonly { s: StoredSite }[], fallback: number) =>
  xs.reduce((m, x) => Math.min(m, x.s.savedAt), xs.length ? Infinity : fallback);

/** Nearest matching sites within radiusM of `at`, nearest first (ties by id), as the worker orders them. */
export function nearbyLocal(
  stored: readonly StoredSite[],
  at: LatLng,
  f: Filters,
  limit: number,
  radiusM: number,
  now: Date,
): LocalAnswer<NearbySite> {
  const found = matching(stored, f, now)
    .map((x) => ({ ...x, d: haversine(at.lat, at.lng, x.site.lat, x.site.lng) }))
    .filter((x) => x.d <= radiusM)
    .sort((a, b) => a.d - b.d || a.site.id - b.site.id)
    .slice(0, limit);
  return {
    sites: found.map((x) => ({ ...x.site, distance_m: Math.round(x.d) })),
    savedAt: oldest(found, now.getTime()),
  };
}

/** Matching sites inside a view [west, south, east, north]. */
export function inBoxLocal(
  stored: readonly StoredSite[],
  bbox: readonly [number, number, number, number],
  f: Filters,
  now: Date,
): LocalAnswer<MapSite> {
  const [w, s, e, n] = bbox;
  const found = matching(stored, f, now).filter(
    (x) => x.site.lng >= w && x.site.lng <= e && x.site.lat >= s && x.site.lat <= n,
  );
  return { sites: found.map((x) => x.site), savedAt: oldest(found, now.getTime()) };
}

/**
 * Saved sites an online answer proves gone (retired or moved away): those of the asked
 * kinds inside a circle the server read completely that it did not return. Only an
 * answer without amenity/service/accessibility/open-now filters proves anything.
 */
export function goneFrom(
  stored: readonly StoredSite[],
  answer: { at: LatLng; radiusM: number; ids: ReadonlySet<number>; filters: Filters },
): number[] {
  const { at, radiusM, ids, filters } = answer;
  if (filters.amenities.length || filters.elderServices?.length || filters.accessibility?.length || filters.openNow)
    return [];
  return stored
    .filter(
      (s) =>
        !ids.has(s.site.id) &&
        (!filters.kinds.length || filters.kinds.includes(s.site.kind)) &&
        haversine(at.lat, at.lng, s.site.lat, s.site.lng) < radiusM,
    )
    .map((s) => s.site.id);
}

/**
 * Which saved sites to drop: those older than maxAgeMs, those outside the area of the
 * recent positions, then, while over the count or byte cap, the ones farthest from the
 * newest position.
 */
export function toEvict(
  stored: readonly StoredSite[],
  positions: readonly SeenPosition[],
  now: number,
  limits: Readonly<Record<keyof typeof STORE_LIMITS, number>> = STORE_LIMITS,
): number[] {
  const evict: number[] = [];
  const newest = positions.reduce<SeenPosition | null>((m, p) => (!m || p.at > m.at ? p : m), null);
  const kept: { s: StoredSite; d: number }[] = [];
  for (const s of stored) {
    const inArea = covers(positions, s.site, limits.areaM);
    if (now - s.savedAt > limits.maxAgeMs || (positions.length > 0 && !inArea)) evict.push(s.site.id);
    else kept.push({ s, d: newest ? haversine(newest.lat, newest.lng, s.site.lat, s.site.lng) : 0 });
  }
  kept.sort((a, b) => a.d - b.d || b.s.savedAt - a.s.savedAt);
  let bytes = 0;
  kept.forEach((k, i) => {
    bytes += k.s.bytes;
    if (i >= limits.sites || bytes > limits.bytes) evict.push(k.s.site.id);
  });
  return evict;
}

/** Remembers an online position: the newest first, one per ~200 m, at most `limits.positions`. */
export function rememberPosition(
  positions: readonly SeenPosition[],
  p: SeenPosition,
  max: number = STORE_LIMITS.positions,
): SeenPosition[] {
  const others = positions.filter((q) => haversine(q.lat, q.lng, p.lat, p.lng) > 200);
  return [p, ...others].sort((a, b) => b.at - a.at).slice(0, max);
}
