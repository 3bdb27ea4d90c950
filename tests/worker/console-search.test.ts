import { describe, expect, it } from 'vitest';
import { adminCookie, insertSite, send } from './fixtures/console';

const FULL_NAME = '北京市朝阳区劲松街道磨房北里户外劳动者服务站点'; // 23 characters, 69 bytes of UTF-8

const search = async (q: string, cookie: string) =>
  send('GET', `/api/v1/console/sites?q=${encodeURIComponent(q)}`, { cookie });
const names = (res: { body: { data: { name: string }[] } }) => res.body.data.map((s) => s.name);

describe('console search (GET /api/v1/console/sites?q=)', () => {
  it('finds a site by its full Chinese name, longer than the 50-byte LIKE limit of D1', async () => {
    await insertSite({ name: FULL_NAME });
    await insertSite({ name: '劲松养老驿站' });
    const res = await search(FULL_NAME, await adminCookie());
    expect(res.status).toBe(200);
    expect(names(res)).toEqual([FULL_NAME]);
  });

  it('finds one- and two-character parts of a name, and parts of the address', async () => {
    await insertSite({ name: FULL_NAME, address: '磨房北里12号' });
    await insertSite({ name: '劲松养老驿站' });
    const cookie = await adminCookie();
    expect(names(await search('站', cookie)).sort()).toEqual([FULL_NAME, '劲松养老驿站'].sort());
    expect(names(await search('养老', cookie))).toEqual(['劲松养老驿站']);
    expect(names(await search('12号', cookie))).toEqual([FULL_NAME]);
  });

  it('takes % and _ literally, and matches Latin text in any case', async () => {
    await insertSite({ name: '100%驿站', external_id: 'JS_001' });
    await insertSite({ name: '普通驿站', external_id: 'JS-002' });
    const cookie = await adminCookie();
    expect(names(await search('%', cookie))).toEqual(['100%驿站']);
    expect(names(await search('js_', cookie))).toEqual(['100%驿站']);
  });

  it('refuses a NUL in q with a 400 naming q, instead of searching for the text before it', async () => {
    await insertSite({ name: FULL_NAME });
    const res = await search('劲松\0xyz', await adminCookie());
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.invalid_params).toEqual([expect.objectContaining({ name: 'q', in: 'query' })]);
  });
});
