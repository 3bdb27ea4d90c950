import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SITE_OPEN_REPORTS_CAP } from '../../worker/db/reports';
import { adminCookie, count, editorCookie, insertSite, JINSONG, PANJIAYUAN, send } from './fixtures/console';

const report = (siteId: number, json: unknown, ip = '198.51.100.1', origin?: string | null) =>
  send('POST', `/api/v1/sites/${siteId}/reports`, { json, headers: { 'cf-connecting-ip': ip }, origin });

describe('POST /api/v1/sites/:id/reports', () => {
  it('takes a report without an account and stores the note as text', async () => {
    const id = await insertSite();
    const res = await report(id, { category: 'closed', note: '<b>门锁了</b>' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      site_id: id,
      site_name: '测试驿站',
      category: 'closed',
      note: '<b>门锁了</b>',
      status: 'open',
      resolved_change_id: null,
    });
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
    for (let i = 0; i < 5; i++) expect((await report(id, { category: 'wrong_hours' })).status).toBeLessThan(300);
    const limited = await report(id, { category: 'wrong_hours' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await env.DB.prepare('SELECT sum(count) AS n FROM reports').first('n')).toBe(5);
    // Another client is not limited; its identical report is counted into the open one.
    expect((await report(id, { category: 'wrong_hours' }, '198.51.100.2')).body).toMatchObject({ count: 6 });
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
    expect(queue.body.data).toEqual([
      expect.objectContaining({ site_id: own, site_name: '劲松驿站', category: 'closed' }),
    ]);
    const all = await send('GET', '/api/v1/reports', { cookie: await adminCookie() });
    expect(all.body.data).toHaveLength(2);
  });

  it('resolving links the report to the change that fixed it, both ways', async () => {
    const id = await insertSite();
    const { body: filed } = await report(id, { category: 'wrong_hours' });
    const cookie = await adminCookie();
    await send('PATCH', `/api/v1/sites/${id}`, { cookie, json: { version: 1, opening_hours: '24/7' } });
    const change = (await send('GET', `/api/v1/sites/${id}/history`, { cookie })).body.data[0];
    const res = await send('POST', `/api/v1/reports/${filed.id}/resolve`, {
      cookie,
      json: { change_id: change.id, note: '已更正' },
    });
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
    const otherChange = Number(
      await env.DB.prepare('SELECT id FROM site_changes WHERE site_id = ?').bind(elsewhere).first('id'),
    );
    const { body: filed } = await report(id, { category: 'closed' });
    const res = await send('POST', `/api/v1/reports/${filed.id}/resolve`, { cookie, json: { change_id: otherChange } });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params[0].name).toBe('change_id');
    expect(await env.DB.prepare('SELECT status FROM reports').first('status')).toBe('open');
  });

  it("refuses an editor resolving a report on another street's site", async () => {
    const other = await insertSite({ street_code: PANJIAYUAN, lat: 39.873, lng: 116.458 });
    const { body: filed } = await report(other, { category: 'closed' });
    const res = await send('POST', `/api/v1/reports/${filed.id}/resolve`, {
      cookie: await editorCookie('jinsong', [JINSONG]),
      json: {},
    });
    expect(res.status).toBe(403);
    expect(await env.DB.prepare('SELECT status FROM reports').first('status')).toBe('open');
  });
});

describe('merging, capping and bucketing reports', () => {
  it('shows five identical reports from five clients once, with a count of 5', async () => {
    const id = await insertSite();
    const replies = [];
    for (let i = 1; i <= 5; i++)
      replies.push(await report(id, { category: 'closed', note: '门锁了' }, `198.51.100.${i}`));
    expect(replies.map((r) => r.status)).toEqual([201, 200, 200, 200, 200]);
    expect(replies[4]!.body).toMatchObject({ id: replies[0]!.body.id, count: 5 });
    const queue = await send('GET', '/api/v1/reports', { cookie: await adminCookie() });
    expect(queue.body.data).toEqual([
      expect.objectContaining({ site_id: id, category: 'closed', note: '门锁了', count: 5 }),
    ]);
    expect(queue.body.meta).toMatchObject({ total: 1, next_cursor: null });
  });

  it('keeps reports apart that differ in category or note, and a new report once the old one is resolved', async () => {
    const id = await insertSite();
    await report(id, { category: 'closed', note: '门锁了' }, '198.51.100.1');
    await report(id, { category: 'closed', note: '没人' }, '198.51.100.2');
    await report(id, { category: 'wrong_hours', note: '门锁了' }, '198.51.100.3');
    expect(await count('reports')).toBe(3);
    const cookie = await adminCookie();
    const first = Number(await env.DB.prepare("SELECT id FROM reports WHERE note = '没人'").first('id'));
    expect((await send('POST', `/api/v1/reports/${first}/resolve`, { cookie, json: {} })).status).toBe(200);
    expect((await report(id, { category: 'closed', note: '没人' }, '198.51.100.4')).status).toBe(201);
  });

  it(`holds at most ${SITE_OPEN_REPORTS_CAP} distinct open reports per site, still counting identical ones`, async () => {
    const id = await insertSite();
    for (let i = 0; i < SITE_OPEN_REPORTS_CAP; i++) {
      expect((await report(id, { category: 'other', note: `第${i}条` }, `198.51.100.${i + 1}`)).status).toBe(201);
    }
    const full = await report(id, { category: 'other', note: '又一条' }, '198.51.100.99');
    expect(full.status).toBe(429);
    expect(full.body.reason).toBe('site_full');
    expect((await report(id, { category: 'other', note: '第0条' }, '198.51.100.98')).status).toBe(200);
    expect(await count('reports')).toBe(SITE_OPEN_REPORTS_CAP);
    // The refused report does not use up the client's allowance.
    expect(await count('attempts', "bucket = 'report:ip:198.51.100.99'")).toBe(0);
  });

  it('counts IPv6 clients per /64', async () => {
    const id = await insertSite();
    for (let i = 1; i <= 5; i++)
      expect((await report(id, { category: 'other', note: `n${i}` }, `2001:db8:9:9::${i}`)).status).toBeLessThan(300);
    expect((await report(id, { category: 'other', note: 'n6' }, '2001:db8:9:9:abcd::6')).status).toBe(429);
    expect((await report(id, { category: 'other', note: 'n7' }, '2001:db8:9:a::1')).status).toBe(201);
  });

  it('does not let 100 reports from 20 clients on one site hide a genuine report on another', async () => {
    const spammed = await insertSite({ name: '被刷的驿站' });
    const genuine = await insertSite({ name: '真的关门了', lat: 39.884, lng: 116.462 });
    for (let client = 0; client < 20; client++) {
      await Promise.all(
        Array.from({ length: 5 }, (_, k) =>
          report(
            spammed,
            k < 2 ? { category: 'closed' } : { category: 'other', note: `刷${client}-${k}` },
            `203.0.113.${client}`,
          ),
        ),
      );
    }
    await report(genuine, { category: 'closed', note: '今天起停用' }, '198.51.100.200');
    const queue = await send('GET', '/api/v1/reports?limit=5', { cookie: await adminCookie() });
    expect(queue.body.data[0]).toMatchObject({ site_id: genuine, note: '今天起停用' });
    expect(queue.body.meta.total).toBe(SITE_OPEN_REPORTS_CAP + 1);
    expect(await count('reports', `site_id = ${spammed}`)).toBe(SITE_OPEN_REPORTS_CAP);
    expect(
      await env.DB.prepare(`SELECT count FROM reports WHERE site_id = ${spammed} AND note IS NULL`).first('count'),
    ).toBe(40);
  });
});

