import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { siteStatements } from '../../seeds/seed-sql';
import { get } from './api';
import { editorCookie, insertSite, JINSONG, PANJIAYUAN, send } from './fixtures/console';

async function seedOne() {
  const [sql] = siteStatements([
    {
      external_id: 'news:test',
      kind: 'elder_care',
      name: '关岭嘉园养老服务驿站',
      street_code: '110117002',
      lat: 40.14,
      lng: 117.12,
      coord_precision: 'approximate',
      elder_services: ['meals', 'residential'],
      beds: 22,
      source: 'news_report',
    },
  ]);
  await env.DB.prepare(sql!).run();
  return Number(await env.DB.prepare('SELECT id FROM sites').first('id'));
}

describe('GET /api/v1/sites/:id', () => {
  it('returns the site in snake_case with its street and district names', async () => {
    const id = await seedOne();
    const { status, body } = await get(`/api/v1/sites/${id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      kind: 'elder_care',
      name: '关岭嘉园养老服务驿站',
      street_code: '110117002',
      street_name: '兴谷街道',
      district_code: '110117',
      district_name: '平谷区',
      beds: 22,
      elder_services: ['meals', 'residential'],
      coord_precision: 'approximate',
      status: 'open',
      version: 1,
    });
    expect(body).not.toHaveProperty('cell');
  });

  it('says whether the site is open now, and never that a temporarily closed one is', async () => {
    const id = await seedOne();
    expect((await get(`/api/v1/sites/${id}`)).body).toMatchObject({
      open_now: null,
      next_change: null,
      hours_today: null,
    });
    await env.DB.prepare("UPDATE sites SET opening_hours = '24/7' WHERE id = ?").bind(id).run();
    expect((await get(`/api/v1/sites/${id}`)).body).toMatchObject({ open_now: true, hours_today: '00:00-24:00' });
    await env.DB.prepare("UPDATE sites SET status = 'temporarily_closed' WHERE id = ?").bind(id).run();
    expect((await get(`/api/v1/sites/${id}`)).body).toMatchObject({ status: 'temporarily_closed', open_now: false });
  });

  it('answers a retired site with 410 Gone: it no longer exists, with no open state or position to go to', async () => {
    const id = await insertSite({ opening_hours: '24/7', status: 'retired' });
    const { status, type, body } = await get(`/api/v1/sites/${id}`);
    expect(status).toBe(410);
    expect(type).toContain('application/problem+json');
    expect(body).toMatchObject({
      status: 410,
      title: 'This site no longer exists',
      detail: expect.stringContaining('no longer exists'),
    });
    expect(body).not.toHaveProperty('lat');
    expect(body).not.toHaveProperty('open_now');
  });

  it('still gives a retired site to the console of an office that may restore it, and to no other office', async () => {
    const id = await insertSite({ status: 'retired', street_code: JINSONG });
    const own = await send('GET', `/api/v1/sites/${id}`, { cookie: await editorCookie('jinsong-ed', [JINSONG]) });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id, status: 'retired', open_now: false });
    const other = await send('GET', `/api/v1/sites/${id}`, {
      cookie: await editorCookie('panjiayuan-ed', [PANJIAYUAN]),
    });
    expect(other.status).toBe(410);
  });

  it('answers an unknown id with a 404 problem', async () => {
    const { status, type, body } = await get('/api/v1/sites/424242');
    expect(status).toBe(404);
    expect(type).toContain('application/problem+json');
    expect(body).toMatchObject({ status: 404, title: expect.any(String), detail: expect.stringContaining('424242') });
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999999999999'])(
    'answers the malformed id %s with a 400 naming id',
    async (id) => {
      const { status, type, body } = await get(`/api/v1/sites/${id}`);
      expect(status).toBe(400);
      expect(type).toContain('application/problem+json');
      expect(body.invalid_params).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
    },
  );
});

describe('errors', () => {
  it('answers an unknown API route with a 404 problem, not HTML', async () => {
    const { status, type } = await get('/api/v1/nothing-here');
    expect(status).toBe(404);
    expect(type).toContain('application/problem+json');
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('documents the API as OpenAPI 3.1, including the site and street routes', async () => {
    const { status, body } = await get('/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/sites/{id}', '/api/v1/streets', '/api/v1/health']),
    );
  });

  it('has a readable docs page', async () => {
    const { status, body } = await get('/api/v1/docs');
    expect(status).toBe(200);
    expect(body).toContain('/api/v1/sites/{id}');
  });
});

describe('GET /api/v1/health', () => {
  it('reports the service and its database up', async () => {
    const { status, body } = await get('/api/v1/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', database: 'ok' });
  });
});
