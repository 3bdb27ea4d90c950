// Nothing on the map page moves once it has been painted: the script fills the filter bar,
// the list and the map after the first paint, and a person who has started reading (or is
// about to tap 最近的开放驿站) must not see the map and the list jump down. Measured the
// way browsers define it: Chromium's layout-shift entries (PerformanceObserver), without
// recent input. The page's scripts are held back until the HTML has been painted, so the
// late filling always happens after a paint, as on a slow phone, and never by luck before it;
// the positions at that first paint are compared with those once everything has loaded.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage } from './browser';
import { listSettled } from './map-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** One layout shift: how much, and which elements moved (id or class), from where to where (px, top). */
interface Shift {
  value: number;
  moved: { node: string; fromTop: number; toTop: number }[];
}

/** Records every layout shift not caused by input, from the very start of the page. */
async function recordShifts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shifts: Shift[] = [];
    (window as unknown as { __shifts: Shift[] }).__shifts = shifts;
    interface LayoutShiftEntry extends PerformanceEntry {
      value: number;
      hadRecentInput: boolean;
      sources: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
    }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as LayoutShiftEntry[]) {
        if (e.hadRecentInput) continue;
        shifts.push({
          value: e.value,
          moved: e.sources.map((s) => {
            const el = s.node instanceof Element ? s.node : s.node?.parentElement;
            return {
              node: el ? (el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}.${el.className}`) : '?',
              fromTop: s.previousRect.top,
              toTop: s.currentRect.top,
            };
          }),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** Holds the page's scripts back (as when they come late over a weak signal) until `release` is called. */
async function holdScripts(context: BrowserContext): Promise<{ release: () => void }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await context.route(
    (url) => url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js'),
    async (route) => {
      await released;
      await route.continue();
    },
  );
  return { release };
}

/** Where the map and the list are on screen (px from the top), and whether the script has filled the filter bar yet: one snapshot. */
const places = (page: Page) =>
  page.evaluate(() => ({
    map: document.getElementById('map')!.getBoundingClientRect().top,
    list: document.getElementById('list-panel')!.getBoundingClientRect().top,
    filled: document.querySelectorAll('#filters button').length > 0,
    listBusy: document.getElementById('list-panel')!.getAttribute('aria-busy'),
    largeText: document.documentElement.classList.contains('large-text'),
  }));

/**
 * Opens a page with its scripts held back, and returns where the map and list were when
 * the HTML was first painted; then lets the scripts come.
 */
async function openUntilPainted(
  page: Page,
  scripts: { release: () => void },
  path: string,
): Promise<Awaited<ReturnType<typeof places>>> {
  await page.goto(`${baseUrl()}${path}`, { waitUntil: 'commit' });
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByName('first-contentful-paint').length).catch(() => 0))
    .toBe(1);
  const painted = await places(page);
  scripts.release();
  return painted;
}

/** Waits until the script has filled everything (chips, list, map with its controls, the base notice); the shifts meanwhile. */
async function settledShifts(page: Page): Promise<Shift[]> {
  await listSettled(page);
  await page.waitForSelector('#filters button.chip');
  await page.waitForSelector('#map .leaflet-control-zoom-in');
  await page.waitForSelector('#basemap-status[data-state="unavailable"]'); // tiles are blocked: the shipped base is drawn
  // Entries are reported after the frame that shows them.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
}

describe('the map page as it loads', () => {
  it('keeps the map and the list where they were first painted while the filters, list and map fill in', async () => {
    const { context, page } = await openPage(browser);
    await recordShifts(context);
    const scripts = await holdScripts(context);
    const first = await openUntilPainted(page, scripts, '/?lat=39.88370&lng=116.46200&z=15');
    expect(first.filled).toBe(false); // painted before the script ran, as on a slow phone
    // The list says it is loading from the first paint (screen readers, and the tests' wait for it).
    expect(first.listBusy).toBe('true');
    expect(await settledShifts(page)).toEqual([]);
    expect(await places(page)).toEqual({ ...first, filled: true, listBusy: null });
    await context.close();
  });

  it('keeps everything in sight still on the taller phone Lighthouse emulates (412 × 823), where the buttons and links of the list are above the fold', async () => {
    // On this screen the print button and the downloads below the list are in sight at the first
    // paint: added by the script, or pushed down by the rows, they moved (CLS 0.095).
    const { context, page } = await openPage(browser, { viewport: { width: 412, height: 823 } });
    await recordShifts(context);
    const scripts = await holdScripts(context);
    await openUntilPainted(page, scripts, '/');
    expect(await settledShifts(page)).toEqual([]);
    await context.close();
  });

  it('is in large-text mode from the first paint when the person chose it on an earlier visit, and the list stays put', async () => {
    const { context, page } = await openPage(browser);
    await context.addInitScript(() => {
      localStorage.setItem('linli.settings', JSON.stringify({ lang: 'zh', largeText: true }));
    });
    await recordShifts(context);
    const scripts = await holdScripts(context);
    const first = await openUntilPainted(page, scripts, '/?lat=39.88370&lng=116.46200&z=15');
    expect(first).toMatchObject({ filled: false, largeText: true });
    // Large text puts the list first: only the map below it may move down as the rows arrive.
    const shifts = await settledShifts(page);
    expect(shifts.flatMap((x) => x.moved.map((m) => m.node)).filter((n) => n !== 'div.map-wrap')).toEqual([]);
    expect(await places(page)).toMatchObject({ list: first.list, filled: true, largeText: true });
    await context.close();
  });
});
