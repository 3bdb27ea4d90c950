// English for those who need it, and care mode (large text) for older eyes; both remembered.
// care-mode.test.ts measures care mode itself.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot } from './browser';
import { RIDER } from './fixtures';
import { detailHeading, listSettled, open, siteIdByName } from './map-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('settings on the first screen', () => {
  it('switches to English and remembers it', async () => {
    const { context, page } = await openPage(browser);
    await open(page);
    expect(await page.textContent('#nearest-open')).toContain('最近的开放驿站');
    await page.click('#lang-toggle');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#nearest-open')).toContain('Nearest open rest station');
    expect(await page.textContent('#filters button.chip[data-code="rest_station"]')).toContain('Rest station');
    expect(await page.textContent('label[for="open-now"]')).toBe('Open now');
    await page.reload();
    await listSettled(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#list-title')).toBe('Near the map centre');
    await screenshot(page, 'english-home');
    await context.close();
  });

  it("shows details in English, with the sign's Chinese name kept", async () => {
    const { context, page } = await openPage(browser);
    const id = await siteIdByName('测试：劲松换电驿站', RIDER);
    await open(page);
    await page.click('#lang-toggle');
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&site=${id}`);
    expect(await detailHeading(page)).toBe('Test: Jinsong battery-swap station');
    expect(await page.textContent('#detail .name-zh')).toBe('测试：劲松换电驿站');
    const text = (await page.textContent('#detail')) ?? '';
    expect(text).toContain('Battery swap');
    expect(text).toContain('Verified 3 months ago');
    expect(text).toContain('Sample data');
    await screenshot(page, 'english-detail');
    await context.close();
  });

  it('care mode (the large-text mode) puts the list before the map, with larger text than before, and is remembered', async () => {
    const { context, page } = await openPage(browser, { geolocation: { latitude: RIDER.lat, longitude: RIDER.lng } });
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`);
    await page.waitForSelector('.site-row .row-name'); // the list's first answer
    const before = await page.$eval('.site-row .row-name', (el) => parseFloat(getComputedStyle(el).fontSize));
    await page.click('label[for="large-text"]');
    await page.reload();
    await listSettled(page);
    expect(await page.isChecked('#large-text')).toBe(true);
    const after = await page.$eval('.site-row .row-name', (el) => parseFloat(getComputedStyle(el).fontSize));
    expect(after).toBeGreaterThanOrEqual(22);
    expect(after).toBeGreaterThan(before);
    const listTop = await page.$eval('#list-panel', (el) => el.getBoundingClientRect().top);
    const mapTop = await page.$eval('#map', (el) => el.getBoundingClientRect().top);
    expect(listTop).toBeLessThan(mapTop);
    // The quick filters stay (wrapping), and the rows keep their services and amenities (issue 13).
    expect(await page.isVisible('#filters .chips.quick')).toBe(true);
    await screenshot(page, 'large-text-home');
    await context.close();
  });
});
