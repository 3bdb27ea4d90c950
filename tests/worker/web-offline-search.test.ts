// The map page's offline answers (web/src/offline/offline-search.ts): the same sites, in the
// same order, with the same open state as the worker gives for the same data; and the
// store's bounds (area, age, count, bytes).
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  covers,
  goneFrom,
  inBoxLocal,
  nearbyLocal,
  rememberPosition,
  STORE_LIMITS,
  type StoredSite,
  siteRecord,
  toEvict,
} from '../../web/src/offline/offline-search';
import type { Site } from '../../worker/core/site';
import { get } from './api';
import { insertSite } from './fixtures/console';

const HOURS = [
  '24/7',
  'Mo-Fr 08:00-18:00',
  'Mo-Su 06:00-09:00',
  'Sa,Su,PH 09:00-17:00; Mo-Fr off',
  '22:00-06:00',
  null,
  'not hours',
];
const KIND_LIST = ['rest_station', 'elder_care', 'park'] as const;
const AT = { lat: 39.8839, lng: 116.457 };

const stored = (site: Site, savedAt = Date.now()): StoredSite => ({
  site,
  savedAt,
  bytes: JSON.stringify(site).length,
});

describe('answering from the sites saved on the device', () => {
  it('gives the nearest open sites exactly as the worker does for the same sites', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            dLat: fc.double({ min: -0.02, max: 0.02, noNaN: true }),
            dLng: fc.double({ min: -0.02, max: 0.02, noNaN: true }),
            hours: fc.constantFrom(...HOURS),
            kind: fc.constantFrom(...KIND_LIST),
            status: fc.constantFrom('open', 'open', 'temporarily_closed'),
            toilet: fc.boolean(),
          }),
          { minLength: 5, maxLength: 30 },
        ),
        fc.constantFrom('', 'kind=rest_station', 'open_now=true', 'kind=rest_station&open_now=true&amenity=toilet'),
        async (specs, filterQuery) => {
          await env.DB.exec('DELETE FROM sites');
          for (const s of specs) {
            await insertSite({
              kind: s.kind,
              lat: AT.lat + s.dLat,
              lng: AT.lng + s.dLng,
              opening_hours: s.hours,
              status: s.status,
              amenities: JSON.stringify(s.toilet ? ['toilet'] : []),
            });
          }
          const server = (
            await get(
              `/api/v1/sites/nearby?lat=${AT.lat}&lng=${AT.lng}&limit=10&radius_m=2000${filterQuery ? `&${filterQuery}` : ''}`,
            )
          ).body;
          // What the device would have saved: every site of the area, as the map's view answers them.
          const view = (await get('/api/v1/sites?bbox=116.40,39.85,116.50,39.92&zoom=18')).body;
          const saved = view.features.map((f: { properties: Site }) => stored(siteRecord(f.properties)));
          const q = new URLSearchParams(filterQuery);
          const filters = {
            kinds: q.get('kind') ? [q.get('kind')!] : [],
            amenities: q.get('amenity') ? [q.get('amenity')!] : [],
            openNow: q.get('open_now') === 'true',
          };
          const local = nearbyLocal(saved, AT, filters, 10, 2000, new Date());
          const pick = (s: {
            id: number;
            distance_m: number;
            open_now: boolean | null;
            next_change: string | null;
            hours_today: string | null;
          }) => ({
            id: s.id,
            distance_m: s.distance_m,
            open_now: s.open_now,
            next_change: s.next_change,
            hours_today: s.hours_today,
          });
          expect(local.sites.map(pick)).toEqual(server.data.map(pick));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('keeps only the sites inside a view and matching its filters', () => {
    const sites = [
      stored({ ...base(1), lat: 39.88, lng: 116.45, amenities: ['toilet'] }),
      stored({ ...base(2), lat: 39.88, lng: 116.47 }),
      stored({ ...base(3), lat: 39.95, lng: 116.45 }),
      stored({ ...base(4), lat: 39.881, lng: 116.451, status: 'retired' }),
    ];
    const all = { kinds: [], amenities: [], openNow: false };
    expect(inBoxLocal(sites, [116.44, 39.87, 116.48, 39.89], all, new Date()).sites.map((s) => s.id)).toEqual([1, 2]);
    expect(
      inBoxLocal(sites, [116.44, 39.87, 116.48, 39.89], { ...all, amenities: ['toilet'] }, new Date()).sites.map(
        (s) => s.id,
      ),
    ).toEqual([1]);
  });

  it('filters by elder-care service and accessibility on the device as the API does', () => {
    const sites = [
      stored({
        ...base(1),
        kind: 'elder_care',
        lat: 39.884,
        lng: 116.457,
        elder_services: ['meals', 'day_care'],
        accessibility: ['accessible_toilet'],
      }),
      stored({ ...base(2), kind: 'elder_care', lat: 39.885, lng: 116.457, elder_services: ['day_care'] }),
      stored({ ...base(3), lat: 39.886, lng: 116.457, accessibility: ['accessible_toilet'] }),
    ];
    const all = { kinds: [], amenities: [], openNow: false };
    const ids = (f: Parameters<typeof nearbyLocal>[2]) =>
      nearbyLocal(sites, AT, f, 10, 3000, new Date()).sites.map((s) => s.id);
    expect(ids({ ...all, elderServices: ['day_care'] })).toEqual([1, 2]);
    expect(ids({ ...all, elderServices: ['meals', 'day_care'] })).toEqual([1]);
    expect(ids({ ...all, accessibility: ['accessible_toilet'] })).toEqual([1, 3]);
    // A filtered answer proves nothing about sites it left out.
    expect(
      goneFrom(sites, { at: AT, radiusM: 3000, ids: new Set([1]), filters: { ...all, elderServices: ['meals'] } }),
    ).toEqual([]);
  });

  it('says how old an answer is by its oldest site', () => {
    const sites = [
      stored({ ...base(1), lat: 39.884, lng: 116.457 }, 1_000),
      stored({ ...base(2), lat: 39.885, lng: 116.457 }, 5_000),
    ];
    expect(
      nearbyLocal(sites, AT, { kinds: [], amenities: [], openNow: false }, 10, 3000, new Date(10_000)).savedAt,
    ).toBe(1_000);
  });
});

