// No position (permission denied): the page says why and offers a point on the map or
// a district and street instead; "nearest open station" then works from that place.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot } from './browser';
import { detailHeading, listSettled, open, query } from './map-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('without the position', () => {
  it('explains the denial and lets one pick a point on the map', async () => {
    const { context, page } = await openPage(browser); // no geolocation permission
    await open(page, '/?lat=39.88390&lng=116.45700&z=15');
    await page.click('#locate');
    await page.waitForSelector('#locate-fallback:not([hidden])');
    expect(await page.textContent('#fallback-message')).toContain('未授权');
    await page.waitForSelector('#pick-district option[value="110105"]', { state: 'attached' });
    await screenshot(page, 'fallback');

    await page.click('#pick-on-map');
    expect(await page.isVisible('#pick-hint')).toBe(true);
    const box = (await page.$('#map'))!;
    const r = (await box.boundingBox())!;
    // Off the centre, where the seeded station's marker sits.
    await page.mouse.click(r.x + r.width / 2 + 70, r.y + r.height / 2 - 50);
    await expect.poll(() => query(page).get('at')).not.toBeNull();
    const [lat, lng] = query(page).get('at')!.split(',').map(Number);
    expect(lat).toBeCloseTo(39.8839, 2);
    expect(lng).toBeCloseTo(116.457, 2);
    expect(await page.isVisible('#locate-fallback')).toBe(false);
    await listSettled(page);
    expect(await page.textContent('#list-title')).toContain('您的位置');

    // With a place known, the rider's one tap still finds a station from there.
    await page.click('#nearest-open');
    expect(await detailHeading(page)).not.toBe('');
    await context.close();
  });

  it('lets one choose a district and a street from the street list', async () => {
    const { context, page } = await openPage(browser);
    await open(page);
    await page.click('#locate');
    await page.waitForSelector('#pick-district option[value="110105"]', { state: 'attached' });
    await page.selectOption('#pick-district', '110105');
    await page.selectOption('#pick-street', '110105017'); // 劲松街道
    await expect.poll(() => query(page).get('at')).not.toBeNull();
    const [lat, lng] = query(page).get('at')!.split(',').map(Number);
    // The centre of the sites known in Jinsong street lies within a few km of its office.
    expect(Math.abs(lat! - 39.884)).toBeLessThan(0.03);
    expect(Math.abs(lng! - 116.46)).toBeLessThan(0.03);
    await context.close();
  });
});
