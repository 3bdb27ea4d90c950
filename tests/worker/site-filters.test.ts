// Filtering by elder-care service and accessibility (issue 13 item 2, issue 14 item 4): the
// nearby list, a map view, a data tile and the downloads keep only the sites that have every
// service or feature asked for; and accessibility is written, validated and kept in history.
import { describe, expect, it } from 'vitest';
import { get } from './api';
import { adminCookie, insertSite, PANJIAYUAN, send } from './fixtures/console';

const AT = { lat: 39.8836, lng: 116.4612 };

async function seedServices() {
  const canteen = await insertSite({
    kind: 'elder_care',
    name: '有餐桌的驿站',
    elder_services: '["meals","day_care"]',
    accessibility: '["step_free_entrance","accessible_toilet"]',
  });
  const dayOnly = await insertSite({
    kind: 'elder_care',
    name: '只有日间照料',
    lat: 39.884,
    lng: 116.462,
    elder_services: '["day_care"]',
    accessibility: '["step_free_entrance"]',
  });
  const bath = await insertSite({
    kind: 'elder_care',
    name: '助浴驿站',
    lat: 39.8845,
    lng: 116.4625,
    elder_services: '["bathing","meals"]',
  });
  const station = await insertSite({
    name: '骑手驿站',
    lat: 39.8838,
    lng: 116.4615,
    amenities: '["toilet","charging"]',
    accessibility: '["accessible_toilet"]',
  });
  return { canteen, dayOnly, bath, station };
}

const ids = (body: { data?: { id: number }[]; features?: { id: number }[] }) =>
  (body.data ?? body.features ?? []).map((s) => s.id).sort((a, b) => a - b);
const nearby = (q: string) => get(`/api/v1/sites/nearby?lat=${AT.lat}&lng=${AT.lng}&${q}`);
const VIEW = 'bbox=116.45,39.87,116.47,39.89&zoom=16';

describe('filter by elder-care service and accessibility', () => {
  it('the nearby list keeps only the centres offering every service asked for', async () => {
    const s = await seedServices();
    expect(ids((await nearby('elder_service=meals')).body)).toEqual([s.canteen, s.bath]);
    expect(ids((await nearby('elder_service=meals,day_care')).body)).toEqual([s.canteen]);
    expect(ids((await nearby('elder_service=bathing')).body)).toEqual([s.bath]);
    // Without the filter every site is listed.
    expect(ids((await nearby('')).body)).toEqual([s.canteen, s.dayOnly, s.bath, s.station]);
  });

  it('the nearby list keeps only the sites with every accessibility feature asked for, of any kind', async () => {
    const s = await seedServices();
    expect(ids((await nearby('accessibility=accessible_toilet')).body)).toEqual([s.canteen, s.station]);
    expect(ids((await nearby('accessibility=step_free_entrance,accessible_toilet')).body)).toEqual([s.canteen]);
    expect(ids((await nearby('accessibility=step_free_entrance&elder_service=day_care&kind=elder_care')).body)).toEqual(
      [s.canteen, s.dayOnly],
    );
  });

  it('a map view and a data tile filter the same way', async () => {
    const s = await seedServices();
    const view = await get(`/api/v1/sites?${VIEW}&elder_service=meals&accessibility=accessible_toilet`);
    expect(view.status).toBe(200);
    expect(ids(view.body)).toEqual([s.canteen]);
    // The data tile at z14 holding 劲松 (x 13492, y 6208 at zoom 14).
    const n = 2 ** 14;
    const x = Math.floor(((AT.lng + 180) / 360) * n);
    const y = Math.floor(
      ((1 - Math.log(Math.tan((AT.lat * Math.PI) / 180) + 1 / Math.cos((AT.lat * Math.PI) / 180)) / Math.PI) / 2) * n,
    );
    const tile = await get(`/api/v1/sites/tiles/14/${x}/${y}?elder_service=bathing`);
    expect(tile.status).toBe(200);
    expect(ids(tile.body)).toEqual([s.bath]);
  });

  it('the downloads carry the same filters', async () => {
    const s = await seedServices();
    const csv = await get(`/api/v1/sites/nearby.csv?lat=${AT.lat}&lng=${AT.lng}&elder_service=meals,day_care`);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('有餐桌的驿站');
    expect(String(csv.body)).not.toContain('只有日间照料');
    const geojson = await get(`/api/v1/sites/view.geojson?${VIEW}&accessibility=accessible_toilet`);
    expect(geojson.body.features.map((f: { properties: { id: number } }) => f.properties.id).sort()).toEqual(
      [s.canteen, s.station].sort(),
    );
  });

  it.each([
    ['elder_service=sauna', 'elder_service'],
    ['accessibility=stairs', 'accessibility'],
  ])('an unknown code (%s) is a 400 problem naming its parameter', async (q, name) => {
    const res = await nearby(q);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.invalid_params).toMatchObject([{ name, in: 'query' }]);
  });
});

describe('accessibility and park grade in writes', () => {
  const park = (fields: Record<string, unknown> = {}) => ({
    kind: 'park',
    name: '潘家园游园',
    street_code: PANJIAYUAN,
    lat: 39.873,
    lng: 116.458,
    ...fields,
  });

  it('stores accessibility and the park grade, and a PATCH of them is in the history', async () => {
    const cookie = await adminCookie();
    const created = await send('POST', '/api/v1/sites', {
      cookie,
      json: park({
        park_type: 'garden',
        park_grade: 'grade_4',
        accessibility: ['step_free_entrance', 'armrest_seating'],
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      park_type: 'garden',
      park_grade: 'grade_4',
      accessibility: ['step_free_entrance', 'armrest_seating'],
    });
    const patched = await send('PATCH', `/api/v1/sites/${created.body.id}`, {
      cookie,
      json: { version: created.body.version, accessibility: ['ramp'] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.accessibility).toEqual(['ramp']);
    const history = await send('GET', `/api/v1/sites/${created.body.id}/history`, { cookie });
    const update = history.body.data.find((c: { action: string }) => c.action === 'update');
    expect(update.before.accessibility).toEqual(['step_free_entrance', 'armrest_seating']);
    expect(update.after.accessibility).toEqual(['ramp']);
  });

  it.each([
    ['an unknown feature', { accessibility: ['stairs'] }, 'accessibility'],
    ['a feature listed twice', { accessibility: ['ramp', 'ramp'] }, 'accessibility'],
    ['a grade that does not exist', { park_grade: 'grade_5' }, 'park_grade'],
    ['a former park type', { park_type: 'pocket' }, 'park_type'],
  ])('refuses %s with a 400 naming the field, storing nothing', async (_what, fields, name) => {
    const res = await send('POST', '/api/v1/sites', { cookie: await adminCookie(), json: park(fields) });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params.map((p: { name: string }) => p.name.split('.')[0])).toContain(name);
  });

  it('says what replaced a former code', async () => {
    const res = await send('POST', '/api/v1/sites', {
      cookie: await adminCookie(),
      json: park({ park_type: 'pocket', amenities: ['cooling_heating'] }),
    });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'park_type', reason: '"pocket" was replaced by "garden"' }),
        expect.objectContaining({
          name: 'amenities.0',
          reason: '"cooling_heating" was replaced by "cooling" and "heating"',
        }),
      ]),
    );
  });

  it('refuses a park grade on a site that is not a park', async () => {
    const res = await send('POST', '/api/v1/sites', {
      cookie: await adminCookie(),
      json: park({ kind: 'rest_station', park_grade: 'grade_1' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params).toMatchObject([{ name: 'park_grade' }]);
  });
});
