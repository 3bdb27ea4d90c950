// Without a basemap (offline, blocked tiles) the page says so, and sites, list and
// details still work. After exactly one online visit the app opens offline (reload, a new
// tab, a cold start of the browser) styled and working, and answers "nearest open" from
// the sites saved on the device, also 300 m from where it was last online.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, PHONE, screenshot } from './browser';
import { HEADLESS_SHELL } from './chromium';
import { RIDER } from './fixtures';
import { apiNearby, detailHeading, listIds, open } from './map-page';
import { startProxy } from './proxy';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The proxy's port: the one after the app's (browser tests own 8801–8809; LINLI_BROWSER_PORT moves both). */
const PROXY_PORT = Number(process.env.LINLI_BROWSER_PORT ?? 8801) + 1;
/** 300 m east of the rider. */
const FURTHER = { lat: RIDER.lat, lng: 116.4605 } as const;

describe('when map tiles cannot load', () => {
  it('says the basemap is unavailable while markers, the list and details keep working', async () => {
    const { context, page, blocked } = await openPage(browser);
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`);
    await page.waitForSelector('#basemap-status[data-state="unavailable"]');
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
    const manifest = (await res.json()) as {
      name: string;
      icons: { src: string; type: string; sizes: string }[];
      display: string;
    };
    expect(manifest.display).toBe('standalone');
    const pngs = manifest.icons.filter((i) => i.type === 'image/png');
    expect(pngs.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of pngs) {
      const png = await fetch(`${baseUrl()}${icon.src}`);
      expect(png.headers.get('content-type')).toContain('image/png');
    }
  });
});

/** A phone's browser with its own profile folder, so closing it and starting it again is a cold start. */
function phone(profile: string, at: { lat: number; lng: number }, offline: boolean): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    ...HEADLESS_SHELL,
    headless: true,
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
    offline,
    geolocation: { latitude: at.lat, longitude: at.lng },
    permissions: ['geolocation'],
  });
}

const rowCount = (page: Page) => listIds(page).then((ids) => ids.length);
const primaryColour = (page: Page) => page.$eval('#nearest-open', (b) => getComputedStyle(b).backgroundColor);
const savedSites = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('linli-offline');
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('sites')) {
            resolve(0);
            return;
          }
          const count = db.transaction('sites').objectStore('sites').count();
          count.onsuccess = () => resolve(count.result);
        };
        req.onerror = () => resolve(0);
      }),
  );

/** Taps "nearest open station" and reads the station the detail shows. */
async function nearestOpen(page: Page): Promise<string> {
  await page.click('#nearest-open');
  return detailHeading(page);
}

describe('offline after exactly one visit', () => {
  it('opens styled and working on reload, in a new tab and after a cold start, and finds the nearest open station 300 m further', async () => {
    const [here] = await apiNearby({
      lat: RIDER.lat,
      lng: RIDER.lng,
      kind: 'rest_station',
      open_now: 'true',
      limit: 1,
    });
    const [further] = await apiNearby({
      lat: FURTHER.lat,
      lng: FURTHER.lng,
      kind: 'rest_station',
      open_now: 'true',
      limit: 1,
    });
    expect(further!.id).not.toBe(here!.id); // moving 300 m changes the answer, so a stale copy would show

    const proxy = await startProxy(baseUrl(), PROXY_PORT);
    const profile = mkdtempSync(join(tmpdir(), 'linli-phone-'));
    try {
      // The one online visit: open the page, nothing else.
      let context = await phone(profile, RIDER, false);
      let page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${proxy.origin}/`);
      await expect.poll(() => rowCount(page)).toBeGreaterThan(0);
      const colour = await primaryColour(page);
      await expect
        .poll(() =>
          page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.active?.state ?? null)),
        )
        .toBe('activated');
      await expect.poll(() => savedSites(page)).toBeGreaterThan(20);

      // Offline, and the origin itself gone: only the service worker and the device can answer.
      await context.setOffline(true);
      await proxy.close();
      const reloaded = await page.reload();
      expect(reloaded?.fromServiceWorker()).toBe(true);
      await expect.poll(() => rowCount(page)).toBeGreaterThan(0);
      expect(await primaryColour(page)).toBe(colour); // the stylesheet came too
      await expect.poll(() => page.textContent('#list-status')).toMatch(/离线：显示的是.*保存在本机的数据/);
      expect(await nearestOpen(page)).toBe(here!.name);
      await expect.poll(() => page.textContent('#detail .offline-note')).toContain('离线');
      await screenshot(page, 'offline-reload');

      const tab = await context.newPage();
      const inTab = await tab.goto(`${proxy.origin}/`);
      expect(inTab?.fromServiceWorker()).toBe(true);
      await expect.poll(() => rowCount(tab)).toBeGreaterThan(0);
      expect(await nearestOpen(tab)).toBe(here!.name);
      await context.close();

      // A cold start: the browser starts again, offline from the first request, the rider 300 m further on.
      context = await phone(profile, FURTHER, true);
      page = context.pages()[0] ?? (await context.newPage());
      const cold = await page.goto(`${proxy.origin}/`);
      expect(cold?.fromServiceWorker()).toBe(true);
      await expect.poll(() => rowCount(page)).toBeGreaterThan(0);
      expect(await primaryColour(page)).toBe(colour);
      expect(await nearestOpen(page)).toBe(further!.name);
      expect(await page.textContent('#detail .distance')).toMatch(/米/);
      await expect.poll(() => page.textContent('#detail .offline-note')).toMatch(/离线：显示的是.*保存在本机的数据/);
      await screenshot(page, 'offline-cold-start-300m');

      // The connection comes back: the page refreshes by itself, without a reload or a tap.
      const back = await startProxy(baseUrl(), PROXY_PORT);
      try {
        await page.click('#detail button.back');
        await context.setOffline(false);
        await expect.poll(() => page.textContent('#list-status'), { timeout: 15_000 }).not.toContain('离线');
        expect(await rowCount(page)).toBeGreaterThan(0);
      } finally {
        await back.close();
      }
      await context.close();
    } finally {
      await proxy.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    }
  }, 90_000); // two or three browser starts and a service-worker install each
});

