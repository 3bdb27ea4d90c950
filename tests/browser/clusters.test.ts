// A view with more sites than the API sends one by one comes as the server's clusters:
// count bubbles with names, which zoom in when tapped.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, screenshot } from './browser';
import { open, query } from './map-page';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('the map of all Beijing', () => {
  it('draws the server clusters as named count bubbles that zoom in when tapped', async () => {
    const { context, page } = await openPage(browser);
    const [view] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/sites?bbox=')),
      open(page, '/?lat=40.10000&lng=116.50000&z=8'),
    ]);
    const body = (await view.json()) as { meta: { mode: string }; features: { properties: { count?: number } }[] };
    expect(body.meta.mode).toBe('clusters'); // the fixtures make this view too full for single sites
    const bubbles = await page.$$('.cluster-bubble.server');
    expect(bubbles.length).toBeGreaterThan(1);
    // Clusters that would overlap on screen are merged; no site is lost or counted twice.
    const shown = await page.$$eval('.cluster-bubble.server', (els) => els.reduce((n, el) => n + Number(el.textContent), 0));
    expect(shown).toBe(body.features.reduce((n, f) => n + (f.properties.count ?? 0), 0));
    const label = (await bubbles[0]!.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^此处有 \d+ 个站点，点按放大$/);
    expect(Number(await bubbles[0]!.textContent())).toBe(Number(label.match(/\d+/)![0]));
    await screenshot(page, 'clusters');

    await bubbles[0]!.click();
    await expect.poll(() => Number(query(page).get('z'))).toBeGreaterThan(8);
    await context.close();
  });

  it('asks the server for the view it shows, with its filters', async () => {
    const { context, page } = await openPage(browser);
    const request = page.waitForRequest((r) => r.url().includes('/api/v1/sites?bbox='));
    await page.goto(`${baseUrl()}/?lat=39.88390&lng=116.45700&z=14&kind=park&open=1`);
    const url = new URL((await request).url());
    const [minLng, minLat, maxLng, maxLat] = url.searchParams.get('bbox')!.split(',').map(Number);
    expect(minLng).toBeLessThan(116.457);
    expect(maxLng).toBeGreaterThan(116.457);
    expect(minLat).toBeLessThan(39.8839);
    expect(maxLat).toBeGreaterThan(39.8839);
    expect(url.searchParams.get('zoom')).toBe('14');
    expect(url.searchParams.get('kind')).toBe('park');
    expect(url.searchParams.get('open_now')).toBe('true');
    await context.close();
  });
});
