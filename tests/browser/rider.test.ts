// Riders: the nearest open station in one tap, a first screen where the rider is, the
// list showing the map's view and in step with it, rider filters.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inBbox } from '../../web/src/view-box';
import { baseUrl, launch, openPage, screenshot } from './browser';
import { closedNowHours, RIDER } from './fixtures';
import { apiNearby, detailHeading, listIds, listSettled, open, query, siteIdByName } from './map-page';
import { apiInView, mapBox } from './view';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const located = () => openPage(browser, { geolocation: { latitude: RIDER.lat, longitude: RIDER.lng } });

describe('a rider near Jinsong with location allowed', () => {
  it('gets the nearest open rest station, with distance and navigation, from one tap', async () => {
    const { context, page } = await located();
    await open(page);
    await page.click('#nearest-open');
    const [nearest] = await apiNearby({
      lat: RIDER.lat,
      lng: RIDER.lng,
      kind: 'rest_station',
      open_now: 'true',
      limit: 1,
    });
    expect(nearest).toBeDefined();
    expect(await detailHeading(page)).toBe(nearest!.name);
    expect(query(page).get('site')).toBe(String(nearest!.id));
    expect(await page.textContent('#detail .distance')).toMatch(/米|公里/);
    expect(await page.textContent('#detail .open-line')).toContain('开放中');
    expect(await page.getAttribute('#detail a.nav.amap', 'href')).toMatch(
      /^https:\/\/uri\.amap\.com\/marker\?position=/,
    );
    await screenshot(page, 'rider-nearest-open');
    await context.close();
  });

  it('opens where the rider is, listing the sites in view nearest the rider first, when location is already allowed', async () => {
    const { context, page } = await located();
    await open(page);
    // No tap: the first screen is at the rider, not on the default view over Tiananmen.
    await expect.poll(() => query(page).get('at')).toBe(`${RIDER.lat.toFixed(5)},${RIDER.lng.toFixed(5)}`);
    await expect.poll(() => Number(query(page).get('lat'))).toBeCloseTo(RIDER.lat, 4);
    await expect.poll(() => Number(query(page).get('lng'))).toBeCloseTo(RIDER.lng, 4);
    await listSettled(page);
    expect(await page.textContent('#list-title')).toContain('您的位置');
    const expected = (await apiInView(page, RIDER)).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => listIds(page)).toEqual(expected);
    expect(await page.textContent('#list .row-meta')).toMatch(/步行约/);
    expect(await page.textContent('#list')).not.toContain('距地图中心');
    await screenshot(page, 'rider-list');
    await context.close();
  });

  it('lists only the sites the map shows, says how many more the view holds, and widens in one tap when it holds none', async () => {
    const { context, page } = await located();
    // Zoomed out over the rider: more sites in view than the list holds.
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=12&at=${RIDER.lat},${RIDER.lng}`);
    await expect.poll(() => listIds(page).then((ids) => ids.length)).toBe(20);
    const box = await mapBox(page);
    const inView = (await apiNearby({ lat: RIDER.lat, lng: RIDER.lng, limit: 100, radius_m: 20_000 })).filter((s) =>
      inBbox(box, s),
    );
    expect(inView.length).toBeGreaterThan(20);
    expect(await listIds(page)).toEqual(inView.slice(0, 20).map((s) => s.id));
    await expect.poll(() => page.textContent('#list-status .more-in-view')).toMatch(/还有 \d+ 个站点/);
    const more = Number((await page.textContent('#list-status .more-in-view'))!.match(/还有 (\d+) 个/)![1]);
    expect(more).toBeGreaterThanOrEqual(inView.length - 20);

    // Far into the Miyun hills at street level: nothing in view, and one tap brings the nearest in.
    await open(page, '/?lat=40.5500&lng=116.9500&z=16&at=40.55,116.95');
    await page.waitForSelector('#list-status .none-in-view');
    expect(await listIds(page)).toEqual([]);
    expect(await page.textContent('#list-status')).toContain('地图范围内没有');
    const zoomBefore = Number(query(page).get('z'));
    await page.click('#widen');
    await expect.poll(() => listIds(page).then((ids) => ids.length)).toBeGreaterThan(0);
    expect(Number(query(page).get('z'))).toBeLessThan(zoomBefore);
    const [nearest] = await apiNearby({ lat: 40.55, lng: 116.95, limit: 1, radius_m: 20_000 });
    expect(await listIds(page)).toContain(nearest!.id);
    await context.close();
  });

  it('measures from the map centre, says so, and offers locating, when the position is not known', async () => {
    const { context, page } = await openPage(browser); // no permission
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16`);
    await expect.poll(async () => (await listIds(page)).length).toBeGreaterThan(0);
    expect(await page.textContent('#list-title')).toContain('地图中心');
    expect(await page.textContent('#list .row-meta')).toContain('距地图中心');
    expect(await page.textContent('#list .row-meta')).not.toContain('步行');
    expect(await page.isVisible('#list-status #list-locate')).toBe(true);
    await context.close();
  });

  it('highlights the marker of the site chosen in the list, and the row of the marker chosen on the map', async () => {
    const { context, page } = await located();
    const stationId = await siteIdByName('测试：劲松换电驿站', RIDER);
    await open(page, `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`);
    await expect.poll(() => listIds(page)).toContain(stationId);

    await page.click(`#list button[data-site-id="${stationId}"]`);
    expect(await detailHeading(page)).toBe('测试：劲松换电驿站');
    await page.waitForSelector('.site-marker.selected[aria-label^="测试：劲松换电驿站"]');

    await page.click('#detail button.back');
    // Now the other way round: a marker on the map, then its row in the list.
    // One the rider can see and tap: its centre inside the map's box (drawn for the view
    // the map settles on after panning to the site, not one picked up mid-pan).
    const markerLabel = await page
      .waitForFunction(() => {
        const map = document.querySelector('#map')!.getBoundingClientRect();
        const seen = [...document.querySelectorAll('.site-marker:not(.selected)')].find((el) => {
          const r = el.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          return x > map.left && x < map.right && y > map.top && y < map.bottom;
        });
        return seen?.getAttribute('aria-label') ?? null;
      })
      .then((h) => h.jsonValue());
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
    const expected = (await apiInView(page, RIDER, { amenity: 'battery_swap' })).map((s) => s.id);
    expect(expected).toContain(await siteIdByName('测试：劲松换电驿站', RIDER));
    await expect.poll(() => listIds(page)).toEqual(expected);
    const all = await apiInView(page, RIDER);
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
    const expected = (await apiInView(page, RIDER, { kind: 'rest_station', open_now: 'true' })).map((s) => s.id);
    await expect.poll(() => listIds(page)).toEqual(expected);
    expect(expected).not.toContain(closedId);
    await context.close();
  });
});

