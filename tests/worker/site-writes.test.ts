import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { cellOf } from '../../worker/core/geo/cell';
import { valuesOf } from '../../worker/core/site-values';
import { database } from '../../worker/db/client';
import { updateSite } from '../../worker/db/site-writes';
import { getSite } from '../../worker/db/sites';
import { adminCookie, count, DASHILAR, editorCookie, insertSite, JINSONG, PANJIAYUAN, send } from './fixtures/console';

const station = (fields: Record<string, unknown> = {}) => ({
  kind: 'rest_station',
  name: '劲松北社区户外劳动者驿站',
  street_code: JINSONG,
  lat: 39.8836,
  lng: 116.4612,
  amenities: ['toilet', 'drinking_water'],
  opening_hours: 'Mo-Su 08:00-20:00',
  ...fields,
});

const siteRow = (id: number) => env.DB.prepare('SELECT * FROM sites WHERE id = ?').bind(id).first();
const historyOf = (id: number) =>
  env.DB.prepare('SELECT action, actor, before, after FROM site_changes WHERE site_id = ? ORDER BY id')
    .bind(id)
    .all<{ action: string; actor: string; before: string | null; after: string }>()
    .then((r) => r.results);

describe('POST /api/v1/sites', () => {
  it('creates a site and records the creation with the whole new record', async () => {
    const res = await send('POST', '/api/v1/sites', { cookie: await adminCookie(), json: station() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '劲松北社区户外劳动者驿站',
      street_name: '劲松街道',
      district_name: '朝阳区',
      version: 1,
      status: 'open',
      source: 'street_office',
      amenities: ['toilet', 'drinking_water'],
      coord_system: 'wgs84',
    });
    const history = await historyOf(res.body.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', actor: 'admin', before: null });
    expect(JSON.parse(history[0]!.after)).toEqual(res.body);
  });

  it('converts a GCJ-02 (Amap) position to WGS-84, records the system and indexes the converted position', async () => {
    const res = await send('POST', '/api/v1/sites', {
      cookie: await adminCookie(),
      json: station({ street_code: '110101001', lat: 39.915, lng: 116.404, coord_system: 'gcj02' }),
    });
    expect(res.status).toBe(201);
    expect(res.body.lat).toBeCloseTo(39.91359571849836, 6);
    expect(res.body.lng).toBeCloseTo(116.39775550083061, 6);
    expect(res.body.coord_system).toBe('gcj02');
    const row = await siteRow(res.body.id);
    expect(row?.cell).toBe(cellOf(res.body.lat, res.body.lng));
  });

  it.each([
    ['an unknown street', { street_code: '110105999' }, 'street_code'],
    ['a latitude out of range', { lat: 91 }, 'lat'],
    ['opening hours that do not parse', { opening_hours: 'whenever' }, 'opening_hours'],
    ['beds on a rest station', { beds: 10 }, 'beds'],
    ['a park type on a rest station', { park_type: 'garden' }, 'park_type'],
    ['an unknown accessibility feature', { accessibility: ['stairs'] }, 'accessibility.0'],
    ['an unknown amenity', { amenities: ['sauna'] }, 'amenities.0'],
    ['a missing name', { name: undefined }, 'name'],
  ])('refuses %s with a 400 naming the field, writing nothing', async (_what, fields, field) => {
    const res = await send('POST', '/api/v1/sites', { cookie: await adminCookie(), json: station(fields) });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain(field);
    expect(await count('sites')).toBe(0);
    expect(await count('site_changes')).toBe(0);
  });

  it('asks for confirmation of a position far from the other sites of the district', async () => {
    for (const [lat, lng] of [
      [39.88, 116.46],
      [39.92, 116.45],
      [39.95, 116.48],
    ] as const)
      await insertSite({ lat, lng });
    const cookie = await adminCookie();
    const far = station({ lat: 40.6, lng: 116.46 });
    const refused = await send('POST', '/api/v1/sites', { cookie, json: far });
    expect(refused.status).toBe(422);
    expect(refused.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(['lat', 'lng']);
    expect(await count('sites')).toBe(3);
    const confirmed = await send('POST', '/api/v1/sites', { cookie, json: { ...far, confirm_far: true } });
    expect(confirmed.status).toBe(201);
  });

  it('refuses an external_id already in use with 409, and records nothing', async () => {
    await insertSite({ external_id: 'office:7' });
    const res = await send('POST', '/api/v1/sites', {
      cookie: await adminCookie(),
      json: station({ external_id: 'office:7' }),
    });
    expect(res.status).toBe(409);
    expect(res.body.invalid_params[0].name).toBe('external_id');
    expect(await count('sites')).toBe(1);
    expect(await count('site_changes')).toBe(0);
  });

  it('answers without a session with 401', async () => {
    const res = await send('POST', '/api/v1/sites', { json: station() });
    expect(res.status).toBe(401);
    expect(await count('sites')).toBe(0);
  });

  it('answers a form body with 415 and malformed JSON with 400, never a 500', async () => {
    const cookie = await adminCookie();
    const form = await send('POST', '/api/v1/sites', {
      cookie,
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(form.type).toContain('application/problem+json');
    const broken = await send('POST', '/api/v1/sites', {
      cookie,
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.type).toContain('application/problem+json');
    expect(await count('sites')).toBe(0);
  });

  it('answers an oversized body with 413', async () => {
    const res = await send('POST', '/api/v1/sites', {
      cookie: await adminCookie(),
      json: station({ description: 'x'.repeat(100_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.type).toContain('application/problem+json');
  });
});

describe('an editor outside their streets', () => {
  let cookie: string;
  let own: number;
  let other: number;
  beforeEach(async () => {
    own = await insertSite({ street_code: JINSONG, name: '劲松驿站' });
    other = await insertSite({ street_code: PANJIAYUAN, name: '潘家园驿站', lat: 39.873, lng: 116.458 });
    cookie = await editorCookie('jinsong', [JINSONG]);
  });

  const unchanged = async () => {
    expect(await count('site_changes')).toBe(0);
    expect(await count('sites')).toBe(2);
    expect(await siteRow(own)).toMatchObject({ street_code: JINSONG, version: 1, status: 'open' });
    expect(await siteRow(other)).toMatchObject({ street_code: PANJIAYUAN, version: 1, status: 'open' });
  };

  it('cannot create a site in another street', async () => {
    const res = await send('POST', '/api/v1/sites', {
      cookie,
      json: station({ street_code: DASHILAR, lat: 39.895, lng: 116.395 }),
    });
    expect(res.status).toBe(403);
    expect(res.type).toContain('application/problem+json');
    await unchanged();
  });

  it("cannot change another street's site", async () => {
    const res = await send('PATCH', `/api/v1/sites/${other}`, { cookie, json: { version: 1, name: '改名' } });
    expect(res.status).toBe(403);
    await unchanged();
  });

  it('cannot move their own site to another street', async () => {
    const res = await send('PATCH', `/api/v1/sites/${own}`, { cookie, json: { version: 1, street_code: PANJIAYUAN } });
    expect(res.status).toBe(403);
    await unchanged();
  });

  it("cannot retire another street's site", async () => {
    expect((await send('DELETE', `/api/v1/sites/${other}`, { cookie })).status).toBe(403);
    await unchanged();
  });

  it("cannot restore another street's site", async () => {
    await env.DB.prepare("UPDATE sites SET status = 'retired' WHERE id = ?").bind(other).run();
    expect((await send('POST', `/api/v1/sites/${other}/restore`, { cookie })).status).toBe(403);
    expect(await siteRow(other)).toMatchObject({ status: 'retired' });
    expect(await count('site_changes')).toBe(0);
  });

  it("cannot read another street's history", async () => {
    expect((await send('GET', `/api/v1/sites/${other}/history`, { cookie })).status).toBe(403);
  });

  it('can change their own site', async () => {
    const res = await send('PATCH', `/api/v1/sites/${own}`, { cookie, json: { version: 1, name: '劲松新驿站' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '劲松新驿站', version: 2 });
  });

  it('an administrator may change any street', async () => {
    const admin = await adminCookie();
    const res = await send('PATCH', `/api/v1/sites/${other}`, {
      cookie: admin,
      json: { version: 1, street_code: DASHILAR, confirm_far: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ street_code: DASHILAR, street_name: '大栅栏街道', district_name: '西城区' });
  });
});

describe('PATCH /api/v1/sites/:id', () => {
  it('answers a stale version with 409 carrying the current record, and changes nothing', async () => {
    const id = await insertSite();
    const cookie = await adminCookie();
    expect((await send('PATCH', `/api/v1/sites/${id}`, { cookie, json: { version: 1, name: '第一次' } })).status).toBe(
      200,
    );
    const stale = await send('PATCH', `/api/v1/sites/${id}`, { cookie, json: { version: 1, name: '第二次' } });
    expect(stale.status).toBe(409);
    expect(stale.type).toContain('application/problem+json');
    expect(stale.body.current).toMatchObject({ id, name: '第一次', version: 2 });
    expect(await siteRow(id)).toMatchObject({ name: '第一次', version: 2 });
    expect(await count('site_changes')).toBe(1);
  });

  it('records the record before and after in the same batch as the change', async () => {
    const id = await insertSite({ name: '旧名' });
    const res = await send('PATCH', `/api/v1/sites/${id}`, {
      cookie: await adminCookie(),
      json: { version: 1, name: '新名' },
    });
    const [change] = await historyOf(id);
    expect(change).toMatchObject({ action: 'update', actor: 'admin' });
    expect(JSON.parse(change!.before!)).toMatchObject({ name: '旧名', version: 1 });
    expect(JSON.parse(change!.after)).toEqual(res.body);
  });

  it('moving a site recomputes its spatial cell', async () => {
    const id = await insertSite();
    const res = await send('PATCH', `/api/v1/sites/${id}`, {
      cookie: await adminCookie(),
      json: { version: 1, lat: 39.887, lng: 116.466 },
    });
    expect(res.status).toBe(200);
    expect((await siteRow(id))?.cell).toBe(cellOf(39.887, 116.466));
  });

  it('answers an unknown id with 404 and a malformed one with 400', async () => {
    const cookie = await adminCookie();
    expect((await send('PATCH', '/api/v1/sites/999', { cookie, json: { version: 1 } })).status).toBe(404);
    expect((await send('PATCH', '/api/v1/sites/abc', { cookie, json: { version: 1 } })).status).toBe(400);
  });
});

describe('the history write', () => {
  it('writes no history row when the optimistic update finds the record already changed', async () => {
    const id = await insertSite({ name: '原名' });
    const db = database(env.DB);
    const read = (await getSite(db, id))!;
    await env.DB.prepare('UPDATE sites SET version = 2 WHERE id = ?').bind(id).run(); // someone else's change
    const result = await updateSite(env.DB, 'admin', 'update', read, { ...valuesOf(read), name: '晚到的改动' }, null);
    expect(result.ok).toBe(false);
    expect(await siteRow(id)).toMatchObject({ name: '原名', version: 2 });
    expect(await count('site_changes')).toBe(0);
  });
});

describe('retire and restore', () => {
  it('DELETE retires the site (kept, with history) and restore reopens it', async () => {
    const id = await insertSite();
    const cookie = await adminCookie();
    const retired = await send('DELETE', `/api/v1/sites/${id}`, { cookie });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ status: 'retired', version: 2 });
    expect(await siteRow(id)).toMatchObject({ status: 'retired' });
    const restored = await send('POST', `/api/v1/sites/${id}/restore`, { cookie });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ status: 'open', version: 3 });
    const history = await send('GET', `/api/v1/sites/${id}/history`, { cookie });
    expect(history.body.data.map((h: { action: string }) => h.action)).toEqual(['restore', 'retire']);
    expect(history.body.data[1]).toMatchObject({
      actor: 'admin',
      before: { status: 'open' },
      after: { status: 'retired' },
      report_id: null,
    });
  });

  it('verify stamps verified_at and records it', async () => {
    const id = await insertSite();
    const res = await send('POST', `/api/v1/sites/${id}/verify`, { cookie: await adminCookie() });
    expect(res.status).toBe(200);
    expect(Date.now() - Date.parse(res.body.verified_at)).toBeLessThan(60_000);
    expect((await historyOf(id)).map((h) => h.action)).toEqual(['verify']);
  });
});

describe('CSRF on site writes', () => {
  it.each([
    ['POST', '/api/v1/sites'],
    ['PATCH', '/api/v1/sites/ID'],
    ['DELETE', '/api/v1/sites/ID'],
    ['POST', '/api/v1/sites/ID/restore'],
    ['POST', '/api/v1/sites/ID/verify'],
  ])('%s %s without the app origin is refused with 403 and writes nothing', async (method, path) => {
    const id = await insertSite({ status: 'retired' });
    const cookie = await adminCookie();
    for (const origin of [null, 'https://evil.example']) {
      const res = await send(method, path.replace('ID', String(id)), {
        cookie,
        origin,
        json: { ...station(), version: 1 },
      });
      expect(res.status).toBe(403);
    }
    expect(await count('sites')).toBe(1);
    expect(await siteRow(id)).toMatchObject({ version: 1, status: 'retired' });
    expect(await count('site_changes')).toBe(0);
  });
});

describe('an office entering or editing a site verifies it', () => {
  it('a site entered in the console is verified from the start, so the public never sees it unverified', async () => {
    const res = await send('POST', '/api/v1/sites', {
      cookie: await editorCookie('jinsong', [JINSONG]),
      json: station(),
    });
    expect(res.status).toBe(201);
    expect(Date.now() - Date.parse(res.body.verified_at)).toBeLessThan(60_000);
    const shown = await send('GET', `/api/v1/sites/${res.body.id}`);
    expect(shown.body.verified_at).toBe(res.body.verified_at);
  });

  it('an edit stamps verified_at', async () => {
    const id = await insertSite({ verified_at: '2024-01-01T00:00:00.000Z' });
    const res = await send('PATCH', `/api/v1/sites/${id}`, {
      cookie: await adminCookie(),
      json: { version: 1, opening_hours: '24/7' },
    });
    expect(res.status).toBe(200);
    expect(Date.now() - Date.parse(res.body.verified_at)).toBeLessThan(60_000);
    expect((await siteRow(id))?.verified_at).toBe(res.body.verified_at);
  });
});
