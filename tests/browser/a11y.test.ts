// Accessibility: axe-core's WCAG 2.2 AA rules (wcag2a, wcag2aa, wcag21aa, wcag22aa) find
// nothing on any view, in both modes and both languages; names on every marker; the
// keyboard path: the list within 5 Tab presses, a site chosen in the list shown on the map,
// the skip link landing on what is visible, filters and back with the keyboard alone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AxeViolation, axeViolations, baseUrl, launch, openPage, WCAG22_AA } from './browser';
import { DEMO_EDITOR, logInToConsole } from './console-accounts';
import { RIDER } from './fixtures';
import { detailHeading, listSettled, open } from './map-page';
import { focusIn, tabsTo } from './measure';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const near = `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`;
const DESKTOP = { width: 1280, height: 800 };

const described = (vs: AxeViolation[]) =>
  vs.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

async function expectNoViolations(page: Page, view: string) {
  const found = await axeViolations(page, WCAG22_AA);
  console.info(`axe WCAG 2.2 AA, ${view}: ${found.length} violations`);
  expect(described(found), view).toEqual([]);
}

type Mode = 'default' | 'care';
const MODES: readonly Mode[] = ['default', 'care'];
const LANGS = ['zh', 'en'] as const;

/** Opens the map page in a mode and a language (both remembered, as a returning person has them). */
async function openIn(page: Page, mode: Mode, lang: 'zh' | 'en', path = near) {
  // Any page of the origin can write its storage: a small JSON answer, not a whole map load.
  await page.goto(`${baseUrl()}/api/v1/health`);
  await page.evaluate(
    ([care, l]) => localStorage.setItem('linli.settings', JSON.stringify({ lang: l, care, speechRate: 'normal' })),
    [mode === 'care', lang] as const,
  );
  await open(page, path);
}

describe('axe-core, WCAG 2.2 AA: no violations', () => {
  for (const mode of MODES) {
    for (const lang of LANGS) {
      it(`on the map and list, a detail, its report form and the place picker (${mode}, ${lang})`, async () => {
        const { context, page } = await openPage(browser);
        await openIn(page, mode, lang);
        await page.waitForSelector('.site-marker');
        await expectNoViolations(page, `${mode} ${lang} map and list`);
        await page.click('#filters .more-filters');
        await page.waitForSelector('#filter-panel:not([hidden])');
        await expectNoViolations(page, `${mode} ${lang} all filters`);

        await page.click('#list button.site-row');
        await detailHeading(page);
        await expectNoViolations(page, `${mode} ${lang} detail`);
        await page.click('#detail details.report summary');
        await expectNoViolations(page, `${mode} ${lang} report form`);
        await context.close();
      });

      it(`on the settings and the place picker after a refused position (${mode}, ${lang})`, async () => {
        const { context, page } = await openPage(browser);
        await openIn(page, mode, lang, '/');
        await page.click('#locate'); // no permission granted: the fallback with the street picker
        await page.waitForSelector('#locate-fallback:not([hidden]) select');
        await expectNoViolations(page, `${mode} ${lang} place picker`);
        await page.click('#lang-toggle');
        await listSettled(page);
        await expectNoViolations(page, `${mode} ${lang} after switching language`);
        await context.close();
      });
    }
  }

  for (const lang of LANGS) {
    it(`on the console's login (${lang})`, async () => {
      const { context, page } = await openPage(browser, { locale: lang === 'zh' ? 'zh-CN' : 'en-GB' });
      await page.goto(`${baseUrl()}/console/`);
      await page.waitForSelector('form input[type="password"]');
      await expectNoViolations(page, `console login ${lang}`);
      await context.close();
    });
  }

  it("on the console's views as an editor: sites, a new site, a site, its history, import, reports", {
    timeout: 120_000,
  }, async () => {
    const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await context.setExtraHTTPHeaders({ 'cf-connecting-ip': '203.0.113.202' });
    await logInToConsole(page, DEMO_EDITOR);
    await page.locator('tbody tr').first().waitFor();
    await expectNoViolations(page, 'console sites');
    const id = await page.evaluate(async () => {
      const res = await fetch('/api/v1/console/sites?limit=1', { credentials: 'same-origin' });
      return ((await res.json()) as { data: { id: number }[] }).data[0]!.id;
    });
    for (const [hash, heading] of [
      ['#/sites/new', /新增站点|添加站点/],
      [`#/sites/${id}`, /./],
      [`#/sites/${id}/history`, /修改记录/],
      ['#/import', /导入/],
      ['#/reports', '待处理的群众反馈'],
    ] as const) {
      await page.evaluate((h) => {
        location.hash = h;
      }, hash);
      await page.getByRole('heading', { name: heading }).first().waitFor({ timeout: 15_000 });
      if (hash.startsWith('#/sites/') && !hash.endsWith('history'))
        await page.locator('.leaflet-container').first().waitFor();
      await expectNoViolations(page, `console ${hash}`);
    }
    await context.close();
  });
});

