// 关怀模式 (care mode) beyond MIIT's age-friendly rules, measured in Chromium at 390×844 as
// the new user tried it: every visible text ≥ 18 px, body ≥ 22 px, line height
// ≥ 1.5, every target ≥ 60×60 px (markers, zoom buttons, attribution links), control
// borders ≥ 3:1, chips wrapped on screen, nothing moving; switched on by a link, found by
// the words people use, remembered. The figures are printed for the report.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot } from './browser';
import { RIDER } from './fixtures';
import { detailHeading, listSettled, open, siteIdByName } from './map-page';
import { controlBorderFigures, targetFigures, textFigures } from './measure';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE_390 = { width: 390, height: 844 };
const near = `lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`;

async function careOn(page: Page, lang: 'zh' | 'en', path = `/?${near}`) {
  await open(page, `${path}&care=1`);
  if (lang === 'en') {
    await page.click('#lang-toggle');
    await listSettled(page);
  }
  await page.waitForSelector('.site-marker');
  await page.waitForSelector('.leaflet-control-attribution a');
}

/** Every figure of the page in care mode, asserted; returns them for the log. */
async function expectCareFigures(page: Page, view: string) {
  const text = await textFigures(page, 18, 1.5);
  const targets = await targetFigures(page, 60);
  const borders = await controlBorderFigures(page, 3);
  console.info(
    `care mode, ${view}: ${text.count} texts, smallest ${text.smallest} px, body ${text.body} px, ` +
      `line height ≥ ${text.tightest.toFixed(2)}; ${targets.count} targets, smallest ${targets.smallest.width}×${targets.smallest.height} px; ` +
      `${borders.count} control boundaries, lowest ${borders.lowest}:1`,
  );
  expect(text.small, `${view}: text under 18 px`).toEqual([]);
  expect(text.body).toBeGreaterThanOrEqual(22);
  expect(text.tight, `${view}: line height under 1.5`).toEqual([]);
  expect(targets.small, `${view}: targets under 60×60 px`).toEqual([]);
  expect(borders.low, `${view}: control boundaries under 3:1`).toEqual([]);
}

describe('care mode (关怀模式)', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`measures up on the list, the map, a detail and the report form (${lang})`, async () => {
      const { context, page } = await openPage(browser, { viewport: PHONE_390 });
      await careOn(page, lang);
      expect(await page.$$eval('.leaflet-control-zoom a', (els) => els.length)).toBe(2);
      await expectCareFigures(page, `${lang} list and map`);
      await screenshot(page, `care-home-${lang}`);
      await page.click('#filters .more-filters'); // every service, amenity and accessibility chip
      await page.waitForSelector('#filter-panel:not([hidden])');
      await expectCareFigures(page, `${lang} all filters open`);
      await page.click('#filters .more-filters');

      await page.click('#list button.site-row');
      await detailHeading(page);
      await page.click('#detail details.report summary');
      await expectCareFigures(page, `${lang} detail with report form`);
      await screenshot(page, `care-detail-${lang}`);
      await context.close();
    });
  }

  it('makes the bubbles of a city view 60×60 px targets too', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE_390 });
    await open(page, '/?lat=39.90870&lng=116.39750&z=11&care=1');
    await page.waitForSelector('.cluster-bubble');
    const targets = await targetFigures(page, 60);
    const bubbles = await page.$$eval('.cluster-bubble', (els) => els.length);
    console.info(
      `care mode, city view: ${bubbles} bubbles among ${targets.count} targets, smallest ${targets.smallest.width}×${targets.smallest.height} px`,
    );
    expect(targets.small).toEqual([]);
    await context.close();
  });

  it('wraps the filter chips on screen instead of hiding them off to the side', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE_390 });
    await careOn(page, 'en'); // English labels are the longest
    const off = await page.$$eval('#filters .chip', (els) =>
      els
        .filter((el) => el.getClientRects().length > 0)
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left < 0 || r.right > window.innerWidth;
        })
        .map((el) => el.textContent),
    );
    expect(off).toEqual([]);
    expect(
      await page.$$eval('#filters .chips.kinds .chip', (els) => els.every((el) => el.getClientRects().length > 0)),
    ).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_390.width);
    await context.close();
  });

  it('moves nothing by itself: no animations or transitions run', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE_390 });
    await careOn(page, 'zh');
    await page.click('label[for="open-now"]');
    await page.click('.leaflet-control-zoom-in');
    const running = await page.evaluate(() =>
      document.getAnimations().map((a) => (a as CSSTransition).transitionProperty ?? a.id),
    );
    expect(running).toEqual([]);
    expect(await page.$eval('#large-text', (el) => getComputedStyle(el, '::after').transitionDuration)).toBe('0s');
    await context.close();
  });

  it('is switched on by a link (/?care=1), called 关怀模式 with 大字 and 长辈版 beside it, and remembered', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE_390 });
    await open(page, `/?${near}&care=1`);
    expect(await page.getAttribute('html', 'class')).toContain('large-text');
    expect(await page.isChecked('#large-text')).toBe(true);
    const name = await page.$eval('#large-text', (el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '');
    for (const word of ['关怀', '大字', '长辈版']) expect(name).toContain(word);
    await page.goto(page.url().replace(/[?&]care=1/, '')); // the link's parameter is gone: the setting stays
    await listSettled(page);
    expect(await page.isChecked('#large-text')).toBe(true);
    expect(await page.$eval('body', (el) => parseFloat(getComputedStyle(el).fontSize))).toBe(22);
    await open(page, `/?${near}&care=0`);
    expect(await page.isChecked('#large-text')).toBe(false);
    await context.close();
  });

  it('remembers the large-text setting saved before it became care mode', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE_390 });
    await open(page, `/?${near}`);
    await page.evaluate(() => localStorage.setItem('linli.settings', JSON.stringify({ lang: 'zh', largeText: true })));
    await page.reload();
    await listSettled(page);
    expect(await page.isChecked('#large-text')).toBe(true);
    await context.close();
  });

  it('shows the services of an elder-care centre on its list row, as in every mode', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE_390 });
    const id = await siteIdByName('测试：劲松养老服务驿站', RIDER);
    await careOn(page, 'zh');
    expect(await page.isVisible(`#list button[data-site-id="${id}"] .row-features`)).toBe(true);
    await context.close();
  });
});
