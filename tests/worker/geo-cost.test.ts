// What geo requests cost in D1, pinned exactly on small fixed datasets: rows read, SQL
// statements and round trips per request, and rows written per site change. A planner
// or schema change that makes a request dearer fails here, not in a production bill.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { cellOf, tileOf } from '../../worker/core/geo/cell';
import { tileBox } from '../../worker/core/geo/cover';
import { haversine } from '../../worker/core/geo/distance';
import { get } from './api';
import { adminCookie, send } from './fixtures/console';
import { AT, insertSites, nearestOracle, type TestSite } from './geo-fixtures';

// Tiananmen; rest stations on a 100 m grid around it, parks on a 300 m grid, and
// elder-care centres in Shanghai, far away.
const HERE = { lat: 39.9087, lng: 116.3975 };
const M_LAT = 1 / 111_195,
  M_LNG = 1 / (111_195 * Math.cos((HERE.lat * Math.PI) / 180));
const at = (east: number, north: number, kind: TestSite['kind']): TestSite => ({
  kind,
  status: 'open',
  amenities: [],
  opening_hours: '24/7',
  lat: HERE.lat + north * M_LAT,
  lng: HERE.lng + east * M_LNG,
});
const grid = (n: number, step: number, kind: TestSite['kind']) =>
  Array.from({ length: n * n }, (_, i) =>
    at(((i % n) - (n - 1) / 2) * step + 13, (Math.floor(i / n) - (n - 1) / 2) * step + 7, kind),
  );
// Parks of the grid within a radius of about 810 m.
const PARKS_WITHIN = 21;
const DATA = [
  ...grid(21, 100, 'rest_station'),
  ...grid(9, 300, 'park'),
  ...Array.from(
    { length: 30 },
    (_, i): TestSite => ({ ...at(0, 0, 'elder_care'), lat: 31.23 + i * 1e-3, lng: 121.47 }),
  ),
];
// D1's costs are under test here, so the edge cache is asked for fresh answers.
const FRESH = { headers: { 'cache-control': 'no-cache' } };
const nearby = (query: string, lat = HERE.lat, lng = HERE.lng) =>
  get(`/api/v1/sites/nearby?lat=${lat}&lng=${lng}&${query}`, FRESH);
const view = (bbox: string, zoom: number) => get(`/api/v1/sites?bbox=${bbox}&zoom=${zoom}`, FRESH);
const cost = (meta: { rows_read: number; statements: number; round_trips: number }) => ({
  rows_read: meta.rows_read,
  statements: meta.statements,
  round_trips: meta.round_trips,
});

beforeEach(async () => {
  await insertSites(DATA);
  // The first geo request after a change reads the isolate's densities again; later ones need not.
  await nearby('limit=1');
});

const insertPark = (lat: number, lng: number) =>
  env.DB.prepare(
    `INSERT INTO sites (kind, name, street_code, lat, lng, cell, source) VALUES ('park', '新公园', '110105017', ?, ?, ?, 'import')`,
  )
    .bind(lat, lng, cellOf(lat, lng))
    .run();