describe('accessibility', () => {
  it('names every marker and cluster on the map', async () => {
    const { context, page } = await openPage(browser);
    await open(page, '/?lat=39.90870&lng=116.39750&z=11');
    await page.waitForSelector('.leaflet-marker-icon');
    const unnamed = await page.$$eval(
      '.leaflet-marker-icon',
      (els) => els.filter((el) => !(el.getAttribute('aria-label') || el.getAttribute('title'))).length,
    );
    expect(unnamed).toBe(0);
    await context.close();
  });

  for (const mode of MODES) {
    for (const [viewport, size] of [
      ['phone', undefined],
      ['desktop', DESKTOP],
    ] as const) {
      it(`reaches the list within 5 Tab presses from the top of the page (${mode}, ${viewport})`, async () => {
        const { context, page } = await openPage(browser, size ? { viewport: size } : {});
        await openIn(page, mode, 'zh');
        await page.waitForSelector('.site-marker');
        const toList = await tabsTo(page, '#list-panel');
        await page.reload();
        await listSettled(page);
        await page.waitForSelector('.site-marker');
        const toRow = await tabsTo(page, '#list button.site-row');
        console.info(`Tab presses (${mode}, ${viewport}): ${toList} to the list, ${toRow} to its first site`);
        expect(toList).not.toBeNull();
        expect(toList!).toBeLessThanOrEqual(5);
        expect(toRow!).toBeLessThanOrEqual(8);
        await context.close();
      });
    }
  }

  it('shows on the map the site chosen in the list with the keyboard', async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP });
    await open(page, '/?lat=39.8839&lng=116.4570&z=14&at=39.8839,116.457');
    const row = await page.$$eval('#list button.site-row', (els) => els.length);
    expect(row).toBeGreaterThan(1);
    // The last row of the list: far from the centre, maybe in a bubble or off the map.
    await page.focus('#list li:last-child button.site-row');
    const id = await page.$eval('#list li:last-child button.site-row', (el) => (el as HTMLElement).dataset.siteId);
    await page.keyboard.press('Enter');
    await detailHeading(page);
    const marker = await page.waitForSelector('.site-marker.selected');
    const inView = await marker.evaluate((el) => {
      const m = el.getBoundingClientRect();
      const map = document.getElementById('map')!.getBoundingClientRect();
      return m.left >= map.left && m.right <= map.right && m.top >= map.top && m.bottom <= map.bottom;
    });
    expect(inView).toBe(true);
    expect(await page.getAttribute(`#list button[data-site-id="${id}"]`, 'aria-current')).toBe('true');
    await context.close();
  });

  it('skip link lands on the list, and on the open detail while one is open, always visible', async () => {
    const { context, page } = await openPage(browser);
    await open(page, near);
    await page.keyboard.press('Tab');
    expect(await focusIn(page, '.skip-link')).toBe(true);
    expect(await page.textContent('.skip-link')).toBe('跳到附近列表');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('list-panel');
    expect(await page.isVisible('#list-panel')).toBe(true);

    await page.click('#list button.site-row');
    await detailHeading(page);
    await page.focus('.skip-link');
    expect(await page.textContent('.skip-link')).toBe('跳到站点详情');
    await page.keyboard.press('Enter');
    const landed = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { id: el.id, visible: el.getClientRects().length > 0 && !el.closest('[hidden]') };
    });
    expect(landed).toEqual({ id: 'detail-name', visible: true });
    await context.close();
  });

  it('can be used with the keyboard alone: filter, open a site, go back', async () => {
    const { context, page } = await openPage(browser);
    await open(page, near);
    await page.focus('#filters button.chip[data-code="rest_station"]');
    // The filters are one Tab stop: arrows move between the chips.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.code)).toBe('charging');
    await page.focus('#filters button.chip[data-code="toilet"]');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#filters button.chip[data-code="toilet"]', 'aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.code)).toBe('toilet');
    // Tab leaves the filters at once, for the list.
    await page.keyboard.press('Tab');
    expect(await focusIn(page, '#list-panel')).toBe(true);
    await listSettled(page);
    await page.focus('#list button.site-row');
    await page.keyboard.press('Enter');
    await detailHeading(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-name');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('back');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail', { state: 'hidden' });
    await context.close();
  });
});
