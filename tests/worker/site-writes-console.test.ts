import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminCookie, editorCookie, insertSite, JINSONG, PANJIAYUAN, send } from './fixtures/console';

describe('GET /api/v1/console/sites', () => {
  it("lists the editor's streets only, sites not verified for 180 days first", async () => {
    const old = new Date(Date.now() - 200 * 86_400_000).toISOString();
    const fresh = await insertSite({ name: '阿新驿站', verified_at: new Date().toISOString() });
    const stale = await insertSite({ name: '旧驿站', verified_at: old });
    await insertSite({ name: '潘家园驿站', street_code: PANJIAYUAN, lat: 39.873, lng: 116.458 });
    const res = await send('GET', '/api/v1/console/sites', { cookie: await editorCookie('jinsong', [JINSONG]) });
    expect(res.status).toBe(200);
    expect(res.body.data.map((s: { id: number; stale: boolean }) => [s.id, s.stale])).toEqual([
      [stale, true],
      [fresh, false],
    ]);
    expect(res.body.data[0]).toMatchObject({ street_name: '劲松街道', amenities: [], version: 1 });
  });

  it('filters by text, status and street', async () => {
    await insertSite({ name: '劲松北驿站', address: '劲松北路' });
    await insertSite({ name: '农光里养老驿站', status: 'retired' });
    const cookie = await adminCookie();
    const byText = await send('GET', `/api/v1/console/sites?q=${encodeURIComponent('北')}`, { cookie });
    expect(byText.body.data.map((s: { name: string }) => s.name)).toEqual(['劲松北驿站']);
    const retired = await send('GET', '/api/v1/console/sites?status=retired', { cookie });
    expect(retired.body.data.map((s: { name: string }) => s.name)).toEqual(['农光里养老驿站']);
    const none = await send('GET', `/api/v1/console/sites?street_code=${PANJIAYUAN}`, { cookie });
    expect(none.body.data).toEqual([]);
  });

  it("refuses an editor asking for another street's list", async () => {
    const res = await send('GET', `/api/v1/console/sites?street_code=${PANJIAYUAN}`, {
      cookie: await editorCookie('jinsong', [JINSONG]),
    });
    expect(res.status).toBe(403);
  });

  it('needs a session', async () => {
    expect((await send('GET', '/api/v1/console/sites')).status).toBe(401);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM sessions').first('n')).toBe(0);
  });
});
