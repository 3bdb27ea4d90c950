import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { JINSONG, PANJIAYUAN, adminCookie, count, editorCookie, insertSite, send } from './fixtures/console';

const report = (siteId: number, json: unknown, ip = '198.51.100.1', origin?: string | null) =>
  send('POST', `/api/v1/sites/${siteId}/reports`, { json, headers: { 'cf-connecting-ip': ip }, origin });

describe('POST /api/v1/sites/:id/reports', () => {
  it('takes a report without an account and stores the note as text', async () => {
    const id = await insertSite();
    const res = await report(id, { category: 'closed', note: '<b>门锁了</b>' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ site_id: id, site_name: '测试驿站', category: 'closed', note: '<b>门锁了</b>', status: 'open', resolved_change_id: null });
  });

  it.each([
    ['an unknown category', { category: 'rude_staff' }, 'category'],
    ['a note over 500 characters', { category: 'other', note: '很'.repeat(501) }, 'note'],
  ])('refuses %s with a 400 naming the field', async (_what, json, field) => {
    const id = await insertSite();
    const res = await report(id, json);
    expect(res.status).toBe(400);
    expect(res.body.invalid_params[0].name).toBe(field);
    expect(await count('reports')).toBe(0);
  });

  it('answers a report on an unknown site with 404', async () => {
    expect((await report(4242, { category: 'closed' })).status).toBe(404);
  });

  it('takes 5 reports per client in 10 minutes, then answers 429 with Retry-After', async () => {
    const id = await insertSite();
    for (let i = 0; i < 5; i++) expect((await report(id, { category: 'wrong_hours' })).status).toBe(201);
    const limited = await report(id, { category: 'wrong_hours' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await count('reports')).toBe(5);
    expect((await report(id, { category: 'wrong_hours' }, '198.51.100.2')).status).toBe(201);
  });

  it('refuses a report posted from another site (CSRF)', async () => {
    const id = await insertSite();
    expect((await report(id, { category: 'closed' }, '198.51.100.1', 'https://evil.example')).status).toBe(403);
    expect(await count('reports')).toBe(0);
  });
});

describe('the report queue', () => {
  it("shows an editor the reports on their streets' sites only", async () => {
    const own = await insertSite({ street_code: JINSONG, name: '劲松驿站' });
    const other = await insertSite({ street_code: PANJIAYUAN, name: '潘家园驿站', lat: 39.873, lng: 116.458 });
    await report(own, { category: 'closed' });
    await report(other, { category: 'wrong_place' });
    const cookie = await editorCookie('jinsong', [JINSONG]);
    const queue = await send('GET', '/api/v1/reports?status=open', { cookie });
    expect(queue.status).toBe(200);
    expect(queue.body.data).toEqual([expect.objectContaining({ site_id: own, site_name: '劲松驿站', category: 'closed' })]);
    const all = await send('GET', '/api/v1/reports', { cookie: await adminCookie() });
    expect(all.body.data).toHaveLength(2);
  });

  it('resolving links the report to the change that fixed it, both ways', async () => {
    const id = await insertSite();
    const { body: filed } = await report(id, { category: 'wrong_hours' });
    const cookie = await adminCookie();
    await send('PATCH', `/api/v1/sites/${id}`, { cookie, json: { version: 1, opening_hours: '24/7' } });
    const change = (await send('GET', `/api/v1/sites/${id}/history`, { cookie })).body.data[0];
    const res = await send('POST', `/api/v1/reports/${filed.id}/resolve`, { cookie, json: { change_id: change.id, note: '已更正' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: filed.id, status: 'resolved', resolved_change_id: change.id });
    const history = (await send('GET', `/api/v1/sites/${id}/history`, { cookie })).body.data;
    expect(history[0]).toMatchObject({ id: change.id, report_id: filed.id });
    expect((await send('GET', '/api/v1/reports', { cookie })).body.data).toEqual([]);
  });

  it('refuses a change of another site as the fix', async () => {
    const id = await insertSite();
    const elsewhere = await insertSite({ name: '另一个驿站', lat: 39.884, lng: 116.462 });
    const cookie = await adminCookie();
    await send('POST', `/api/v1/sites/${elsewhere}/verify`, { cookie });
    const otherChange = Number(await env.DB.prepare('SELECT id FROM site_changes WHERE site_id = ?').bind(elsewhere).first('id'));
    const { body: filed } = await report(id, { category: 'closed' });
    const res = await send('POST', `/api/v1/reports/${filed.id}/resolve`, { cookie, json: { change_id: otherChange } });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params[0].name).toBe('change_id');
    expect(await env.DB.prepare('SELECT status FROM reports').first('status')).toBe('open');
  });

  it("refuses an editor resolving a report on another street's site", async () => {
    const other = await insertSite({ street_code: PANJIAYUAN, lat: 39.873, lng: 116.458 });
    const { body: filed } = await report(other, { category: 'closed' });
    const res = await send('POST', `/api/v1/reports/${filed.id}/resolve`, { cookie: await editorCookie('jinsong', [JINSONG]), json: {} });
    expect(res.status).toBe(403);
    expect(await env.DB.prepare('SELECT status FROM reports').first('status')).toBe('open');
  });
});
