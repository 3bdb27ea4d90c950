import { env } from 'cloudflare:test';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BASE } from './api';
import { callWorker } from './call-worker';
import { adminCookie, count, DASHILAR, editorCookie, insertSite, JINSONG, PANJIAYUAN, send } from './fixtures/console';

async function download(path: string, cookie: string) {
  const res = await callWorker(`${BASE}${path}`, { headers: { cookie } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

async function seedVaried(cookie: string) {
  const create = (json: Record<string, unknown>) => send('POST', '/api/v1/sites', { cookie, json });
  await create({
    kind: 'rest_station',
    name: '劲松北社区驿站',
    street_code: JINSONG,
    lat: 39.8851,
    lng: 116.4633,
    coord_system: 'gcj02',
    amenities: ['toilet', 'charging'],
    phones: ['010-67712345', '13800000000'],
    opening_hours: 'Mo-Fr 08:00-18:00; PH off',
    address: '劲松北路1号, "东门"',
    description: '第一行\n第二行',
  });
  await create({
    kind: 'elder_care',
    name: '劲松养老驿站',
    street_code: JINSONG,
    lat: 39.882,
    lng: 116.462,
    elder_services: ['meals'],
    beds: 12,
  });
  await create({
    kind: 'park',
    name: '潘家园口袋公园',
    street_code: PANJIAYUAN,
    lat: 39.873,
    lng: 116.458,
    park_type: 'garden',
    area_ha: 0.4,
  });
  await insertSite({
    external_id: 'news:dsl',
    name: '大栅栏驿站',
    street_code: DASHILAR,
    lat: 39.895,
    lng: 116.395,
    status: 'retired',
  });
}

describe('GET /api/v1/exports/sites.csv', () => {
  it("is UTF-8 with a byte-order mark (for Excel) in the template's language and columns", async () => {
    const cookie = await adminCookie();
    await seedVaried(cookie);
    const res = await download('/api/v1/exports/sites.csv', cookie);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(res.bytes);
    const template = await callWorker(`${BASE}/api/v1/imports/template.csv`).then((r) => r.text());
    expect(text.split('\r\n')[0]).toBe(template.split('\r\n')[0]);
    expect(text.split('\r\n')[0]).toMatch(/^编号,类型,名称,/);
    expect(text).toContain('户外劳动者驿站,劲松北社区驿站,,"劲松北路1号, ""东门""",110105017'); // labels, as the template writes them
    expect(text).toContain('如厕;手机充电'); // the official wording (ACFTU 休息如厕, 八可 急可如厕)
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(5);
  });

  it('with lang=en has English headers and codes', async () => {
    const cookie = await adminCookie();
    await seedVaried(cookie);
    const text = new TextDecoder().decode((await download('/api/v1/exports/sites.csv?lang=en', cookie)).bytes);
    expect(text.split('\r\n')[0]).toMatch(/^external_id,kind,name,/);
    expect(text).toContain('toilet;charging');
  });

  it.each(['', '?lang=en'])(
    'round-trips (%s): importing the export changes nothing and records nothing',
    async (query) => {
      const cookie = await adminCookie();
      await seedVaried(cookie);
      const changes = await count('site_changes');
      const exported = await download(`/api/v1/exports/sites.csv${query}`, cookie);
      const res = await send('POST', '/api/v1/imports', {
        cookie,
        body: exported.bytes,
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.body.errors ?? []).toEqual([]);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ rows: 4, created: 0, updated: 0, unchanged: 4 });
      expect(await count('site_changes')).toBe(changes);
      expect(await count('sites', "coord_system = 'gcj02'")).toBe(1);
    },
  );

  it('round-trips sites imported without external_id (their derived auto: key is read back as that key)', async () => {
    const cookie = await adminCookie();
    const file = 'kind,name,street_code,lat,lng\nrest_station,无编号驿站,110105017,39.8836,116.4612';
    await send('POST', '/api/v1/imports', { cookie, body: file, headers: { 'content-type': 'text/csv' } });
    const exported = await download('/api/v1/exports/sites.csv', cookie);
    expect(new TextDecoder().decode(exported.bytes)).toContain('auto:110105017:无编号驿站');
    const res = await send('POST', '/api/v1/imports', {
      cookie,
      body: exported.bytes,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('escapes cells a spreadsheet would run as formulas, and imports them back unchanged', async () => {
    const cookie = await adminCookie();
    const planted = {
      kind: 'rest_station',
      name: '=HYPERLINK("http://evil.example","点我")',
      street_code: JINSONG,
      lat: 39.8836,
      lng: 116.4612,
      phones: ['+86-10-67712345'],
      description: '@SUM(1+1)',
      operator: '-1+2',
    };
    expect((await send('POST', '/api/v1/sites', { cookie, json: planted })).status).toBe(201);
    const exported = await download('/api/v1/exports/sites.csv', cookie);
    const text = new TextDecoder().decode(exported.bytes);
    const { data } = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    const cells = data[1]!;
    // No cell starts with a formula character; each such value is written as text behind an apostrophe.
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining([`'${planted.name}`, "'+86-10-67712345", "'@SUM(1+1)", "'-1+2"]));
    const res = await send('POST', '/api/v1/imports', {
      cookie,
      body: exported.bytes,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await env.DB.prepare('SELECT name, phones, description, operator FROM sites').first()).toEqual({
      name: planted.name,
      phones: '["+86-10-67712345"]',
      description: '@SUM(1+1)',
      operator: '-1+2',
    });
  });

  it("holds only the editor's own streets", async () => {
    await seedVaried(await adminCookie());
    const res = await download('/api/v1/exports/sites.csv', await editorCookie('jinsong', [JINSONG]));
    const lines = new TextDecoder().decode(res.bytes).split('\r\n').filter(Boolean).slice(1);
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.includes(JINSONG))).toBe(true);
  });

  it('needs a session', async () => {
    expect((await send('GET', '/api/v1/exports/sites.csv')).status).toBe(401);
  });
});

describe('GET /api/v1/exports/sites.geojson', () => {
  it('is a FeatureCollection of WGS-84 points with the site fields as properties', async () => {
    const cookie = await adminCookie();
    await seedVaried(cookie);
    const res = await send('GET', '/api/v1/exports/sites.geojson', { cookie });
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/geo+json');
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features).toHaveLength(4);
    const park = res.body.features.find((f: { properties: { kind: string } }) => f.properties.kind === 'park');
    expect(park).toMatchObject({ type: 'Feature', geometry: { type: 'Point', coordinates: [116.458, 39.873] } });
    expect(park.properties).toMatchObject({ name: '潘家园口袋公园', park_type: 'garden', street_name: '潘家园街道' });
  });
});
