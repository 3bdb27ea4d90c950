// Public map reads are cacheable: by data tile, with Cache-Control and an ETag, answered
// from the Workers cache until a write changes the data version.
import { describe, expect, it } from 'vitest';
import { tileOf } from '../../worker/core/geo/cell';
import { tileBox } from '../../worker/core/geo/cover';
import { dataTilesOf, dataTileZoom } from '../../worker/core/geo/data-tiles';
import { get } from './api';
import { adminCookie, JINSONG, send } from './fixtures/console';
import { insertSites, type TestSite } from './geo-fixtures';

const JINSONG_AT = { lat: 39.8836, lng: 116.4612 };
const site = (i: number): TestSite => ({
  kind: 'rest_station',
  status: 'open',
  amenities: [],
  opening_hours: '24/7',
  lat: JINSONG_AT.lat + (i % 5) * 1e-3,
  lng: JINSONG_AT.lng + Math.floor(i / 5) * 1e-3,
});
const t = tileOf(JINSONG_AT.lat, JINSONG_AT.lng, 14);
// A request reading D1 first: the data version this isolate knows may be from before the sites were added.
const warmUp = () => get('/api/v1/sites/nearby?lat=0&lng=0&radius_m=1', { headers: { 'cache-control': 'no-cache' } });
const TILE = `/api/v1/sites/tiles/14/${t.x}/${t.y}`;
const ids = (body: { features: { id?: number }[] }) => body.features.map((f) => f.id);

describe('GET /api/v1/sites/tiles/{z}/{x}/{y}', () => {
  it('answers what a view of the tile shows on a map two zooms closer', async () => {
    await insertSites(Array.from({ length: 12 }, (_, i) => site(i)));
    const b = tileBox(t);
    const tile = await get(TILE);
    const view = await get(`/api/v1/sites?bbox=${b.minLng},${b.minLat},${b.maxLng},${b.maxLat}&zoom=16`);
    expect(tile.status).toBe(200);
    expect(tile.type).toContain('application/geo+json');
    expect(ids(tile.body)).toEqual(ids(view.body));
    expect(tile.body.features).toHaveLength(12);
  });

  it('answers a repeated request from the edge cache, with a short Cache-Control and an ETag', async () => {
    await insertSites([site(0)]);
    await warmUp();
    const first = await get(TILE);
    expect(first.headers.get('x-linli-cache')).toBe('miss');
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=10\b/);
    expect(first.headers.get('etag')).toMatch(/^W\/"geo-\d+"$/);
    const again = await get(TILE);
    expect(again.headers.get('x-linli-cache')).toBe('hit');
    expect(again.body).toEqual(first.body);
  });

  it('answers a browser revalidating an unchanged tile with 304 and no body', async () => {
    await insertSites([site(0)]);
    await warmUp();
    const first = await get(TILE);
    const res = await get(TILE, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(res.status).toBe(304);
    expect(res.body).toBe('');
    expect(res.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it('shows a site added in the console at the next request, not the cached tile from before', async () => {
    await insertSites([site(0)]);
    await warmUp();
    const before = await get(TILE);
    expect(before.body.features).toHaveLength(1);
    const created = await send('POST', '/api/v1/sites', {
      cookie: await adminCookie(),
      json: {
        kind: 'park',
        name: '劲松公园',
        street_code: JINSONG,
        lat: JINSONG_AT.lat + 2e-3,
        lng: JINSONG_AT.lng + 2e-3,
      },
    });
    expect(created.status).toBe(201);
    const after = await get(TILE, { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(ids(after.body)).toContain(created.body.id);
  });

  it.each([
    ['an x beyond the zoom', `/api/v1/sites/tiles/3/8/1`, 'x'],
    ['a y beyond the zoom', `/api/v1/sites/tiles/3/1/8`, 'y'],
    ['a zoom of 25', `/api/v1/sites/tiles/25/1/1`, 'z'],
    ['a negative x', `/api/v1/sites/tiles/3/-1/1`, 'x'],
    ['an unknown kind', `${TILE}?kind=hospital`, 'kind'],
  ])('answers %s with a 400 problem naming it', async (_what, path, name) => {
    const { status, type, body } = await get(path);
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.invalid_params).toEqual([expect.objectContaining({ name })]);
  });
});

describe('data tiles of a map view', () => {
  it('are two zooms coarser than the map: a 1280 × 800 px screen needs two to six of them', () => {
    for (const zoom of [8, 11, 14, 17]) {
      // The screen's box at this zoom, centred on Jinsong.
      const degPerPx = 360 / (256 * 2 ** zoom);
      const dLng = 640 * degPerPx,
        dLat = 400 * degPerPx * Math.cos((JINSONG_AT.lat * Math.PI) / 180);
      const box = {
        minLng: JINSONG_AT.lng - dLng,
        maxLng: JINSONG_AT.lng + dLng,
        minLat: JINSONG_AT.lat - dLat,
        maxLat: JINSONG_AT.lat + dLat,
      };
      const tiles = dataTilesOf(box, zoom);
      expect(tiles.every((tile) => tile.z === dataTileZoom(zoom) && tile.z === zoom - 2)).toBe(true);
      expect(tiles.length).toBeGreaterThanOrEqual(2);
      expect(tiles.length).toBeLessThanOrEqual(6);
    }
  });

  it('stay the same while the map pans within them, so the cache answers', () => {
    const at = (dLng: number) =>
      dataTilesOf({ minLng: 116.4 + dLng, maxLng: 116.45 + dLng, minLat: 39.88, maxLat: 39.91 }, 14);
    expect(at(0.001)).toEqual(at(0));
  });
});
