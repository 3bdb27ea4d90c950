// One clustering path on the device (supercluster): a view with more sites than the API
// sends one by one comes as the server's clusters, and close sites are grouped on the
// device; either way, count bubbles with names whose counts add up to the view's sites,
// which zoom in when tapped. Markers are not Tab stops one by one (the list is the way).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { project, tileOf } from '../../worker/core/geo/cell';
import { baseUrl, launch, openPage, screenshot } from './browser';
import { BULK_SITES } from './fixtures';
import { listSettled, open, query } from './map-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the map of all Beijing', () => {
  it('draws the server clusters as named count bubbles that zoom in when tapped', async () => {
    const { context, page } = await openPage(browser);
    // The map asks for the data tiles covering the view; clusters on a shared edge come once.
    type Tile = { meta: { mode: string }; features: { properties: { count?: number; tile?: string } }[] };
    const tiles: Promise<Tile>[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/v1/sites/tiles/')) tiles.push(r.json() as Promise<Tile>);
    });
    await open(page, '/?lat=40.10000&lng=116.50000&z=8');
    await expect.poll(() => page.$$('.cluster-bubble.server').then((b) => b.length)).toBeGreaterThan(1);
    const bodies = await Promise.all(tiles);
    expect(bodies.some((b) => b.meta.mode === 'clusters')).toBe(true); // the fixtures make this view too full for single sites
    const clusters = new Map(
      bodies.flatMap((b) => b.features).map((f) => [f.properties.tile, f.properties.count ?? 0]),
    );
    const bubbles = await page.$$('.cluster-bubble.server');
    expect(bubbles.length).toBeGreaterThan(1);
    // Clusters that would overlap on screen are grouped; no site is lost or counted twice.
    const shown = await page.$$eval('.cluster-bubble.server', (els) =>
      els.reduce((n, el) => n + Number(el.textContent), 0),
    );
    expect(shown).toBe([...clusters.values()].reduce((n, c) => n + c, 0));
    const label = (await bubbles[0]!.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^此处有 \d+ 个站点，点按放大$/);
    expect(Number(await bubbles[0]!.textContent())).toBe(Number(label.match(/\d+/)![0]));
    await screenshot(page, 'clusters');

    await bubbles[0]!.click();
    await expect.poll(() => Number(query(page).get('z'))).toBeGreaterThan(8);
    await context.close();
  });

  it("asks for the list's nearest sites together with a city view's clusters, not after them (one wait less on a weak signal)", async () => {
    const { context, page } = await openPage(browser);
    // The data tiles are held back until the list's request has gone out: a page that asked for
    // it only after their answer would wait here for 5 s, and the test would see why.
    let nearbyAsked!: () => void;
    const nearby = new Promise<'nearby first'>((resolve) => {
      nearbyAsked = () => resolve('nearby first');
    });
    const order: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/sites/nearby')) nearbyAsked();
    });
    await context.route('**/api/v1/sites/tiles/**', async (route) => {
      order.push(await Promise.race([nearby, new Promise<string>((r) => setTimeout(() => r('tiles alone'), 5_000))]));
      await route.continue();
    });
    await open(page, '/?lat=39.90870&lng=116.39750&z=12');
    await page.waitForSelector('#list button.site-row');
    expect(order.length).toBeGreaterThan(0);
    expect(new Set(order)).toEqual(new Set(['nearby first']));
    await context.close();
  });

  it('asks the server for the data tiles of the view it shows, with its filters', async () => {
    const { context, page } = await openPage(browser);
    const urls: URL[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/sites/tiles/')) urls.push(new URL(r.url()));
    });
    await page.goto(`${baseUrl()}/?lat=39.88390&lng=116.45700&z=14&kind=park&open=1`);
    // Data tiles are 4 × 4 map tiles: zoom 12 on a map at zoom 14; one of them holds the centre.
    // The view straddles two of them here, and their requests go out one after the other.
    const centre = tileOf(39.8839, 116.457, 12);
    const tiles = () => urls.map((u) => u.pathname.split('/').slice(-3).map(Number) as [number, number, number]);
    await expect.poll(tiles).toContainEqual([12, centre.x, centre.y]);
    const url = urls[0]!;
    expect(url.searchParams.get('kind')).toBe('park');
    expect(url.searchParams.get('open_now')).toBe('true');
    await context.close();
  });

  it('groups close sites on the device into bubbles whose counts add up to the sites of the view', async () => {
    const { context, page } = await openPage(browser);
    // The fixtures' 200 parks in Miyun, 600 m apart: few enough to come one by one.
    type Tile = {
      meta: { mode: string };
      features: { geometry: { coordinates: [number, number] }; properties: { id?: number } }[];
    };
    const tiles: Promise<Tile>[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/v1/sites/tiles/')) tiles.push(r.json() as Promise<Tile>);
    });
    await open(page, '/?lat=40.36500&lng=116.83700&z=12');
    await page.waitForSelector('.cluster-bubble');
    await listSettled(page);
    const bodies = await Promise.all(tiles);
    for (const b of bodies) expect(b.meta.mode).toBe('sites');
    // Neighbouring data tiles never repeat a site; count each once all the same.
    const fetched = new Map(
      bodies.flatMap((b) => b.features.map((f) => [f.properties.id, f.geometry.coordinates] as const)),
    );
    const sites = fetched.size;
    expect(sites).toBeGreaterThan(50);
    expect(sites).toBeLessThanOrEqual(BULK_SITES + 20);
    await page.waitForSelector('.cluster-bubble');
    const counted = () =>
      page.$$eval('#map .cluster-bubble, #map .site-marker', (els) =>
        els.reduce((n, el) => n + (el.classList.contains('cluster-bubble') ? Number(el.textContent) : 1), 0),
      );
    const bubbles = await page.$$eval('#map .cluster-bubble', (els) =>
      els.map((el) => ({
        count: Number(el.textContent),
        server: el.classList.contains('server'),
        label: el.getAttribute('aria-label'),
      })),
    );
    expect(bubbles.length).toBeGreaterThan(0);
    for (const b of bubbles) {
      expect(b.server).toBe(false); // the device grouped these, the server sent single sites
      expect(b.count).toBeGreaterThan(1);
      expect(b.label).toBe(`此处有 ${b.count} 个站点，点按放大`);
    }
    // The data tiles reach past the view, and the map draws the groups of the view: every site
    // drawn was fetched (none twice), and every site farther inside the view than a group's
    // radius (56 px) is drawn, alone or in a bubble.
    const { width, height } = (await page.locator('#map').boundingBox())!;
    const q = query(page);
    // Pixels of 256-pixel tiles at the map's zoom, as Leaflet places them.
    const px = (lat: number, lng: number) => {
      const t = project(lat, lng, Number(q.get('z')));
      return [t.x * 256, t.y * 256] as const;
    };
    const [cx, cy] = px(Number(q.get('lat')), Number(q.get('lng')));
    const inside = [...fetched.values()].filter(([lng, lat]) => {
      const [x, y] = px(lat, lng);
      return Math.abs(x - cx) < width / 2 - 60 && Math.abs(y - cy) < height / 2 - 60;
    }).length;
    expect(inside).toBeGreaterThan(20);
    const drawn = await counted();
    expect(drawn).toBeGreaterThanOrEqual(inside);
    expect(drawn).toBeLessThanOrEqual(sites);
    await screenshot(page, 'clusters-device');

    // Tapping the biggest bubble zooms in, where its sites come apart.
    const biggest = bubbles.reduce((a, b) => (b.count > a.count ? b : a));
    await page
      .locator('#map .cluster-bubble', { hasText: new RegExp(`^${biggest.count}$`) })
      .first()
      .click();
    await expect.poll(() => Number(query(page).get('z'))).toBeGreaterThan(12);
    await listSettled(page);
    await expect.poll(() => page.$$eval('#map .site-marker', (els) => els.length)).toBeGreaterThan(0);
    await context.close();
  });
});