describe('a rider on a weak signal', () => {
  it('sees the buttons as not ready until the script behind them has loaded, and usable after', async () => {
    const { context, page } = await located();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Hold the page's script back, as a slow connection would.
    await context.route(/\/assets\/main-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    // (Not 'domcontentloaded': that waits for the module script.)
    await page.goto(`${baseUrl()}/`, { waitUntil: 'commit' });
    await page.waitForSelector('#map', { state: 'attached' });
    for (const id of ['nearest-open', 'locate', 'lang-toggle', 'large-text'])
      expect(await page.isDisabled(`#${id}`), id).toBe(true);
    // The map's status line says it is coming, and that the rest need not wait for it.
    expect(await page.textContent('#basemap-status')).toContain('地图加载中…不用等地图');
    release();
    await page.waitForSelector('#nearest-open:not([disabled])');
    for (const id of ['locate', 'lang-toggle', 'large-text']) expect(await page.isDisabled(`#${id}`), id).toBe(false);
    await context.close();
  });
});

describe('a rider whose map does not arrive', () => {
  it('is told the map could not load, and still gets the nearest open station', async () => {
    const { context, page } = await located();
    await context.route(/\/assets\/map-view-[^/]+\.js$/, (route) => route.abort('connectionreset'));
    await open(page);
    await page.waitForSelector('#basemap-status[data-state="failed"]');
    expect(await page.textContent('#basemap-status')).toContain('地图没能加载');
    await page.click('#nearest-open');
    const [nearest] = await apiNearby({ ...RIDER, kind: 'rest_station', open_now: 'true', limit: 1 });
    expect(await detailHeading(page)).toBe(nearest!.name);
    await context.close();
  });
});

describe('a rider whose location is refused', () => {
  it('gets the nearest open station as soon as a district and street are chosen, without tapping again', async () => {
    const { context, page } = await openPage(browser); // no geolocation permission
    await open(page);
    await page.click('#nearest-open');
    await page.waitForSelector('#locate-fallback:not([hidden])');
    expect(await page.textContent('#fallback-message')).toContain('未授权');
    await page.waitForSelector('#pick-district option[value="110105"]', { state: 'attached' });
    await page.selectOption('#pick-district', '110105');
    await page.selectOption('#pick-street', '110105017'); // 劲松街道: the second and last choice
    const heading = await detailHeading(page);
    const [lat, lng] = query(page).get('at')!.split(',').map(Number);
    const [nearest] = await apiNearby({ lat: lat!, lng: lng!, kind: 'rest_station', open_now: 'true', limit: 1 });
    expect(heading).toBe(nearest!.name);
    expect(query(page).get('site')).toBe(String(nearest!.id));
    await context.close();
  });
});
