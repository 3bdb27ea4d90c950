import { env } from 'cloudflare:test';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cellOf } from '../../worker/core/geo/cell';
import { BASE, get } from './api';
import { callWorker } from './call-worker';
import { insertSite, JINSONG } from './fixtures/console';

const HERE = 'lat=39.8836&lng=116.4612';
const BOX = 'bbox=116.40,39.85,116.50,39.90';

async function seedAround() {
  await insertSite({
    name: '近处驿站',
    lat: 39.884,
    lng: 116.4615,
    amenities: '["charging","toilet"]',
    phones: '["+86-10-67712345"]',
    opening_hours: '24/7',
  });
  await insertSite({ name: '=HYPERLINK("http://evil")', lat: 39.885, lng: 116.462, amenities: '["toilet"]' });
  await insertSite({ kind: 'park', name: '劲松公园', lat: 39.886, lng: 116.463, park_type: 'community' });
  await insertSite({ name: '撤销驿站', lat: 39.8838, lng: 116.4613, status: 'retired' });
}

async function download(path: string) {
  const res = await callWorker(`${BASE}${path}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // TextDecoder drops a byte-order mark; put it back in the text so that tests can see it.
  return { status: res.status, headers: res.headers, text: (bom ? '\uFEFF' : '') + new TextDecoder().decode(bytes) };
}
const rows = (text: string) =>
  Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

describe('GET /api/v1/sites/nearby.csv and nearby.geojson', () => {
  it('downloads the same sites, in the same order, as the nearby list with the same filters', async () => {
    await seedAround();
    for (const filter of ['', '&amenity=toilet', '&kind=park', '&amenity=charging&open_now=true', '&limit=1']) {
      const list = (await get(`/api/v1/sites/nearby?${HERE}${filter}`)).body.data.map((s: { id: number }) =>
        String(s.id),
      );
      const csv = rows((await download(`/api/v1/sites/nearby.csv?${HERE}${filter}`)).text);
      expect(
        csv.map((r) => r.id),
        filter,
      ).toEqual(list);
      const geo = JSON.parse((await download(`/api/v1/sites/nearby.geojson?${HERE}${filter}`)).text);
      expect(
        geo.features.map((f: { id: number }) => String(f.id)),
        filter,
      ).toEqual(list);
    }
  });

  it('writes a CSV for Excel: BOM, a header row, distance and open state, lists joined by ;, formulas neutralised', async () => {
    await seedAround();
    const res = await download(`/api/v1/sites/nearby.csv?${HERE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="linli-nearby-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.text.startsWith('\uFEFFid,name,name_en,kind,distance_m,open_now,')).toBe(true);
    const [near, evil] = rows(res.text);
    expect(near).toMatchObject({
      name: '近处驿站',
      open_now: 'true',
      hours_today: '00:00-24:00',
      amenities: 'charging;toilet',
      phones: "'+86-10-67712345",
      lat: '39.884',
    });
    expect(Number(near!.distance_m)).toBeGreaterThan(0);
    expect(evil!.name).toBe('\'=HYPERLINK("http://evil")');
    expect(res.text).not.toContain('撤销驿站');
  });

  it('states the licence and attribution in the GeoJSON and in the Link header of both', async () => {
    await seedAround();
    const geo = await download(`/api/v1/sites/nearby.geojson?${HERE}`);
    expect(geo.headers.get('content-type')).toContain('application/geo+json');
    const body = JSON.parse(geo.text);
    expect(body).toMatchObject({
      type: 'FeatureCollection',
      licence: { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    });
    expect(body.attribution).toContain('街道办事处');
    expect(body.features[0]).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [116.4615, 39.884] },
    });
    expect(body.features[0].properties).toMatchObject({ name: '近处驿站', open_now: true });
    const csv = await download(`/api/v1/sites/nearby.csv?${HERE}`);
    for (const h of [geo.headers, csv.headers])
      expect(h.get('link')).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
  });

  it('refuses bad parameters as the nearby list does: a 400 problem naming them', async () => {
    const res = await get('/api/v1/sites/nearby.csv?lat=91&lng=116.4&amenity=sauna');
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(['amenity', 'lat']);
  });
});

describe('GET /api/v1/sites/view.csv and view.geojson', () => {
  it('downloads the sites of the map view with its filters', async () => {
    await seedAround();
    const view = (await get(`/api/v1/sites?${BOX}&amenity=toilet`)).body.features
      .map((f: { id: number }) => String(f.id))
      .sort();
    expect(view).toHaveLength(2);
    const csv = rows((await download(`/api/v1/sites/view.csv?${BOX}&amenity=toilet`)).text);
    expect(csv.map((r) => r.id).sort()).toEqual(view);
    expect(Object.keys(csv[0]!)).not.toContain('distance_m');
    const geo = JSON.parse((await download(`/api/v1/sites/view.geojson?${BOX}&amenity=toilet`)).text);
    expect(geo.features.map((f: { id: number }) => String(f.id)).sort()).toEqual(view);
    expect(geo.licence.id).toBe('CC-BY-4.0');
  });

  it('is a 422 naming bbox when the view is too full to list (the map shows clusters)', async () => {
    const stmt = env.DB.prepare(
      "INSERT INTO sites (kind, name, street_code, lat, lng, cell, source) VALUES ('rest_station', ?, ?, ?, ?, ?, 'sample')",
    );
    const batch = Array.from({ length: 501 }, (_, i) => {
      const lat = 39.86 + (i % 30) / 1000;
      const lng = 116.42 + Math.floor(i / 30) / 1000;
      return stmt.bind(`样例${i}`, JINSONG, lat, lng, cellOf(lat, lng));
    });
    await env.DB.batch(batch);
    expect((await get(`/api/v1/sites?${BOX}`)).body.meta.mode).toBe('clusters');
    for (const format of ['csv', 'geojson']) {
      const res = await get(`/api/v1/sites/view.${format}?${BOX}`);
      expect(res.status).toBe(422);
      expect(res.body.invalid_params).toMatchObject([{ name: 'bbox', in: 'query' }]);
    }
  });

  it('is in the OpenAPI document with the search parameters', async () => {
    const doc = (await get('/api/v1/openapi.json')).body;
    const names = (path: string) => doc.paths[path].get.parameters.map((p: { name: string }) => p.name);
    expect(names('/api/v1/sites/nearby.csv')).toEqual(
      expect.arrayContaining(['lat', 'lng', 'kind', 'amenity', 'open_now', 'radius_m', 'limit']),
    );
    expect(names('/api/v1/sites/nearby.geojson')).toEqual(expect.arrayContaining(['lat', 'lng', 'amenity']));
    expect(names('/api/v1/sites/view.csv')).toEqual(
      expect.arrayContaining(['bbox', 'kind', 'amenity', 'open_now', 'zoom']),
    );
    expect(doc.paths['/api/v1/sites/view.geojson'].get.description).toContain(
      'https://creativecommons.org/licenses/by/4.0/',
    );
  });
});
