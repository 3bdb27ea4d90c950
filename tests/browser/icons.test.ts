// Icons the app ships: SVG drawn the same on every phone (no emoji font needed), always
// beside a word, hidden from screen readers; no emoji anywhere in the interface.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage } from './browser';
import { RIDER } from './fixtures';
import { detailHeading, open } from './map-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const near = `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`;

/** Emoji in the page's text, its attributes (labels, titles) and its generated content. */
function emojiOnPage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Drawn as emoji: by default, or by a variation selector (not ©, which is text).
    const emoji = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/u;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (emoji.test(n.textContent ?? '')) found.push((n.textContent ?? '').trim());
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (emoji.test(a.value)) found.push(`${el.tagName}[${a.name}]=${a.value}`);
      for (const pseudo of ['::before', '::after']) {
        const c = getComputedStyle(el, pseudo).content;
        if (c && emoji.test(c)) found.push(`${el.tagName}${pseudo} ${c}`);
      }
    }
    return found;
  });
}

/** Icons that are not SVG, not hidden from screen readers, or stand without a word beside them. */
function badIcons(page: Page): Promise<string[]> {
  return page.$$eval('.icon', (els) =>
    els.flatMap((el) => {
      const holder = el.closest('button, a, li, .feature, .row-head, p, .site-marker, h1, h2, h3, label');
      const word = holder?.classList.contains('site-marker')
        ? holder.getAttribute('aria-label') // a marker's word is its name for screen readers
        : (holder?.textContent ?? '').trim();
      const problems = [
        el.tagName.toLowerCase() !== 'svg' ? 'not svg' : null,
        el.getAttribute('aria-hidden') !== 'true' ? 'not hidden' : null,
        !word ? 'no word beside it' : null,
      ].filter(Boolean);
      return problems.length ? [`${el.getAttribute('data-icon')}: ${problems.join(', ')}`] : [];
    }),
  );
}

describe('icons', () => {
  it('draws every icon of the map, list, filters and a detail as SVG beside a word, and no emoji', async () => {
    const { context, page } = await openPage(browser);
    await open(page, near);
    await page.waitForSelector('.site-marker svg');
    expect(await page.$$eval('.site-marker', (els) => els.filter((el) => !el.querySelector('svg')).length)).toBe(0);
    expect(
      await page.$$eval(
        '#filters .chip',
        (els) => els.filter((el) => !el.querySelector('svg.icon') || !el.textContent?.trim()).length,
      ),
    ).toBe(0);
    expect(await page.$$eval('#nearest-open svg.icon, #locate svg.icon', (els) => els.length)).toBe(2);
    expect(await badIcons(page)).toEqual([]);
    expect(await emojiOnPage(page)).toEqual([]);

    await page.click('#list button.site-row');
    await detailHeading(page);
    expect(await page.$$eval('#detail svg.icon', (els) => els.length)).toBeGreaterThan(3);
    expect(await badIcons(page)).toEqual([]);
    expect(await emojiOnPage(page)).toEqual([]);
    await context.close();
  });

  it('shows no emoji in the console', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${baseUrl()}/console/`);
    await page.waitForSelector('form input[type="password"]');
    expect(await emojiOnPage(page)).toEqual([]);
    await context.close();
  });
});