describe('a new version of the app', () => {
  it('installs into a new cache while the open page keeps working, keeping the previous version one update longer', async () => {
    let release = '';
    // Each "release" changes the service worker's version, as a new build does.
    const proxy = await startProxy(baseUrl(), PROXY_PORT, (path, body) =>
      path === '/sw.js' && release ? body.replace(/"version":"([0-9a-f]+)"/, `"version":"$1${release}"`) : null,
    );
    const profile = mkdtempSync(join(tmpdir(), 'linli-phone-'));
    const shells = (page: Page) =>
      page.evaluate(() => caches.keys().then((keys) => keys.filter((k) => k.startsWith('linli-shell-'))));
    /** The update has run its course: a new worker installed and activated, none pending. */
    const settled = (page: Page) =>
      page.evaluate(() =>
        navigator.serviceWorker
          .getRegistration()
          .then((r) => !!r?.active && r.active.state === 'activated' && !r.installing && !r.waiting),
      );
    const update = (page: Page) =>
      page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    try {
      const context = await phone(profile, RIDER, false);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${proxy.origin}/`);
      await expect.poll(() => rowCount(page)).toBeGreaterThan(0);
      await expect.poll(() => shells(page)).toHaveLength(1);
      const [first] = await shells(page);

      release = 'b';
      await update(page);
      await expect
        .poll(async () => (await settled(page)) && (await shells(page)).length === 2, { timeout: 20_000 })
        .toBe(true);
      expect(await shells(page)).toContain(first);
      // The page opened under the old version still works, with the new worker answering.
      await expect
        .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null))
        .not.toBeNull();
      expect(await nearestOpen(page)).not.toBe('');

      release = 'c';
      await update(page);
      await expect
        .poll(async () => (await settled(page)) && !(await shells(page)).includes(first!), { timeout: 20_000 })
        .toBe(true);
      expect(await shells(page)).toHaveLength(2);

      // A reload offline is answered whole by the newest version.
      await context.setOffline(true);
      await proxy.close();
      const reloaded = await page.reload();
      expect(reloaded?.fromServiceWorker()).toBe(true);
      await expect.poll(() => rowCount(page)).toBeGreaterThan(0);
      await context.close();
    } finally {
      await proxy.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    }
  }, 90_000); // two or three browser starts and a service-worker install each
});
