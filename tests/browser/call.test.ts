// Always a number to call: a site's phones large and one tap from calling (tel:), and
// where a site lists none, the city hotline 12345 with one plain sentence — never a
// number made up for the site.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage } from './browser';
import { RIDER } from './fixtures';
import { apiNearby, detailHeading, open, siteIdByName } from './map-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const sitePath = (id: number) => `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}&site=${id}`;

describe('a number to call', () => {
  it("shows a site's phone large, calling it in one tap", async () => {
    const { context, page } = await openPage(browser);
    await open(page, sitePath(await siteIdByName('测试：劲松换电驿站', RIDER)));
    await detailHeading(page);
    const link = await page.$eval('#detail .phones a.call', (el) => {
      const r = el.getBoundingClientRect();
      return {
        href: el.getAttribute('href'),
        text: el.textContent,
        size: parseFloat(getComputedStyle(el).fontSize),
        height: r.height,
      };
    });
    expect(link).toMatchObject({ href: 'tel:01067712345', text: '拨打 010-67712345' });
    expect(link.size).toBeGreaterThanOrEqual(20); // larger than the 16 px body text
    expect(link.height).toBeGreaterThanOrEqual(44);
    expect(await page.isVisible('#detail .hotline-note')).toBe(false);
    await context.close();
  });

  it('offers 12345 with one plain sentence where a site lists no phone, in both languages', async () => {
    const { context, page } = await openPage(browser);
    await open(page, sitePath(await siteIdByName('测试：劲松养老服务驿站', RIDER)));
    await detailHeading(page);
    expect(await page.textContent('#detail .hotline-note')).toBe(
      '这里没有登记电话。有事可以打北京市民服务热线 12345。',
    );
    expect(await page.getAttribute('#detail .phones a.call', 'href')).toBe('tel:12345');
    await page.click('#lang-toggle');
    expect(await page.textContent('#detail .hotline-note')).toContain("Beijing citizens' hotline 12345");
    expect(await page.textContent('#detail .phones a.call')).toBe('Call 12345');
    await context.close();
  });

  it('gives a real site without a phone the hotline, not a number of its own', async () => {
    const { context, page } = await openPage(browser);
    const real = (await apiNearby({ lat: RIDER.lat, lng: RIDER.lng, limit: 100, radius_m: 20_000 })).find(
      (s) => s.source === 'news_report' && s.phones.length === 0,
    );
    expect(real).toBeDefined();
    await open(page, sitePath(real!.id));
    await detailHeading(page);
    expect(await page.$$eval('#detail a[href^="tel:"]', (els) => els.map((el) => el.getAttribute('href')))).toEqual([
      'tel:12345',
    ]);
    await context.close();
  });
});