describe('what a geo request costs in D1', () => {
  it('finds the nearest 10 rest stations in one round trip reading 19 rows', async () => {
    const { body } = await nearby('kind=rest_station&limit=10');
    expect(body.meta.count).toBe(10);
    // The sites of the ~150 m tiles expected to hold the 10 (on this 100 m grid, about one
    // per tile, whose position the counts' sums give), each tile read with a LIMIT of its
    // count, so no row past a range's end; the data version was read by the request before,
    // a moment ago, so it is not probed again.
    expect(cost(body.meta)).toEqual({ rows_read: 19, statements: 1, round_trips: 1 });
  });

  it('reads the same again for the same search: nothing is learnt or lost between requests', async () => {
    const first = cost((await nearby('kind=rest_station&limit=10')).body.meta);
    expect(cost((await nearby('kind=rest_station&limit=10')).body.meta)).toEqual(first);
  });

  it('searches every kind and sparser kinds in one round trip too', async () => {
    expect(cost((await nearby('')).body.meta)).toEqual({ rows_read: 28, statements: 3, round_trips: 1 });
    expect(cost((await nearby('kind=park&limit=5')).body.meta)).toEqual({
      rows_read: 5,
      statements: 1,
      round_trips: 1,
    });
    expect(cost((await nearby('radius_m=1000&limit=100')).body.meta)).toEqual({
      rows_read: 122,
      statements: 4,
      round_trips: 1,
    });
  });

  it('reads, of a crowded tile that the radius cuts, only the part inside the radius', async () => {
    // 30 parks bunched on the east edge of a ~150 m tile 800 m east; the circle reaches 10 m into its west side.
    const leaf = tileBox(tileOf(HERE.lat, HERE.lng + 800 * M_LNG, 18));
    const knot = Array.from(
      { length: 30 },
      (_, i): TestSite => ({
        kind: 'park',
        status: 'open',
        amenities: [],
        opening_hours: null,
        lat: leaf.minLat + (leaf.maxLat - leaf.minLat) * (0.2 + i / 50),
        lng: leaf.maxLng - 2e-6,
      }),
    );
    await insertSites(knot);
    const radius = Math.ceil(haversine(HERE.lat, HERE.lng, HERE.lat, leaf.minLng)) + 10;
    const query = `kind=park&radius_m=${radius}&limit=100`;
    await nearby(query); // reads the densities again after the insert
    const { body } = await nearby(query);
    expect(body.meta.count).toBe(PARKS_WITHIN);
    // The leaf's west column of sub-tiles and the grid's parks, not the 30 just outside (52 rows
    // read whole); the cut ranges share the parks' last statement, whose runs then share a term
    // (one more range end read: 26 rows in 5 statements when the cut had a statement of its own).
    expect(cost(body.meta)).toEqual({ rows_read: 27, statements: 4, round_trips: 1 });
  });

  it('reads, in a town core of crowded tiles, only the parts of the tiles near the point', async () => {
    // 441 elder-care centres on a 30 m grid 20 km north-east of the grid (~20 in each ~150 m
    // tile): the nearest 10 lie within ~55 m, in the point's tile and its neighbours' near
    // edges. Reading the tiles expected to hold them whole took 96 rows; now the one read
    // takes, of each tile, the sub-tiles inside the circle where 15 are expected, and no tile beyond.
    const town = { lat: HERE.lat + 0.15, lng: HERE.lng + 0.15 };
    await insertSites(
      Array.from({ length: 441 }, (_, i) => ({
        ...at(0, 0, 'elder_care'),
        lat: town.lat + (Math.floor(i / 21) - 10) * 30 * M_LAT,
        lng: town.lng + ((i % 21) - 10) * 30 * M_LNG,
      })),
    );
    const query = 'kind=elder_care&limit=10';
    const point = { lat: town.lat + 8 * M_LAT, lng: town.lng - 11 * M_LNG };
    await nearby(query, point.lat, point.lng); // reads the densities again after the insert
    const { body } = await nearby(query, point.lat, point.lng);
    const expected = await nearestOracle(point.lat, point.lng, 3000, 10, {
      kinds: ['elder_care'],
      amenities: [],
      openNow: false,
      at: AT,
    });
    expect(body.data.map((s: { id: number }) => s.id)).toEqual(expected.map((s) => s.id));
    expect(cost(body.meta)).toEqual({ rows_read: 33, statements: 1, round_trips: 1 });
  });

  it('answers a 50 km search where there is nothing without asking D1: the counts say so', async () => {
    const { body } = await nearby('radius_m=50000&limit=10', 43.8, 87.6);
    expect(body.meta.count).toBe(0);
    expect(cost(body.meta)).toEqual({ rows_read: 0, statements: 0, round_trips: 0 });
  });

  it('reaches from the empty land beside a town to its edge without reading the whole town', async () => {
    // 23 km south of the grid: the counts say where the town starts, so the search reads its
    // nearest tiles instead of all 522 sites of the 50 km circle. Here the first read falls
    // one site short (the grid's tiles of two rest stations were expected to hold it), so a
    // second takes the rest of the tiles the counts prove hold the 10.
    const { body } = await nearby('radius_m=50000&limit=10', 39.7, HERE.lng);
    expect(body.meta.count).toBe(10);
    expect(cost(body.meta)).toEqual({ rows_read: 22, statements: 4, round_trips: 2 });
  });

  it('shows a street view in one round trip reading the sites in view and a few beyond', async () => {
    const { body } = await view('116.392,39.905,116.402,39.912', 17);
    expect(body.meta).toMatchObject({ mode: 'sites', count: 73 });
    expect(cost(body.meta)).toEqual({ rows_read: 111, statements: 3, round_trips: 1 });
  });

  it('shows a city or the whole country as clusters from the counts: one row per cluster and kind', async () => {
    const city = (await view('116.2,39.7,116.7,40.1', 10)).body;
    expect(city.meta).toMatchObject({ mode: 'clusters', count: 522, cluster_zoom: 12 });
    expect(cost(city.meta)).toEqual({ rows_read: 4, statements: 3, round_trips: 1 });
    const country = (await view('73,18,135,53', 4)).body;
    expect(country.meta).toMatchObject({ mode: 'clusters', count: 552, cluster_zoom: 6 });
    expect(cost(country.meta)).toEqual({ rows_read: 3, statements: 6, round_trips: 1 });
  });

  it('re-reads the densities once after a site is added in the console, then is back to one round trip', async () => {
    const created = await send('POST', '/api/v1/sites', {
      cookie: await adminCookie(),
      json: {
        kind: 'park',
        name: '新公园',
        street_code: '110105017',
        lat: 39.9,
        lng: 116.4,
      },
    });
    expect(created.status).toBe(201);
    const after = (await nearby('kind=rest_station&limit=10')).body.meta;
    // One round trip reads the densities again (every zoom-18 cell_counts row: 434, a row
    // past each kind's range, and the version), the next reads the sites.
    expect(cost(after)).toEqual({ rows_read: 19 + 435, statements: 5, round_trips: 2 });
    expect(cost((await nearby('kind=rest_station&limit=10')).body.meta)).toEqual({
      rows_read: 19,
      statements: 1,
      round_trips: 1,
    });
  });

  it('writes twelve rows for a new live site and nine to retire it: the site, its indexes, five counts and the version', async () => {
    const { meta } = await insertPark(39.9, 116.4);
    expect(meta.rows_written).toBe(12);
    const retire = await env.DB.prepare("UPDATE sites SET status = 'retired' WHERE id = ?")
      .bind(meta.last_row_id)
      .run();
    expect(retire.meta.rows_written).toBe(9);
  });
});
