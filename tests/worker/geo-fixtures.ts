// Random site datasets for the geo tests, and brute-force oracles that read every row.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { cellOf, unproject } from '../../worker/core/geo/cell';
import { type Box, haversine } from '../../worker/core/geo/distance';
import { openFields, openStateCache, passes, type SiteFilter } from '../../worker/core/open-state';
import { AMENITIES, type Amenity, codes, KINDS, type Kind, type Status } from '../../worker/core/vocabulary';
import { sitesChanged } from '../../worker/db/geo-state';

export const STREET = '110105017';
export const ALL_KINDS = codes(KINDS);
export const ALL_AMENITIES = codes(AMENITIES);
/** A fixed instant (a Wednesday, 10:00 in Beijing), so open-now answers are repeatable. */
export const AT = new Date('2026-11-25T02:00:00Z');

export interface TestSite {
  kind: Kind;
  lat: number;
  lng: number;
  status: Status;
  amenities: Amenity[];
  opening_hours: string | null;
}

/** Inserts sites as a write path of this isolate would: the worker then knows its data changed. */
export async function insertSites(sites: readonly TestSite[]): Promise<void> {
  const sql = `INSERT INTO sites (kind, name, street_code, lat, lng, cell, status, amenities, opening_hours, source)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'import')`;
  for (let i = 0; i < sites.length; i += 200) {
    await env.DB.batch(
      sites
        .slice(i, i + 200)
        .map((s, j) =>
          env.DB.prepare(sql).bind(
            s.kind,
            `站点 ${i + j + 1}`,
            STREET,
            s.lat,
            s.lng,
            cellOf(s.lat, s.lng),
            s.status,
            JSON.stringify(s.amenities),
            s.opening_hours,
          ),
        ),
    );
  }
  sitesChanged();
}

export async function clearSites(): Promise<void> {
  await env.DB.prepare('DELETE FROM sites').run();
  sitesChanged();
}

interface StoredSite extends TestSite {
  id: number;
  cell: number;
  follows_workday_calendar: number;
}

export async function allSites(): Promise<StoredSite[]> {
  const { results } = await env.DB.prepare(
    'SELECT id, kind, lat, lng, cell, status, amenities, opening_hours, follows_workday_calendar FROM sites',
  ).all<Omit<StoredSite, 'amenities'> & { amenities: string }>();
  return results.map((r) => ({ ...r, amenities: JSON.parse(r.amenities) as Amenity[] }));
}

function matching(sites: StoredSite[], filter: SiteFilter): StoredSite[] {
  const stateOf = openStateCache(filter.at);
  const kinds = filter.kinds.length ? filter.kinds : ALL_KINDS;
  return sites.filter(
    (s) =>
      s.status !== 'retired' &&
      kinds.includes(s.kind) &&
      passes(s, openFields(s, stateOf(s.opening_hours, s.follows_workday_calendar)), filter),
  );
}

/** The nearest matches by distance over every row, ties by id. */
export async function nearestOracle(lat: number, lng: number, radiusM: number, limit: number, filter: SiteFilter) {
  return matching(await allSites(), filter)
    .map((s) => ({ id: s.id, distance: haversine(lat, lng, s.lat, s.lng) }))
    .filter((s) => s.distance <= radiusM)
    .sort((a, b) => a.distance - b.distance || a.id - b.id)
    .slice(0, limit);
}

/** Every match inside the box, by id. */
export async function viewOracle(box: Box, filter: SiteFilter) {
  return matching(await allSites(), filter)
    .filter((s) => s.lat >= box.minLat && s.lat <= box.maxLat && s.lng >= box.minLng && s.lng <= box.maxLng)
    .map((s) => s.id)
    .sort((a, b) => a - b);
}

// Places in China the datasets are built around (Beijing, Shanghai, Urumqi, Haikou).
export const CENTRES = [
  { lat: 39.9087, lng: 116.3975 },
  { lat: 31.2304, lng: 121.4737 },
  { lat: 43.8256, lng: 87.6168 },
  { lat: 20.044, lng: 110.1999 },
] as const;

const HOURS = [null, '24/7', 'Mo-Fr 08:00-18:00', 'Mo-Su 20:00-06:00', 'not hours at all'] as const;

/** A point on a tile corner near (lat, lng) at a random zoom: the worst case for key ranges. */
const tileCorner = (lat: number, lng: number) =>
  fc.integer({ min: 8, max: 22 }).chain((z) =>
    fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })).map(([dx, dy]) => {
      const n = 2 ** z;
      const x = Math.floor(((lng + 180) / 360) * n) + dx;
      const sin = Math.sin((lat * Math.PI) / 180);
      const y = Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n) + dy;
      return unproject(x, y, z);
    }),
  );

/** Sites spread at several scales around a centre, with exact duplicates and tile-corner points. */
export const siteArb = (centre: { lat: number; lng: number }) =>
  fc
    .record({
      kind: fc.constantFrom(...ALL_KINDS),
      position: fc.oneof(
        {
          weight: 4,
          arbitrary: fc
            .tuple(
              fc.double({ min: -1, max: 1, noNaN: true }),
              fc.double({ min: -1, max: 1, noNaN: true }),
              fc.constantFrom(0.002, 0.02, 0.2),
            )
            .map(([a, b, s]) => ({ lat: centre.lat + a * s, lng: centre.lng + b * s })),
        },
        { weight: 1, arbitrary: tileCorner(centre.lat, centre.lng) },
        { weight: 1, arbitrary: fc.constant({ lat: centre.lat + 0.001, lng: centre.lng + 0.001 }) },
      ),
      status: fc.constantFrom<Status>('open', 'open', 'open', 'temporarily_closed', 'retired'),
      amenities: fc.subarray(['toilet', 'drinking_water', 'charging'] as Amenity[]),
      opening_hours: fc.constantFrom(...HOURS),
    })
    .map(({ position, ...s }): TestSite => ({ ...s, ...position }));

export const datasetArb = fc
  .constantFrom(...CENTRES)
  .chain((centre) => fc.tuple(fc.constant(centre), fc.array(siteArb(centre), { maxLength: 70 })));

export const filterArb: fc.Arbitrary<SiteFilter> = fc.record({
  kinds: fc.subarray([...ALL_KINDS]),
  amenities: fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as Amenity[]) },
    { weight: 1, arbitrary: fc.subarray(['toilet', 'charging'] as Amenity[], { minLength: 1 }) },
  ),
  openNow: fc.boolean(),
  at: fc.constant(AT),
});
