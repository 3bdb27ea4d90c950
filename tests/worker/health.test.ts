import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { get } from './api';

describe('GET /api/v1/health', () => {
  it('answers 200 when the database answers', async () => {
    const res = await get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('answers 503 problem+json, not a 500, when the database cannot answer its query', async () => {
    // A real D1 failure: the table the check reads is gone (the next test starts from a fresh database).
    await env.DB.prepare('ALTER TABLE streets RENAME TO streets_gone').run();
    const res = await get('/api/v1/health');
    expect(res.status).toBe(503);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 503, detail: expect.any(String) });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
