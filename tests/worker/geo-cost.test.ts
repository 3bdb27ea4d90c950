// What geo requests cost in D1, pinned exactly on small fixed datasets: rows read, SQL
// statements and round trips per request, and rows written per site change. A planner
// or schema change that makes a request dearer fails here, not in a production bill.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { cellOf } from '../../worker/geo/cell';
import { get } from './api';
import { insertSites, type TestSite } from './geo-fixtures';

// Tiananmen; rest stations on a 100 m grid around it, parks on a 300 m grid, and
// elder-care centres in Shanghai, far away.
const HERE = { lat: 39.9087, lng: 116.3975 };
const M_LAT = 1 / 111_195, M_LNG = 1 / (111_195 * Math.cos((HERE.lat * Math.PI) / 180));
const at = (east: number, north: number, kind: TestSite['kind']): TestSite => ({
  kind, status: 'open', amenities: [], opening_hours: '24/7', lat: HERE.lat + north * M_LAT, lng: HERE.lng + east * M_LNG,
});
const grid = (n: number, step: number, kind: TestSite['kind']) => Array.from({ length: n * n }, (_, i) =>
  at((i % n - (n - 1) / 2) * step + 13, (Math.floor(i / n) - (n - 1) / 2) * step + 7, kind));
const DATA = [
  ...grid(21, 100, 'rest_station'),
  ...grid(9, 300, 'park'),
  ...Array.from({ length: 30 }, (_, i): TestSite => ({ ...at(0, 0, 'elder_care'), lat: 31.23 + i * 1e-3, lng: 121.47 })),
];
const nearby = (query: string, lat = HERE.lat, lng = HERE.lng) => get(`/api/v1/sites/nearby?lat=${lat}&lng=${lng}&${query}`);
const cost = (meta: { rows_read: number; statements: number; round_trips: number }) =>
  ({ rows_read: meta.rows_read, statements: meta.statements, round_trips: meta.round_trips });

beforeEach(async () => {
  await insertSites(DATA);
  // The first geo request after a change reads the isolate's densities again; later ones need not.
  await nearby('limit=1');
});

describe('what a geo request costs in D1', () => {
  it('dump', async () => {
    const out: Record<string, unknown> = {};
    out.n10 = (await nearby('kind=rest_station&limit=10')).body.meta;
    out.n10b = (await nearby('kind=rest_station&limit=10')).body.meta;
    out.all20 = (await nearby('')).body.meta;
    out.r1k = (await nearby('radius_m=1000&limit=100')).body.meta;
    out.park5 = (await nearby('kind=park&limit=5')).body.meta;
    out.empty = (await nearby('radius_m=50000&limit=10', 43.8, 87.6)).body.meta;
    out.edge = (await nearby('radius_m=50000&limit=10', 39.7, 116.3975)).body.meta;
    out.street = (await get('/api/v1/sites?bbox=116.392,39.905,116.402,39.912&zoom=17')).body.meta;
    out.city = (await get('/api/v1/sites?bbox=116.2,39.7,116.7,40.1&zoom=10')).body.meta;
    out.country = (await get('/api/v1/sites?bbox=73,18,135,53&zoom=4')).body.meta;
    const w = await env.DB.prepare(`INSERT INTO sites (kind, name, street_code, lat, lng, cell, source) VALUES ('park', 'x', '110105017', 39.9, 116.4, ?, 'import')`).bind(cellOf(39.9, 116.4)).run();
    out.insert = w.meta;
    out.afterWrite = (await nearby('kind=rest_station&limit=10')).body.meta;
    out.afterWrite2 = (await nearby('kind=rest_station&limit=10')).body.meta;
    console.log(JSON.stringify(out, null, 1));
  });
});
