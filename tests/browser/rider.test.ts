// Riders: the nearest open station in one tap, the list and map in step, rider filters.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot } from './browser';
import { RIDER, closedNowHours } from './fixtures';
import { apiNearby, detailHeading, listIds, listSettled, open, query, siteIdByName } from './map-page';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const located = () => openPage(browser, { geolocation: { latitude: RIDER.lat, longitude: RIDER.lng } });

describe('a rider near Jinsong with location allowed', () => {
  it('gets the nearest open rest station, with distance and navigation, from one tap', async () => {
    const { context, page } = await located();
    await open(page);
    await page.click('#nearest-open');
    const [nearest] = await apiNearby({ lat: RIDER.lat, lng: RIDER.lng, kind: 'rest_station', open_now: 'true', limit: 1 });
    expect(nearest).toBeDefined();
    expect(await detailHeading(page)).toBe(nearest!.name);
    expect(query(page).get('site')).toBe(String(nearest!.id));
    expect(await page.textContent('#detail .distance')).toMatch(/米|公里/);
    expect(await page.textContent('#detail .open-line')).toContain('开放中');
    expect(await page.getAttribute('#detail a.nav.amap', 'href')).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=/);
    await screenshot(page, 'rider-nearest-open');
    await context.close();
  });

  it('lists the nearest sites nearest first, as the API orders them', async () => {
    const { context, page } = await located();
    await open(page);
    await page.click('#locate');
    await expect.poll(() => query(page).get('at')).toBe(`${RIDER.lat.toFixed(5)},${RIDER.lng.toFixed(5)}`);
    await listSettled(page);
    const expected = (await apiNearby({ lat: RIDER.lat, lng: RIDER.lng, limit: 20 })).map((s) => s.id);
    await expect.poll(() => listIds(page)).toEqual(expected);
    expect(await page.textContent('#list-title')).toContain('您的位置');
    await screenshot(page, 'rider-list');
    await context.close();
  });

  it('highlights the marker of the site chosen in the list, and the row of the marker chosen on the map', async () => {
    const { context, page } = await located();
    const stationId = await siteIdByName('测试：劲松换电驿站', RIDER);
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=17&at=${RIDER.lat},${RIDER.lng}`);
    await expect.poll(() => listIds(page)).toContain(stationId);

    await page.click(`#list button[data-site-id="${stationId}"]`);
    expect(await detailHeading(page)).toBe('测试：劲松换电驿站');
    await page.waitForSelector('.site-marker.selected[aria-label^="测试：劲松换电驿站"]');

    await page.click('#detail button.back');
    // Now the other way round: a marker on the map, then its row in the list.
    // One the rider can see and tap: its centre inside the map's box (drawn for the view
    // the map settles on after panning to the site, not one picked up mid-pan).
    const markerLabel = await page.waitForFunction(() => {
      const map = document.querySelector('#map')!.getBoundingClientRect();
      const seen = [...document.querySelectorAll('.site-marker:not(.selected)')].find((el) => {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        return x > map.left && x < map.right && y > map.top && y < map.bottom;
      });
      return seen?.getAttribute('aria-label') ?? null;
    }).then((h) => h.jsonValue());
    const otherName = markerLabel!.replace(/（[^）]*）$/, '');
    await page.click(`.site-marker[aria-label="${markerLabel}"]`);
    expect(await detailHeading(page)).toBe(otherName);
    const other = Number(query(page).get('site'));
    await page.click('#detail button.back');
    expect(await page.textContent(`#list button[data-site-id="${other}"] .row-name`)).toBe(otherName);
    expect(await page.getAttribute(`#list button[data-site-id="${other}"]`, 'aria-current')).toBe('true');
    expect(await page.getAttribute(`#list button[data-site-id="${stationId}"]`, 'aria-current')).toBeNull();
    expect(await page.$$('.site-marker.selected')).toHaveLength(1);
    await context.close();
  });

  it('filters by battery swap with one tap and keeps the filter in the URL', async () => {
    const { context, page } = await located();
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=15&at=${RIDER.lat},${RIDER.lng}`);
    await page.click('#filters button.chip[data-code="battery_swap"]');
    expect(await page.getAttribute('#filters button.chip[data-code="battery_swap"]', 'aria-pressed')).toBe('true');
    expect(query(page).get('amenity')).toBe('battery_swap');
    const expected = (await apiNearby({ lat: RIDER.lat, lng: RIDER.lng, amenity: 'battery_swap', limit: 20 })).map((s) => s.id);
    expect(expected).toContain(await siteIdByName('测试：劲松换电驿站', RIDER));
    await expect.poll(() => listIds(page)).toEqual(expected);
    const all = await apiNearby({ lat: RIDER.lat, lng: RIDER.lng, limit: 20 });
    expect(all.some((s) => !s.amenities.includes('battery_swap'))).toBe(true); // the filter removed something
    await context.close();
  });

  it('hides sites that are closed now when "open now" is switched on', async () => {
    const { context, page } = await located();
    const closedId = await siteIdByName('测试：劲松夜间关闭驿站', RIDER);
    expect(closedNowHours()).toMatch(/^Mo-Su/); // the fixture is closed at this hour by construction
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=15&at=${RIDER.lat},${RIDER.lng}&kind=rest_station`);
    await expect.poll(() => listIds(page)).toContain(closedId);
    expect(await page.textContent(`#list button[data-site-id="${closedId}"] .badge`)).toBe('已关闭');

    await page.click('label[for="open-now"]');
    expect(query(page).get('open')).toBe('1');
    const expected = (await apiNearby({ lat: RIDER.lat, lng: RIDER.lng, kind: 'rest_station', open_now: 'true', limit: 20 })).map((s) => s.id);
    await expect.poll(() => listIds(page)).toEqual(expected);
    expect(expected).not.toContain(closedId);
    await context.close();
  });
});
