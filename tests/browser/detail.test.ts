// A site's details: hours, amenities, phone, freshness, sample label, navigation links
// with converted coordinates, elder-care services, reporting a problem, and text-only names.
import gcoord from 'gcoord';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot } from './browser';
import { RIDER, XSS_NAME } from './fixtures';
import { apiNearby, detailHeading, open, siteIdByName } from './map-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const sitePath = (id: number) => `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}&site=${id}`;

describe('the detail of a site', () => {
  it('shows hours, amenities, phone, freshness and the sample label in plain words', async () => {
    const { context, page } = await openPage(browser);
    const id = await siteIdByName('测试：劲松换电驿站', RIDER);
    await open(page, sitePath(id));
    expect(await detailHeading(page)).toBe('测试：劲松换电驿站');
    const text = (await page.textContent('#detail')) ?? '';
    expect(text).toContain('开放中');
    expect(text).toContain('24 小时开放');
    for (const word of ['电瓶换电', '手机充电', '饮水']) expect(text).toContain(word);
    expect(text).toContain('3 个月前核实');
    expect(await page.textContent('#detail .sample-banner')).toContain('不是真实的');
    expect(await page.getAttribute('#detail .phones a', 'href')).toBe('tel:01067712345');
    expect(await page.textContent('#detail .distance')).toMatch(/步行约 \d+ 分钟/);
    await screenshot(page, 'detail-station');
    await context.close();
  });

  it('says when a closed site opens next', async () => {
    const { context, page } = await openPage(browser);
    const id = await siteIdByName('测试：劲松夜间关闭驿站', RIDER);
    await open(page, sitePath(id));
    await detailHeading(page);
    expect(await page.textContent('#detail .open-line')).toMatch(/已关闭\s*(明天 )?\d\d:\d\d 开门/);
    await context.close();
  });

  it('gives Amap GCJ-02, Baidu BD-09 and Apple WGS-84 coordinates of the site', async () => {
    const { context, page } = await openPage(browser);
    const id = await siteIdByName('测试：劲松换电驿站', RIDER);
    const site = (await apiNearby({ lat: RIDER.lat, lng: RIDER.lng, limit: 100 })).find((s) => s.id === id)!;
    await open(page, sitePath(id));
    await detailHeading(page);

    const amap = new URL((await page.getAttribute('#detail a.nav.amap', 'href'))!);
    expect(amap.host).toBe('uri.amap.com');
    const [gLng, gLat] = amap.searchParams.get('position')!.split(',').map(Number);
    const [eLng, eLat] = gcoord.transform([site.lng, site.lat], gcoord.WGS84, gcoord.GCJ02);
    expect(gLng).toBeCloseTo(eLng, 6);
    expect(gLat).toBeCloseTo(eLat, 6);
    expect(Math.abs(gLng! - site.lng)).toBeGreaterThan(0.001); // really converted, not passed through
    expect(amap.searchParams.get('name')).toBe(site.name);

    const baidu = new URL((await page.getAttribute('#detail a.nav.baidu', 'href'))!);
    expect(baidu.searchParams.get('coord_type')).toBe('bd09ll');
    const [bLat, bLng] = baidu.searchParams.get('location')!.split(',').map(Number);
    const [xLng, xLat] = gcoord.transform([site.lng, site.lat], gcoord.WGS84, gcoord.BD09);
    expect(bLat).toBeCloseTo(xLat, 6);
    expect(bLng).toBeCloseTo(xLng, 6);

    const apple = new URL((await page.getAttribute('#detail a.nav.apple', 'href'))!);
    expect(apple.searchParams.get('ll')).toBe(`${site.lat},${site.lng}`);
    await context.close();
  });

  it('describes an elder-care centre by its services, with the number of beds', async () => {
    const { context, page } = await openPage(browser);
    const id = await siteIdByName('测试：劲松养老服务驿站', RIDER);
    await open(page, sitePath(id));
    await detailHeading(page);
    const services = (await page.textContent('#detail .services')) ?? '';
    for (const word of ['助餐服务', '日间照料', '养老床位 12 张', '医疗服务站']) expect(services).toContain(word);
    await context.close();
  });

  it('shows a name, address and description full of markup as plain characters', async () => {
    const { context, page } = await openPage(browser);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const id = await siteIdByName(XSS_NAME, RIDER);
    // Centred on the site, so its marker is on screen.
    await open(page, `/?lat=39.887&lng=116.454&z=16&at=${RIDER.lat},${RIDER.lng}`);
    expect(await page.textContent(`#list button[data-site-id="${id}"] .row-name`)).toBe(XSS_NAME);
    await page.hover(`.site-marker[aria-label^="${XSS_NAME}"]`);
    expect(await page.textContent('.leaflet-tooltip')).toBe(XSS_NAME);
    await page.click(`#list button[data-site-id="${id}"]`);
    expect(await detailHeading(page)).toBe(XSS_NAME);
    expect(await page.textContent('#detail .address')).toContain('<b>not bold</b>');
    expect(await page.textContent('#detail .description')).toBe('<script>alert(2)</script>');
    expect(await page.$$('body img[src="x"], #detail b, #detail script')).toHaveLength(0);
    expect(dialogs).toBe(0);
    await context.close();
  });

  it('sends a problem report and thanks the reporter, and says so clearly when it cannot be sent', async () => {
    const { context, page } = await openPage(browser);
    const id = await siteIdByName('测试：劲松换电驿站', RIDER);
    await open(page, sitePath(id));
    await detailHeading(page);
    await page.click('#detail details.report summary');
    await page.check('#detail input[name="category"][value="wrong_hours"]');
    await page.fill('#detail textarea[name="note"]', '晚上十点就关门了');
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith(`/api/v1/sites/${id}/reports`) && r.method() === 'POST'),
      page.click('#detail .report-form button[type="submit"]'),
    ]);
    expect(request.postDataJSON()).toEqual({ category: 'wrong_hours', note: '晚上十点就关门了' });
    await page.waitForSelector('#detail .form-status.ok');
    expect(await page.textContent('#detail .form-status')).toContain('谢谢');

    // Offline: the request never reaches the server.
    await context.setOffline(true);
    await page.click('#detail .report-form button[type="submit"]');
    await page.waitForSelector('#detail .form-status.error');
    expect(await page.textContent('#detail .form-status')).toContain('提交失败');
    await context.close();
  });

  it('says a position is approximate and what to look for, on the page, in the navigation hand-off and in the list', async () => {
    const { context, page } = await openPage(browser);
    const approx = await siteIdByName('测试：劲松夜间关闭驿站', RIDER); // coord_precision: approximate
    const surveyed = await siteIdByName('测试：劲松换电驿站', RIDER);
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`);
    await page.waitForSelector(`#list button[data-site-id="${approx}"]`);
    expect(await page.textContent(`#list button[data-site-id="${approx}"] .approx-tag`)).toBe('大致位置');
    expect(await page.$(`#list button[data-site-id="${surveyed}"] .approx-tag`)).toBeNull();

    await page.click(`#list button[data-site-id="${approx}"]`);
    await detailHeading(page);
    const notice = (await page.textContent('#detail .approx-notice')) ?? '';
    expect(notice).toContain('位置为大致位置');
    expect(notice).toContain('测试：劲松夜间关闭驿站'); // the sign to look for
    const amap = new URL((await page.getAttribute('#detail a.nav.amap', 'href'))!);
    expect(amap.searchParams.get('name')).toContain('位置为大致位置');
    const baidu = new URL((await page.getAttribute('#detail a.nav.baidu', 'href'))!);
    expect(baidu.searchParams.get('title')).toContain('位置为大致位置');
    expect(await page.getAttribute('#detail .nav-links', 'aria-describedby')).toBe('approx-notice');
    await screenshot(page, 'detail-approximate');

    await page.click('#detail button.back');
    await page.click(`#list button[data-site-id="${surveyed}"]`);
    await detailHeading(page);
    expect(await page.$('#detail .approx-notice')).toBeNull();
    await context.close();
  });
});
