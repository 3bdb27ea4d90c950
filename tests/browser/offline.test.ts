// Without a basemap (offline, blocked tiles) the page says so, and sites, list and
// details still work; with the service worker, the app opens offline with the last results.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, screenshot } from './browser';
import { RIDER } from './fixtures';
import { detailHeading, listIds, listSettled, open } from './map-page';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('when map tiles cannot load', () => {
  it('says the basemap is unavailable while markers, the list and details keep working', async () => {
    const { context, page, blocked } = await openPage(browser);
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`);
    await page.waitForSelector('#basemap-status:not([hidden])');
    expect(await page.textContent('#basemap-status')).toContain('底图暂时无法加载');
    expect(blocked.urls.some((u) => u.includes('tile.openstreetmap.org'))).toBe(true);
    expect((await page.$$('.site-marker')).length).toBeGreaterThan(0);
    await screenshot(page, 'offline-tiles');
    const [first] = await listIds(page);
    await page.click(`#list button[data-site-id="${first}"]`);
    expect(await detailHeading(page)).not.toBe('');
    await context.close();
  });
});

describe('the installable app', () => {
  it('has a manifest with PNG icons', async () => {
    const res = await fetch(`${baseUrl()}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as { name: string; icons: { src: string; type: string; sizes: string }[]; display: string };
    expect(manifest.display).toBe('standalone');
    const pngs = manifest.icons.filter((i) => i.type === 'image/png');
    expect(pngs.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of pngs) {
      const png = await fetch(`${baseUrl()}${icon.src}`);
      expect(png.headers.get('content-type')).toContain('image/png');
    }
  });

  it('opens offline from the service worker with the last results, saying they are old', async () => {
    const { context, page } = await openPage(browser, { serviceWorkers: true });
    const path = `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`;
    await open(page, path);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.active?.state ?? null)))
      .toBe('activated');
    // A second online load goes through the now-controlling worker, which keeps the answers.
    await page.reload();
    await listSettled(page);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const online = await listIds(page);
    expect(online.length).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    await listSettled(page);
    expect(await listIds(page)).toEqual(online);
    expect(await page.textContent('#list-status')).toContain('离线');
    await context.close();
  });
});