describe('paging the report queue', () => {
  it('pages newest first with a cursor, every report once, with the total', async () => {
    const ids = [await insertSite(), await insertSite({ name: '二号', lat: 39.884, lng: 116.462 })];
    const filed: number[] = [];
    for (let i = 0; i < 13; i++) {
      filed.push((await report(ids[i % 2]!, { category: 'other', note: `第${i}条` }, `198.51.100.${i + 1}`)).body.id);
    }
    const cookie = await adminCookie();
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { data: { id: number }[]; meta: { total: number; next_cursor: string | null } } } =
        await send('GET', `/api/v1/reports?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
          cookie,
        });
      expect(page.body.meta.total).toBe(13);
      seen.push(...page.body.data.map((r) => r.id));
      cursor = page.body.meta.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...filed].reverse());
  });

  it('brings a merged report to the top when it is reported again', async () => {
    const id = await insertSite();
    const old = (await report(id, { category: 'closed' }, '198.51.100.1')).body.id;
    await report(id, { category: 'other', note: '新的' }, '198.51.100.2');
    await report(id, { category: 'closed' }, '198.51.100.3');
    const queue = await send('GET', '/api/v1/reports', { cookie: await adminCookie() });
    expect(queue.body.data.map((r: { id: number }) => r.id)[0]).toBe(old);
  });

  it('refuses a cursor it did not give out with a 400 naming it', async () => {
    const res = await send('GET', '/api/v1/reports?cursor=bm9wZQ', { cookie: await adminCookie() });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params).toEqual([expect.objectContaining({ name: 'cursor', in: 'query' })]);
  });
});

describe('resolving with a change', () => {
  it('refuses a change that already answers another report, leaving both as they were', async () => {
    const id = await insertSite();
    const cookie = await adminCookie();
    const a = (await report(id, { category: 'wrong_hours' }, '198.51.100.1')).body.id;
    const b = (await report(id, { category: 'closed' }, '198.51.100.2')).body.id;
    await send('PATCH', `/api/v1/sites/${id}`, { cookie, json: { version: 1, opening_hours: '24/7' } });
    const change = (await send('GET', `/api/v1/sites/${id}/history`, { cookie })).body.data[0].id;
    expect((await send('POST', `/api/v1/reports/${a}/resolve`, { cookie, json: { change_id: change } })).status).toBe(
      200,
    );
    const res = await send('POST', `/api/v1/reports/${b}/resolve`, { cookie, json: { change_id: change } });
    expect(res.status).toBe(409);
    expect(res.body.invalid_params).toEqual([expect.objectContaining({ name: 'change_id', in: 'body' })]);
    expect(
      await env.DB.prepare('SELECT report_id FROM site_changes WHERE id = ?').bind(change).first('report_id'),
    ).toBe(a);
    expect(await env.DB.prepare('SELECT status FROM reports WHERE id = ?').bind(b).first('status')).toBe('open');
  });

  it('lets only one of two parallel resolutions with the same change through', async () => {
    const id = await insertSite();
    const cookie = await adminCookie();
    const a = (await report(id, { category: 'wrong_hours' }, '198.51.100.1')).body.id;
    const b = (await report(id, { category: 'closed' }, '198.51.100.2')).body.id;
    await send('POST', `/api/v1/sites/${id}/verify`, { cookie });
    const change = (await send('GET', `/api/v1/sites/${id}/history`, { cookie })).body.data[0].id;
    const replies = await Promise.all(
      [a, b].map((r) => send('POST', `/api/v1/reports/${r}/resolve`, { cookie, json: { change_id: change } })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count('reports', `resolved_change_id = ${change}`)).toBe(1);
  });
});
