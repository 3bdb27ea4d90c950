// What a page measures in the browser: the sizes of its visible text, of its targets, the
// contrast of control borders, the Tab presses to reach a part. Figures, so a test can
// assert them and print them.
import type { Page } from 'playwright-core';

export interface TextFigures {
  /** Visible text runs (text nodes with letters) measured. */
  count: number;
  /** The smallest font size in px, and the runs under `min` px (text, size). */
  smallest: number;
  small: string[];
  /** The smallest line height / font size ratio, and the runs under `minRatio`. */
  tightest: number;
  tight: string[];
  /** The body's font size in px. */
  body: number;
}

/**
 * Every visible text of the page (scrolled into view or not): font size and line height
 * of the element that holds it. Text that is hidden, clipped to nothing or only for
 * screen readers is not visible text.
 */
export function textFigures(page: Page, min: number, minRatio: number): Promise<TextFigures> {
  return page.evaluate(
    ([m, ratio]) => {
      const small: string[] = [];
      const tight: string[] = [];
      let smallest = Infinity;
      let tightest = Infinity;
      let count = 0;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        if (!/[\p{L}\p{N}]/u.test(text)) continue;
        const el = n.parentElement;
        if (!el) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
        const style = getComputedStyle(el);
        if (!rects.length || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
        // Clipped away (e.g. a skip link parked off-screen until focused).
        if (rects.every((r) => r.right < 0)) continue;
        count++;
        const size = parseFloat(style.fontSize);
        smallest = Math.min(smallest, size);
        if (size < m) small.push(`${text.slice(0, 24)} (${size}px in ${el.tagName.toLowerCase()}.${el.className})`);
        const lh = style.lineHeight === 'normal' ? 1.2 * size : parseFloat(style.lineHeight);
        tightest = Math.min(tightest, lh / size);
        if (lh / size < ratio - 0.001)
          tight.push(`${text.slice(0, 24)} (${(lh / size).toFixed(2)} in ${el.tagName.toLowerCase()}.${el.className})`);
      }
      return { count, smallest, small, tightest, tight, body: parseFloat(getComputedStyle(document.body).fontSize) };
    },
    [min, minRatio] as const,
  );
}

export interface TargetFigures {
  count: number;
  /** The smallest width and height over all targets. */
  smallest: { width: number; height: number };
  small: string[];
}

/** Every visible interactive target, map markers, zoom buttons and attribution links included. */
export function targetFigures(page: Page, min: number): Promise<TargetFigures> {
  return page.$$eval(
    'button, a[href], select, input, textarea, summary, label.switch, .leaflet-marker-icon, [tabindex="0"]',
    (els, m) => {
      const small: string[] = [];
      let w = Infinity;
      let hgt = Infinity;
      let count = 0;
      for (const el of els) {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        // A checkbox or radio inside its label is tapped through the (measured) label.
        if (el.tagName === 'INPUT' && el.closest('label')) continue;
        if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
        if (el.matches('.skip-link') && r.right < 0) continue; // off-screen until focused
        if (el.id === 'map') continue; // the map itself, not a target
        count++;
        w = Math.min(w, r.width);
        hgt = Math.min(hgt, r.height);
        if (r.width < m || r.height < m) {
          small.push(
            `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
          );
        }
      }
      return { count, smallest: { width: Math.round(w), height: Math.round(hgt) }, small };
    },
    min,
  );
}

/**
 * Controls whose boundary (border, or own fill) contrasts less than `min` with what is
 * behind them (WCAG 1.4.11), with the lowest ratio found.
 */
export function controlBorderFigures(
  page: Page,
  min: number,
): Promise<{ count: number; lowest: number; low: string[] }> {
  return page.$$eval(
    'button, select, textarea, summary, a.nav, a.call, .switch input',
    (els, m) => {
      const rgb = (c: string): [number, number, number, number] => {
        const v = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
        return [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 1];
      };
      const lum = ([r, g, b]: number[]) => {
        const f = (x: number) => {
          const s = x / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const ratio = (a: number[], b: number[]) => {
        const x = lum(a);
        const y = lum(b);
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
      };
      const behind = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c[3] > 0.5) return c;
        }
        return [255, 255, 255, 1];
      };
      const low: string[] = [];
      let lowest = Infinity;
      let count = 0;
      for (const el of els) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const style = getComputedStyle(el);
        const outside = behind(el.parentElement);
        const border = parseFloat(style.borderTopWidth) > 0 ? ratio(rgb(style.borderTopColor), outside) : 1;
        const own = rgb(style.backgroundColor);
        const fill = own[3] > 0.5 ? ratio(own, outside) : 1;
        const best = Math.max(border, fill);
        count++;
        lowest = Math.min(lowest, best);
        if (best < m)
          low.push(
            `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 16)}" ${best.toFixed(2)}:1`,
          );
      }
      return { count, lowest: Math.round(lowest * 100) / 100, low };
    },
    min,
  );
}

/** Whether focus is now inside the element matched by `selector`. */
export function focusIn(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => !!document.activeElement?.closest(sel), selector);
}

/**
 * Presses Tab from the top of a freshly loaded page (nothing focused yet) until focus is
 * inside `selector`; the number of presses, or null after `max`.
 */
export async function tabsTo(page: Page, selector: string, max = 40): Promise<number | null> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await focusIn(page, selector)) return i;
  }
  return null;
}
