import { describe, expect, it } from 'vitest';
import { tileBox } from '../../worker/core/geo/cover';
import { get } from './api';
import { insertSites, type TestSite } from './geo-fixtures';

// A view of about 2 km × 1.5 km around Jinsong, Chaoyang.
const VIEW = { minLng: 116.45, minLat: 39.87, maxLng: 116.474, maxLat: 39.884 };
const BBOX = `${VIEW.minLng},${VIEW.minLat},${VIEW.maxLng},${VIEW.maxLat}`;
const inView = (i: number, n: number, fields: Partial<TestSite> = {}): TestSite => ({
  kind: 'rest_station',
  status: 'open',
  amenities: [],
  opening_hours: '24/7',
  lat: VIEW.minLat + 0.001 + (((i * 7919) % n) / n) * 0.012,
  lng: VIEW.minLng + 0.001 + (i / n) * 0.022,
  ...fields,
});
const view = (query = '') => get(`/api/v1/sites?bbox=${BBOX}${query}`);

interface Feature {
  id?: number;
  geometry: { type: string; coordinates: [number, number] };
  properties: Record<string, unknown>;
}

describe('GET /api/v1/sites?bbox=', () => {
  it('answers a GeoJSON FeatureCollection of the sites in view', async () => {
    await insertSites([inView(0, 2, { kind: 'park' }), inView(1, 2), { ...inView(0, 1), lat: 39.95 }]);
    const { status, type, body } = await view();
    expect(status).toBe(200);
    expect(type).toContain('application/geo+json');
    expect(body.type).toBe('FeatureCollection');
    expect(body.meta).toMatchObject({ mode: 'sites', count: 2, cap: 500, filters_applied: true });
    const [first] = body.features as Feature[];
    expect(first!.geometry.type).toBe('Point');
    expect(first!.geometry.coordinates).toEqual([first!.properties.lng, first!.properties.lat]);
    expect(first!.properties).toMatchObject({
      kind: 'park',
      street_name: '劲松街道',
      open_now: true,
      hours_today: '00:00-24:00',
    });
    expect(first!.properties).not.toHaveProperty('distance_m');
  });

  it('hides retired sites and filters by kind, amenity and open now', async () => {
    await insertSites([
      inView(0, 4, { status: 'retired' }),
      inView(1, 4, { amenities: ['toilet'] }),
      inView(2, 4, { kind: 'park', amenities: ['toilet'], status: 'temporarily_closed' }),
      inView(3, 4, { kind: 'elder_care' }),
    ]);
    const count = async (q: string) => (await view(q)).body.features.length;
    expect(await count('')).toBe(3);
    expect(await count('&kind=park,elder_care')).toBe(2);
    expect(await count('&amenity=toilet')).toBe(2);
    expect(await count('&amenity=toilet&open_now=true')).toBe(1);
  });

  it('answers a view with more sites than the cap with clusters counting all of them, read from the counts', async () => {
    await insertSites(Array.from({ length: 620 }, (_, i) => inView(i, 620)));
    // A city-wide view: the counts of its tiles are the answer, no site row is read.
    await view(); // the first view after the sites arrived reads the isolate's densities
    const { body } = await get('/api/v1/sites?bbox=116.2,39.7,116.7,40.1&zoom=10');
    expect(body.meta).toMatchObject({ mode: 'clusters', count: 620, cap: 500 });
    // One count row per cluster tile, in one round trip.
    expect(body.meta).toMatchObject({ rows_read: body.features.length, round_trips: 1 });
    for (const f of body.features as Feature[]) {
      expect(f.properties).toMatchObject({
        cluster: true,
        count: expect.any(Number),
        tile: expect.stringMatching(/^\d+\/\d+\/\d+$/),
      });
      const [z, x, y] = String(f.properties.tile).split('/').map(Number) as [number, number, number];
      const box = tileBox({ z, x, y });
      const [lng, lat] = f.geometry.coordinates;
      expect(lat).toBeGreaterThanOrEqual(box.minLat);
      expect(lat).toBeLessThanOrEqual(box.maxLat);
      expect(lng).toBeGreaterThanOrEqual(box.minLng);
      expect(lng).toBeLessThanOrEqual(box.maxLng);
    }
  });

  it('makes clusters finer as the map zooms in', async () => {
    await insertSites(Array.from({ length: 620 }, (_, i) => inView(i, 620)));
    const coarse = (await view('&zoom=9')).body;
    const fine = (await view('&zoom=14')).body;
    expect(coarse.features.length).toBeLessThan(fine.features.length);
    expect(fine.meta.count).toBe(620);
  });

  it('shows the sites one by one when a filter leaves few enough of a crowded view', async () => {
    await insertSites(
      Array.from({ length: 620 }, (_, i) => inView(i, 620, i % 20 === 0 ? { amenities: ['charging'] } : {})),
    );
    const { body } = await view('&amenity=charging');
    expect(body.meta).toMatchObject({ mode: 'sites', count: 31, filters_applied: true });
    expect((await view('&kind=park')).body.meta).toMatchObject({ mode: 'sites', count: 0 });
  });

  it.each([
    ['a missing bbox', '/api/v1/sites', 'bbox'],
    ['a bbox of 3 numbers', '/api/v1/sites?bbox=116.4,39.9,116.5', 'bbox'],
    ['a bbox with min above max', '/api/v1/sites?bbox=116.5,39.9,116.4,39.95', 'bbox'],
    ['a latitude of 91', '/api/v1/sites?bbox=116.4,39.9,116.5,91', 'bbox'],
    ['a bbox of words', '/api/v1/sites?bbox=a,b,c,d', 'bbox'],
    ['zoom=abc', `/api/v1/sites?bbox=${BBOX}&zoom=abc`, 'zoom'],
    ['an unknown kind', `/api/v1/sites?bbox=${BBOX}&kind=hospital`, 'kind'],
  ])('answers %s with a 400 problem naming the parameter', async (_what, path, name) => {
    const { status, type, body } = await get(path);
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.invalid_params).toEqual([expect.objectContaining({ name, in: 'query' })]);
  });
});
