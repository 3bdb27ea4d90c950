// A view with more sites than the API sends one by one comes as the server's clusters:
// count bubbles with names, which zoom in when tapped.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, screenshot } from './browser';
import { tileOf } from '../../worker/geo/cell';
import { open, query } from './map-page';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('the map of all Beijing', () => {
  it('draws the server clusters as named count bubbles that zoom in when tapped', async () => {
    const { context, page } = await openPage(browser);
    // The map asks for the data tiles covering the view; clusters on a shared edge come once.
    type Tile = { meta: { mode: string }; features: { properties: { count?: number; tile?: string } }[] };
    const tiles: Promise<Tile>[] = [];
    page.on('response', (r) => { if (r.url().includes('/api/v1/sites/tiles/')) tiles.push(r.json() as Promise<Tile>); });
    await open(page, '/?lat=40.10000&lng=116.50000&z=8');
    await expect.poll(() => page.$$('.cluster-bubble.server').then((b) => b.length)).toBeGreaterThan(1);
    const bodies = await Promise.all(tiles);
    expect(bodies.some((b) => b.meta.mode === 'clusters')).toBe(true); // the fixtures make this view too full for single sites
    const clusters = new Map(bodies.flatMap((b) => b.features).map((f) => [f.properties.tile, f.properties.count ?? 0]));
    const bubbles = await page.$$('.cluster-bubble.server');
    // Clusters that would overlap on screen are merged; no site is lost or counted twice.
    const shown = await page.$$eval('.cluster-bubble.server', (els) => els.reduce((n, el) => n + Number(el.textContent), 0));
    expect(shown).toBe([...clusters.values()].reduce((n, c) => n + c, 0));
    const label = (await bubbles[0]!.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^此处有 \d+ 个站点，点按放大$/);
    expect(Number(await bubbles[0]!.textContent())).toBe(Number(label.match(/\d+/)![0]));
    await screenshot(page, 'clusters');

    await bubbles[0]!.click();
    await expect.poll(() => Number(query(page).get('z'))).toBeGreaterThan(8);
    await context.close();
  });

  it('asks the server for the data tiles of the view it shows, with its filters', async () => {
    const { context, page } = await openPage(browser);
    const urls: URL[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/sites/tiles/')) urls.push(new URL(r.url())); });
    await page.goto(`${baseUrl()}/?lat=39.88390&lng=116.45700&z=14&kind=park&open=1`);
    await expect.poll(() => urls.length).toBeGreaterThan(0);
    // Data tiles are 4 × 4 map tiles: zoom 12 on a map at zoom 14; one of them holds the centre.
    const tiles = urls.map((u) => u.pathname.split('/').slice(-3).map(Number) as [number, number, number]);
    const centre = tileOf(39.8839, 116.457, 12);
    expect(tiles).toContainEqual([12, centre.x, centre.y]);
    const url = urls[0]!;
    expect(url.searchParams.get('kind')).toBe('park');
    expect(url.searchParams.get('open_now')).toBe('true');
    await context.close();
  });
});
