import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { siteStatements } from '../../seeds/seed-sql';
import { get } from './api';

async function seedOne() {
  const [sql] = siteStatements([{
    external_id: 'news:test', kind: 'elder_care', name: '关岭嘉园养老服务驿站', street_code: '110117002',
    lat: 40.14, lng: 117.12, coord_precision: 'approximate', elder_services: ['meals', 'residential'], beds: 22,
    source: 'news_report',
  }]);
  await env.DB.prepare(sql!).run();
  return Number(await env.DB.prepare('SELECT id FROM sites').first('id'));
}

describe('GET /api/v1/sites/:id', () => {
  it('returns the site in snake_case with its street and district names', async () => {
    const id = await seedOne();
    const { status, body } = await get(`/api/v1/sites/${id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id, kind: 'elder_care', name: '关岭嘉园养老服务驿站', street_code: '110117002', street_name: '兴谷街道',
      district_code: '110117', district_name: '平谷区', beds: 22, elder_services: ['meals', 'residential'],
      coord_precision: 'approximate', status: 'open', version: 1,
    });
    expect(body).not.toHaveProperty('cell');
  });

  it('says whether the site is open now, and never that a retired one is', async () => {
    const id = await seedOne();
    expect((await get(`/api/v1/sites/${id}`)).body).toMatchObject({ open_now: null, next_change: null, hours_today: null });
    await env.DB.prepare("UPDATE sites SET opening_hours = '24/7' WHERE id = ?").bind(id).run();
    expect((await get(`/api/v1/sites/${id}`)).body).toMatchObject({ open_now: true, hours_today: '00:00-24:00' });
    await env.DB.prepare("UPDATE sites SET status = 'retired' WHERE id = ?").bind(id).run();
    expect((await get(`/api/v1/sites/${id}`)).body).toMatchObject({ status: 'retired', open_now: false });
  });

  it('answers an unknown id with a 404 problem', async () => {
    const { status, type, body } = await get('/api/v1/sites/424242');
    expect(status).toBe(404);
    expect(type).toContain('application/problem+json');
    expect(body).toMatchObject({ status: 404, title: expect.any(String), detail: expect.stringContaining('424242') });
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999999999999'])('answers the malformed id %s with a 400 naming id', async (id) => {
    const { status, type, body } = await get(`/api/v1/sites/${id}`);
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.invalid_params).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
  });
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
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/v1/sites/{id}', '/api/v1/streets', '/api/v1/health']));
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