describe('what the device keeps', () => {
  const positions = [{ ...AT, at: 1_000 }];

  it('knows the area within 10 km of a recent online position, and not beyond', () => {
    expect(covers(positions, { lat: AT.lat + 0.05, lng: AT.lng })).toBe(true); // ≈ 5.6 km
    expect(covers(positions, { lat: AT.lat + 0.1, lng: AT.lng })).toBe(false); // ≈ 11 km
    expect(covers([], AT)).toBe(false);
  });

  it('drops sites older than 14 days and sites outside the area', () => {
    const now = STORE_LIMITS.maxAgeMs + 10_000;
    const sites = [
      stored({ ...base(1), ...AT }, now - 1_000),
      stored({ ...base(2), ...AT }, 1_000), // received 14 days and more ago
      stored({ ...base(3), lat: AT.lat + 0.2, lng: AT.lng }, now - 1_000), // 22 km away
    ];
    expect(toEvict(sites, positions, now).sort()).toEqual([2, 3]);
  });

  it('keeps within the count and byte caps by dropping the sites farthest from the newest position', () => {
    const sites = Array.from({ length: 10 }, (_, i) =>
      stored({ ...base(i + 1), lat: AT.lat + i * 0.001, lng: AT.lng }, 5_000),
    );
    const limits = { ...STORE_LIMITS, sites: 6 };
    expect(toEvict(sites, positions, 6_000, limits).sort((a, b) => a - b)).toEqual([7, 8, 9, 10]);
    const bytes = { ...STORE_LIMITS, bytes: sites.slice(0, 3).reduce((n, s) => n + s.bytes, 0) };
    expect(toEvict(sites, positions, 6_000, bytes).sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10]);
  });

  it('forgets a saved site that a complete online answer no longer holds (retired or moved)', () => {
    const sites = [
      stored({ ...base(1), ...AT }),
      stored({ ...base(2), lat: AT.lat + 0.001, lng: AT.lng }),
      stored({ ...base(3), lat: AT.lat + 0.05, lng: AT.lng }),
    ];
    const all = { kinds: [], amenities: [], openNow: false };
    expect(goneFrom(sites, { at: AT, radiusM: 500, ids: new Set([1]), filters: all })).toEqual([2]);
    // An answer filtered by amenity or open-now proves nothing about the sites it left out.
    expect(goneFrom(sites, { at: AT, radiusM: 500, ids: new Set([1]), filters: { ...all, openNow: true } })).toEqual(
      [],
    );
  });

  it('remembers the newest positions, one per 200 m', () => {
    let seen = rememberPosition([], { ...AT, at: 1 });
    seen = rememberPosition(seen, { lat: AT.lat + 0.0005, lng: AT.lng, at: 2 }); // 55 m on: replaces
    expect(seen).toEqual([{ lat: AT.lat + 0.0005, lng: AT.lng, at: 2 }]);
    for (let i = 1; i <= 12; i++) seen = rememberPosition(seen, { lat: AT.lat + i * 0.01, lng: AT.lng, at: 2 + i }, 8);
    expect(seen).toHaveLength(8);
    expect(seen[0]!.at).toBe(14);
  });
});

function base(id: number): Site {
  return {
    id,
    external_id: null,
    kind: 'rest_station',
    name: `站 ${id}`,
    name_en: null,
    address: null,
    street_code: '110105017',
    street_name: null,
    district_code: '110105',
    district_name: null,
    lat: 0,
    lng: 0,
    coord_system: 'wgs84',
    coord_precision: 'surveyed',
    phones: [],
    opening_hours: '24/7',
    follows_workday_calendar: false,
    amenities: [],
    elder_services: [],
    accessibility: [],
    beds: null,
    park_type: null,
    park_grade: null,
    area_ha: null,
    operator: null,
    description: null,
    status: 'open',
    source: 'sample',
    source_url: null,
    verified_at: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    version: 1,
  };
}
