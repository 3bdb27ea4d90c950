// Accessibility: no serious or critical axe-core violations on the main views, names
// on every marker, and keyboard operation of the main path.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, seriousViolations } from './browser';
import { RIDER } from './fixtures';
import { detailHeading, listSettled, open } from './map-page';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const near = `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`;

async function expectNoSeriousViolations(page: Page) {
  const violations = await seriousViolations(page);
  expect(violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('accessibility', () => {
  it('has no serious violations on the map and list, in Chinese and in English', async () => {
    const { context, page } = await openPage(browser);
    await open(page, near);
    await page.waitForSelector('.site-marker');
    await expectNoSeriousViolations(page);
    await page.click('#lang-toggle');
    await listSettled(page);
    await expectNoSeriousViolations(page);
    await context.close();
  });

  it('has no serious violations on a detail with its report form open, nor in large text', async () => {
    const { context, page } = await openPage(browser);
    await open(page, near);
    await page.click('#list button.site-row');
    await detailHeading(page);
    await page.click('#detail details.report summary');
    await expectNoSeriousViolations(page);
    await page.click('label[for="large-text"]');
    await expectNoSeriousViolations(page);
    await context.close();
  });

  it('names every marker and cluster on the map', async () => {
    const { context, page } = await openPage(browser);
    await open(page, '/?lat=39.90870&lng=116.39750&z=11');
    await page.waitForSelector('.leaflet-marker-icon');
    const unnamed = await page.$$eval('.leaflet-marker-icon', (els) => els.filter((el) => !(el.getAttribute('aria-label') || el.getAttribute('title'))).length);
    expect(unnamed).toBe(0);
    await context.close();
  });

  it('can be used with the keyboard alone: filter, open a site, go back', async () => {
    const { context, page } = await openPage(browser);
    await open(page, near);
    await page.focus('#filters button.chip[data-code="toilet"]');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#filters button.chip[data-code="toilet"]', 'aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.code)).toBe('toilet');
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
