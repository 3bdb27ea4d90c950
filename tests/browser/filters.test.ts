// Filter by service and accessibility (issue 13 item 2, issue 14 item 4) and the download
// links (issue 14 item 3), as a rider and a senior use them at 390 × 844.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, screenshot } from './browser';
import { RIDER } from './fixtures';
import { listIds, listSettled, open, query } from './map-page';
import { apiInView } from './view';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const HERE = `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`;
const phone = () => openPage(browser, { viewport: { width: 390, height: 844 } });
const chip = (group: string, code: string) => `#filters button.chip[data-group="${group}"][data-code="${code}"]`;
const rowTexts = (page: Page) => page.$$eval('#list button.site-row', (rows) => rows.map((r) => r.textContent ?? ''));

describe('filters for riders and seniors', () => {
  it('a rider reaches charging and toilet in one tap, with no more than a handful of chips in sight', async () => {
    const { context, page } = await phone();
    await open(page, HERE);
    expect(await page.isVisible(chip('amenities', 'charging'))).toBe(true);
    expect(await page.isVisible(chip('amenities', 'toilet'))).toBe(true);
    // The full lists wait behind "more filters": a few chips at first, not thirty.
    const visibleChips = await page.$$eval(
      '#filters button.chip',
      (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length,
    );
    expect(visibleChips).toBeLessThanOrEqual(8);
    await page.click(chip('amenities', 'charging'));
    await expect.poll(() => query(page).get('amenity')).toBe('charging');
    await context.close();
  });

  it('a senior picks elder care, then 日间照料, and every listed centre offers it, shown in the row', async () => {
    const { context, page } = await phone();
    await open(page, HERE);
    await page.click('#filters button.chip[data-code="elder_care"]');
    await listSettled(page);
    // The quick row now holds the services people ask for first.
    for (const code of ['meals', 'day_care', 'medical', 'home_services'])
      expect(await page.isVisible(chip('elderServices', code))).toBe(true);
    await page.click(chip('elderServices', 'day_care'));
    await expect.poll(() => query(page).get('service')).toBe('day_care');
    await listSettled(page);
    const expected = (await apiInView(page, RIDER, { kind: 'elder_care', elder_service: 'day_care' })).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => listIds(page)).toEqual(expected);
    for (const text of await rowTexts(page)) expect(text).toContain('日间照料');
    await screenshot(page, 'filter-day-care');
    await context.close();
  });

  it('"more filters" opens every service and accessibility feature in groups, says how many are chosen, and filters by them', async () => {
    const { context, page } = await phone();
    await open(page, `${HERE}&kind=elder_care`);
    expect(await page.isVisible('#filter-panel')).toBe(false);
    await page.click('#filters button.more-filters');
    expect(await page.getAttribute('#filters button.more-filters', 'aria-expanded')).toBe('true');
    expect(await page.isVisible('#filter-panel')).toBe(true);
    const headings = await page.$$eval('#filter-panel h3', (hs) => hs.map((x) => x.textContent));
    expect(headings).toEqual(['养老服务', '设施', '无障碍']);
    for (const code of [
      'call_service',
      'health_guidance',
      'recreation',
      'emotional_support',
      'bathing',
      'cleaning',
      'mobility',
      'medical_escort',
      'emergency',
    ]) {
      expect(await page.isVisible(chip('elderServices', code))).toBe(true);
    }
    await page.click(chip('accessibility', 'accessible_toilet'));
    await expect.poll(() => query(page).get('access')).toBe('accessible_toilet');
    await listSettled(page);
    const expected = (await apiInView(page, RIDER, { kind: 'elder_care', accessibility: 'accessible_toilet' })).map(
      (s) => s.id,
    );
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => listIds(page)).toEqual(expected);
    expect(await page.textContent('#filters button.more-filters')).toContain('已选 1 项');
    // The panel's chips wrap inside the page: none is beyond the right edge (no hidden scroll).
    const overflow = await page.$$eval(
      '#filter-panel button.chip',
      (els) => els.filter((e) => e.getBoundingClientRect().right > window.innerWidth).length,
    );
    expect(overflow).toBe(0);
    await context.close();
  });

  it('in large text the services stay in the list rows and the quick filters wrap instead of hiding', async () => {
    const { context, page } = await phone();
    await open(page, `${HERE}&kind=elder_care`);
    await page.click('label[for="large-text"]');
    await listSettled(page);
    expect(await page.isVisible('#list .row-features')).toBe(true);
    expect(await page.textContent('#list')).toMatch(/助餐服务|日间照料|助浴/);
    expect(await page.isVisible(chip('elderServices', 'meals'))).toBe(true);
    const overflow = await page.$$eval(
      '#filters .chips.quick button.chip',
      (els) => els.filter((e) => e.getBoundingClientRect().right > window.innerWidth).length,
    );
    expect(overflow).toBe(0);
    await context.close();
  });

  it('keeps the filter bar the same height when the kind changes the quick row', async () => {
    const { context, page } = await phone();
    await open(page, HERE);
    const height = () => page.$eval('#filters', (el) => el.getBoundingClientRect().height);
    const before = await height();
    await page.click('#filters button.chip[data-code="elder_care"]');
    expect(await height()).toBe(before);
    await page.click('#filters button.chip[data-code="elder_care"]');
    await page.click('#filters button.chip[data-code="park"]');
    expect(await height()).toBe(before);
    await context.close();
  });

  it("shows the detail page's accessibility", async () => {
    const { context, page } = await phone();
    await open(page, `${HERE}&kind=elder_care&access=handrails`);
    await page.click('#list button.site-row');
    await page.waitForSelector('#detail:not([hidden]) section.accessibility');
    const text = await page.textContent('#detail section.accessibility');
    expect(text).toContain('无障碍');
    expect(text).toContain('扶手');
    expect(text).toContain('无障碍厕所');
    await context.close();
  });
});