describe('the keyboard path', () => {
  it('never stops on a map marker or bubble when tabbing through the page', async () => {
    const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await open(page, '/?lat=39.88390&lng=116.45700&z=15');
    await page.waitForSelector('#map .site-marker');
    const markers = await page.$$eval('#map .leaflet-marker-icon.site-marker, #map .cluster-bubble', (els) =>
      els.map((el) => ({
        tabindex: el.getAttribute('tabindex'),
        role: el.getAttribute('role'),
        label: el.getAttribute('aria-label'),
      })),
    );
    expect(markers.length).toBeGreaterThan(2);
    for (const m of markers) {
      expect(m.tabindex).toBeNull();
      expect(m.role).toBe('img'); // still named for a screen reader exploring the map
      expect(m.label).toBeTruthy();
    }
    // Tab through the whole page (more stops than it has controls before the list): no marker.
    const focused: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      focused.push(
        await page.evaluate(() => {
          const el = document.activeElement;
          return el?.closest('.leaflet-marker-pane')
            ? 'marker'
            : el?.id || el?.className.toString() || el?.tagName || '';
        }),
      );
    }
    expect(focused).not.toContain('marker');
    // The list is reached, and so is the map itself (one stop: arrows pan, +/- zoom).
    expect(focused.some((f) => f.includes('site-row'))).toBe(true);
    expect(focused).toContain('map');
    await context.close();
  });
});
