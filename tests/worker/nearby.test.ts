import { describe, expect, it } from 'vitest';
import { haversine } from '../../worker/core/geo/distance';
import { get } from './api';
import { insertSites, type TestSite } from './geo-fixtures';

// Tiananmen; the test sites are placed at known offsets east of it.
const HERE = { lat: 39.9087, lng: 116.3975 };
const east = (metres: number) => HERE.lng + metres / (111_195 * Math.cos((HERE.lat * Math.PI) / 180));
const site = (fields: Partial<TestSite> & { metres: number }): TestSite => ({
  kind: 'rest_station',
  status: 'open',
  amenities: [],
  opening_hours: '24/7',
  lat: HERE.lat,
  lng: east(fields.metres),
  ...fields,
});
const nearby = (query: string) => get(`/api/v1/sites/nearby?lat=${HERE.lat}&lng=${HERE.lng}&${query}`);

describe('GET /api/v1/sites/nearby', () => {
  it('lists sites nearest first with whole-metre distances and the full site', async () => {
    await insertSites([
      site({ metres: 900 }),
      site({ metres: 150, kind: 'park' }),
      site({ metres: 400, kind: 'elder_care' }),
    ]);
    const { status, body } = await nearby('');
    expect(status).toBe(200);
    expect(body.data.map((s: { distance_m: number }) => s.distance_m)).toEqual([150, 400, 900]);
    expect(body.data[0]).toMatchObject({
      kind: 'park',
      street_code: '110105017',
      street_name: '劲松街道',
      district_name: '朝阳区',
      open_now: true,
      next_change: null,
      hours_today: '00:00-24:00',
      amenities: [],
      status: 'open',
    });
    expect(body.data[0]).not.toHaveProperty('cell');
    expect(body.meta).toMatchObject({ count: 3, radius_m: 3000, limit: 20 });
  });

  it('matches the distance a user would measure, to the metre', async () => {
    await insertSites([site({ metres: 1234, lat: 39.9187 })]);
    const { body } = await nearby('');
    const [found] = body.data;
    expect(found.distance_m).toBe(Math.round(haversine(HERE.lat, HERE.lng, found.lat, found.lng)));
  });

  it('keeps to the default radius of 3 km and limit of 20, and to the ones asked for', async () => {
    await insertSites([
      ...Array.from({ length: 25 }, (_, i) => site({ metres: 100 + i * 10 })),
      site({ metres: 3500 }),
    ]);
    expect((await nearby('')).body.data).toHaveLength(20);
    expect((await nearby('limit=100')).body.data).toHaveLength(25);
    expect((await nearby('limit=100&radius_m=4000')).body.data).toHaveLength(26);
    expect((await nearby('radius_m=155')).body.data.map((s: { distance_m: number }) => s.distance_m)).toEqual([
      100, 110, 120, 130, 140, 150,
    ]);
  });

  it('filters by any of several kinds and by all of several amenities', async () => {
    await insertSites([
      site({ metres: 100, kind: 'park' }),
      site({ metres: 200, amenities: ['toilet'] }),
      site({ metres: 300, amenities: ['toilet', 'charging', 'drinking_water'] }),
      site({ metres: 400, kind: 'elder_care', amenities: ['toilet', 'charging'] }),
    ]);
    const distances = async (q: string) => (await nearby(q)).body.data.map((s: { distance_m: number }) => s.distance_m);
    expect(await distances('kind=park,elder_care')).toEqual([100, 400]);
    expect(await distances('amenity=toilet,charging')).toEqual([300, 400]);
    expect(await distances('kind=rest_station&amenity=charging')).toEqual([300]);
  });

  it('never shows retired sites, and shows temporarily closed ones as closed', async () => {
    await insertSites([
      site({ metres: 100, status: 'retired' }),
      site({ metres: 200, status: 'temporarily_closed' }),
      site({ metres: 300, opening_hours: null }),
      site({ metres: 400 }),
    ]);
    const all = (await nearby('')).body.data;
    expect(all.map((s: { distance_m: number; open_now: boolean | null }) => [s.distance_m, s.open_now])).toEqual([
      [200, false],
      [300, null],
      [400, true],
    ]);
    const open = (await nearby('open_now=true')).body.data;
    expect(open.map((s: { distance_m: number }) => s.distance_m)).toEqual([400]);
  });

  it('reports the rows it read, which stay few when far more sites lie elsewhere', async () => {
    const far = Array.from({ length: 300 }, (_, i) => site({ metres: 0, lat: 31.2 + i * 1e-4, lng: 121.47 }));
    await insertSites([...far, site({ metres: 120 }), site({ metres: 250 })]);
    await nearby('limit=1'); // the first search after the sites arrived reads the isolate's densities
    const { body } = await nearby('limit=5');
    expect(body.meta.count).toBe(2);
    // Exactly the two sites: their tiles are read with a LIMIT of their count, empty tiles not at all.
    expect(body.meta).toMatchObject({ rows_read: 2, statements: 1, round_trips: 1 });
  });

  it.each([
    ['lat=91', 'lat=91&lng=116.4', 'lat'],
    ['a missing lat', 'lng=116.4', 'lat'],
    ['lng=abc', 'lat=39.9&lng=abc', 'lng'],
    ['radius 0', 'lat=39.9&lng=116.4&radius_m=0', 'radius_m'],
    ['radius 100 km', 'lat=39.9&lng=116.4&radius_m=100000', 'radius_m'],
    ['limit=abc', 'lat=39.9&lng=116.4&limit=abc', 'limit'],
    ['limit=101', 'lat=39.9&lng=116.4&limit=101', 'limit'],
    ['an unknown kind', 'lat=39.9&lng=116.4&kind=park,hospital', 'kind'],
    ['an unknown amenity', 'lat=39.9&lng=116.4&amenity=jacuzzi', 'amenity'],
    ['open_now=maybe', 'lat=39.9&lng=116.4&open_now=maybe', 'open_now'],
  ])('answers %s with a 400 problem naming the parameter', async (_what, query, name) => {
    const { status, type, body } = await get(`/api/v1/sites/nearby?${query}`);
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.invalid_params).toEqual([expect.objectContaining({ name, in: 'query' })]);
  });

  it('ignores the benchmark-only engine parameter in a normal deployment', async () => {
    await insertSites([site({ metres: 100 })]);
    const { status, body } = await nearby('engine=full_scan');
    expect(status).toBe(200);
    expect(body.data).toHaveLength(1);
  });

  it('is documented in the OpenAPI document with its parameters', async () => {
    const { body } = await get('/api/v1/openapi.json');
    const params = body.paths['/api/v1/sites/nearby'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['lat', 'lng', 'kind', 'amenity', 'open_now', 'radius_m', 'limit']));
  });
});
