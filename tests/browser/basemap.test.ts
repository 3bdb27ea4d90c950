import { readFileSync } from 'node:fs';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, screenshot } from './browser';
import { DEMO_EDITOR, logInToConsole, showConsoleView } from './console-accounts';
import { open } from './map-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Names written on the map that a person can see: inside the map's box and not hidden. */
async function visibleNames(map: Locator, kind: 'district' | 'street'): Promise<string[]> {
  return map.evaluate((root, k) => {
    const box = root.getBoundingClientRect();
    return [...root.querySelectorAll<HTMLElement>(`.base-label.${k} span`)]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const cx = r.x + r.width / 2;
        const cy = r.y + r.height / 2;
        return (
          r.width > 0 &&
          cx > box.left &&
          cx < box.right &&
          cy > box.top &&
          cy < box.bottom &&
          getComputedStyle(el).visibility !== 'hidden'
        );
      })
      .map((el) => el.textContent ?? '');
  }, kind);
}

/** District outlines drawn with some area on screen. */
function districtOutlines(map: Locator): Promise<string[]> {
  return map.evaluate((root) =>
    [...root.querySelectorAll<SVGPathElement>('path.base-district')]
      .filter((p) => {
        const r = p.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      })
      .map((p) => [...p.classList].find((c) => c.startsWith('district-'))?.slice('district-'.length) ?? ''),
  );
}

/** The base lies under the tiles: Leaflet's tile pane is above it, so loaded tiles cover it. */
async function isUnderTiles(map: Locator): Promise<boolean> {
  return map.evaluate((root) => {
    const z = (sel: string) => Number(getComputedStyle(root.querySelector(sel)!).zIndex);
    return (
      z('.leaflet-linliBaseAreas-pane') < z('.leaflet-tile-pane') &&
      z('.leaflet-linliBaseLabels-pane') < z('.leaflet-tile-pane')
    );
  });
}

describe('the public map without tiles', () => {
  it('draws the 16 district outlines with their names over all Beijing', async () => {
    const { context, page, blocked } = await openPage(browser);
    await open(page, '/?lat=40.20000&lng=116.40000&z=8');
    await page.waitForSelector('#basemap-status[data-state="unavailable"]');
    expect(blocked.urls.some((u) => u.includes('tile'))).toBe(true); // the tiles were asked for, and failed
    const map = page.locator('#map');
    await expect.poll(() => districtOutlines(map)).toHaveLength(16);
    expect((await districtOutlines(map)).sort()).toEqual([
      '110101',
      '110102',
      '110105',
      '110106',
      '110107',
      '110108',
      '110109',
      '110111',
      '110112',
      '110113',
      '110114',
      '110115',
      '110116',
      '110117',
      '110118',
      '110119',
    ]);
    const names = await visibleNames(map, 'district');
    for (const name of ['东城区', '朝阳区', '海淀区', '延庆区', '密云区']) expect(names).toContain(name);
    expect(await isUnderTiles(map)).toBe(true);
    expect(await page.textContent('#basemap-status')).toContain('简易底图');
    await screenshot(page, 'basemap-beijing');
    await context.close();
  });

  it('writes the township names near the rider at street zoom', async () => {
    const { context, page } = await openPage(browser);
    await open(page, '/?lat=39.88390&lng=116.45700&z=14');
    const map = page.locator('#map');
    await expect.poll(() => visibleNames(map, 'street')).toContain('劲松街道');
    // The district the rider is in is drawn around them (once the map has settled on the view:
    // while it moves there, the outlines drawn can still be the ones of the start).
    await expect.poll(() => districtOutlines(map)).toContain('110105');
    await screenshot(page, 'basemap-jinsong');
    await context.close();
  });

  it('draws it too when tiles neither load nor fail (a network too slow to answer)', async () => {
    const { context, page } = await openPage(browser);
    // Tile requests that never answer (routes added later are tried first).
    await context.route(
      (url) => url.hostname.endsWith('tile.openstreetmap.org'),
      () => {},
    );
    // Hanging images hold the load event: wait for the page's own content instead.
    await page.goto(`${baseUrl()}/?lat=39.92000&lng=116.40000&z=10`, { waitUntil: 'domcontentloaded' });
    const map = page.locator('#map');
    await expect.poll(() => districtOutlines(map), { timeout: 15_000 }).toContain('110105');
    expect(await visibleNames(map, 'district')).toContain('朝阳区');
    await context.close();
  });

  it('names districts in English as soon as the page switches to English', async () => {
    const { context, page } = await openPage(browser);
    await open(page, '/?lat=39.92000&lng=116.40000&z=10');
    const map = page.locator('#map');
    await expect.poll(() => visibleNames(map, 'district')).toContain('朝阳区');
    await page.click('#lang-toggle');
    await expect.poll(() => visibleNames(map, 'district')).toContain('Chaoyang');
    await context.close();
  });
});

describe("the map's status line", () => {
  it('goes once tiles load, and says the simple base is shown once they stop', async () => {
    const { context, page } = await openPage(browser);
    let tilesWork = true;
    const png = readFileSync(new URL('../../web/public/icons/icon-192.png', import.meta.url));
    await context.route(
      (url) => url.hostname.endsWith('tile.openstreetmap.org'),
      (route) =>
        tilesWork ? route.fulfill({ contentType: 'image/png', body: png }) : route.abort('internetdisconnected'),
    );
    await open(page, '/?lat=39.92000&lng=116.40000&z=12');
    await page.waitForSelector('#basemap-status[data-state="available"]', { state: 'attached' });
    expect(await page.isHidden('#basemap-status')).toBe(true);
    tilesWork = false;
    await page.click('.leaflet-control-zoom-in'); // new tiles, which now fail
    await page.waitForSelector('#basemap-status[data-state="unavailable"]');
    expect(await page.textContent('#basemap-status')).toContain('简易底图');
    await context.close();
  });
});

describe('the console position picker without tiles', () => {
  it('draws the same districts and township names, and says the simple base is shown', async () => {
    const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await logInToConsole(page, DEMO_EDITOR);
    await showConsoleView(page, '#/sites/new');
    const map = page.locator('.map-picker');
    await map.scrollIntoViewIfNeeded();
    await expect.poll(() => districtOutlines(map)).toContain('110105');
    // The picker opens at street level around the editor's streets, where names matter.
    await expect.poll(async () => (await visibleNames(map, 'street')).length).toBeGreaterThan(0);
    expect(await isUnderTiles(map)).toBe(true);
    await expect.poll(() => page.textContent('.basemap-note')).toContain('简易底图');
    await screenshot(page, 'basemap-console');
    await context.close();
  });
});
