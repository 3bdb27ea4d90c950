// Every view has a URL: shared links and reloads show the same thing, and Back works.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteStatements } from '../../seeds/seed-sql';
import { baseUrl, executeSql, launch, openPage } from './browser';
import { RIDER } from './fixtures';
import { detailHeading, listIds, open, query, siteIdByName } from './map-page';

/**
 * Adds a retired station beside the rider straight into the test server's D1 (this file's
 * own data) and returns its name and id: one wrangler call, run before the tests as it blocks.
 */
function addRetiredStation(): { name: string; id: number } {
  const name = `测试：已撤销驿站 ${Date.now().toString(36)}`;
  const [sql] = siteStatements([
    {
      external_id: `test:retired-${name}`,
      kind: 'rest_station',
      name,
      street_code: '110105017',
      lat: 39.8845,
      lng: 116.4575,
      coord_precision: 'surveyed',
      opening_hours: '24/7',
      status: 'retired',
      source: 'sample',
    },
  ]);
  const out = executeSql(`${sql!.replace(/;\s*$/, '')}; SELECT id FROM sites WHERE name = '${name}'`);
  return { name, id: Number(out.match(/"id":\s*(\d+)/)![1]) };
}

let browser: Browser;
let retired: { name: string; id: number };
beforeAll(async () => {
  browser = await launch();
  retired = addRetiredStation();
});
afterAll(async () => {
  await browser?.close();
});

describe('links to views', () => {
  it('reopens a shared link with the same site, filters and map position', async () => {
    const { context, page } = await openPage(browser);
    const id = await siteIdByName('测试：劲松换电驿站', RIDER);
    const link = `/?lat=39.88500&lng=116.45800&z=15&at=${RIDER.lat},${RIDER.lng}&kind=rest_station&amenity=battery_swap&open=1&site=${id}`;
    await open(page, link);
    for (const p of [page]) {
      expect(await detailHeading(p)).toBe('测试：劲松换电驿站');
      expect(await p.getAttribute('#filters button.chip[data-code="rest_station"]', 'aria-pressed')).toBe('true');
      expect(await p.getAttribute('#filters button.chip[data-code="battery_swap"]', 'aria-pressed')).toBe('true');
      expect(await p.isChecked('#open-now')).toBe(true);
    }
    await page.reload();
    expect(await detailHeading(page)).toBe('测试：劲松换电驿站');
    const q = query(page);
    expect(q.get('site')).toBe(String(id));
    expect(q.get('amenity')).toBe('battery_swap');
    expect(Number(q.get('z'))).toBe(15);
    expect(Number(q.get('lat'))).toBeCloseTo(39.885, 3);
    await context.close();
  });

  it('goes back from a detail to the list, and forward again, with the browser buttons', async () => {
    const { context, page } = await openPage(browser);
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`);
    await expect.poll(async () => (await listIds(page)).length).toBeGreaterThan(1);
    const [first] = await listIds(page);
    await page.click(`#list button[data-site-id="${first}"]`);
    await detailHeading(page);
    expect(query(page).get('site')).toBe(String(first));

    await page.goBack();
    await page.waitForSelector('#detail', { state: 'hidden' });
    expect(await page.isVisible('#list-panel')).toBe(true);
    expect(query(page).get('site')).toBeNull();

    await page.goForward();
    await detailHeading(page);
    expect(query(page).get('site')).toBe(String(first));
    await context.close();
  });

  it('says so when a linked site does not exist', async () => {
    const { context, page } = await openPage(browser);
    await open(page, '/?site=999999');
    expect(await page.textContent('#detail [role="alert"]')).toContain('找不到这个站点');
    await context.close();
  });

  it('says a linked site that was retired no longer exists, with no open state and no navigation', async () => {
    const { name, id } = retired;
    const res = await fetch(`${baseUrl()}/api/v1/sites/nearby?lat=39.8845&lng=116.4575&limit=100&radius_m=50`);
    expect(((await res.json()) as { data: { name: string }[] }).data.map((s) => s.name)).not.toContain(name);
    const api = await fetch(`${baseUrl()}/api/v1/sites/${id}`);
    expect(api.status).toBe(410);
    expect(((await api.json()) as { detail: string }).detail).toContain('no longer exists');

    const { context, page } = await openPage(browser);
    await open(page, `/?site=${id}`);
    expect(await detailHeading(page)).toContain('已不存在');
    const detail = (await page.textContent('#detail')) ?? '';
    expect(detail).not.toContain(name);
    expect(detail).not.toMatch(/开放中|已关闭|24 小时/);
    expect(await page.$$('#detail a.nav, #detail .badge, .site-marker.selected')).toHaveLength(0);
    await context.close();
  });
});