describe('download links', () => {
  it('links this list and this view as CSV and GeoJSON with the filters shown, and states the licence beside them', async () => {
    const { context, page } = await phone();
    await open(page, `${HERE}&kind=elder_care&service=meals`);
    const href = async (scope: string, format: string) =>
      new URL(
        (await page.getAttribute(`#downloads a[data-scope="${scope}"][data-format="${format}"]`, 'href'))!,
        baseUrl(),
      );
    await expect.poll(() => page.$$eval('#downloads a[data-format]', (as) => as.length)).toBe(4);
    const listCsv = await href('list', 'csv');
    expect(listCsv.pathname).toBe('/api/v1/sites/nearby.csv');
    expect(listCsv.searchParams.get('kind')).toBe('elder_care');
    expect(listCsv.searchParams.get('elder_service')).toBe('meals');
    const viewGeo = await href('view', 'geojson');
    expect(viewGeo.pathname).toBe('/api/v1/sites/view.geojson');
    expect(viewGeo.searchParams.get('elder_service')).toBe('meals');
    expect(viewGeo.searchParams.get('bbox')).toMatch(/^[\d.]+,[\d.]+,[\d.]+,[\d.]+$/);
    expect(await page.textContent('#downloads .licence')).toContain('CC BY 4.0');
    expect(await page.getAttribute('#downloads .licence a', 'href')).toBe(
      'https://creativecommons.org/licenses/by/4.0/',
    );

    // The list download holds exactly the listed sites.
    const listed = await listIds(page);
    const geo = (await (await fetch(new URL((await href('list', 'geojson')).href))).json()) as {
      features: { properties: { id: number } }[];
    };
    expect(geo.features.map((f) => f.properties.id)).toEqual(listed);
    const csv = await fetch(listCsv);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('link')).toContain('rel="license"');
    // A chosen filter changes the links at once.
    await page.click(chip('elderServices', 'day_care'));
    await expect.poll(async () => (await href('view', 'csv')).searchParams.get('elder_service')).toBe('meals,day_care');
    await context.close();
  });
});
