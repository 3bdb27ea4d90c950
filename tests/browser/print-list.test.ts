// "打印附近服务清单": the nearby list printed (or saved as PDF) in large type, with names,
// addresses, hours, phones (or 12345) and distances, and nothing of the screen's controls.
// Printed by Chromium itself (page.pdf(), the print stylesheet) and read back with pdf.js.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot } from './browser';
import { RIDER } from './fixtures';
import { apiNearby, listIds, open } from './map-page';

const require = createRequire(import.meta.url);
const PDFJS = dirname(require.resolve('pdfjs-dist/package.json'));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const near = `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`;

interface Printed {
  text: string;
  pages: number;
  smallestPt: number;
}

/** The page printed by Chromium to A4 PDF: its text (runs joined), page count and smallest type. */
async function printed(page: Page): Promise<Printed> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    cMapUrl: `${PDFJS}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${PDFJS}/standard_fonts/`,
  }).promise;
  let text = '';
  let smallestPt = Infinity;
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : '');
      if (item.str.trim()) smallestPt = Math.min(smallestPt, Math.hypot(item.transform[2]!, item.transform[3]!));
    }
  }
  await doc.destroy();
  return { text, pages: doc.numPages, smallestPt: Math.round(smallestPt * 10) / 10 };
}

/** Text with the PDF's line breaks and spacing taken out, to find a phrase that wrapped. */
const flat = (s: string) => s.replace(/\s+/g, '');

describe('the printed list of services nearby', () => {
  it('prints the list in large type: names, addresses, hours, phones or 12345, distances', async () => {
    const { context, page } = await openPage(browser);
    await page.addInitScript(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => {
        w.printed++;
      }; // the dialog itself is the browser's
    });
    await open(page, near);
    await page.click('#print-list');
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    const ids = await listIds(page);
    expect(ids.length).toBeGreaterThan(2);
    const sites = (await apiNearby({ lat: RIDER.lat, lng: RIDER.lng, limit: 100, radius_m: 20_000 })).filter((s) =>
      ids.includes(s.id),
    );
    const out = await printed(page);
    const text = flat(out.text);
    console.info(`printed list: ${ids.length} sites on ${out.pages} A4 pages, smallest type ${out.smallestPt} pt`);
    expect(text).toContain('附近服务清单');
    expect(text).toContain(flat('您的位置附近'));
    for (const s of sites) expect(text, s.name).toContain(flat(s.name));
    // The battery-swap station of the fixtures: its address, 24/7 hours and phone.
    expect(sites.map((s) => s.name)).toContain('测试：劲松换电驿站');
    expect(text).toContain('北京市朝阳区劲松三区');
    expect(text).toContain('010-67712345');
    expect(text).toContain('开放时间：全天24小时开放');
    // Demo sites say so on paper too.
    expect(text.split(flat('演示数据：此站点不是真实的')).length - 1).toBe(
      sites.filter((s) => s.source === 'sample').length,
    );
    // Every site without a phone gets the hotline.
    const withoutPhone = sites.filter((s) => s.phones.length === 0).length;
    expect(text.split(flat('12345（北京市民服务热线')).length - 1).toBe(withoutPhone);
    expect(text).toMatch(/\d+米·步行约\d+分钟/);
    // The screen's controls are not printed.
    for (const word of ['最近的开放驿站', '定位我', '现在开放', '打印附近服务清单', '关怀模式'])
      expect(text).not.toContain(word);
    expect(out.smallestPt).toBeGreaterThanOrEqual(16);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'print-list');
    await context.close();
  });

  it("prints the list in English after switching language, from the browser's own Print menu too", async () => {
    const { context, page } = await openPage(browser);
    await open(page, near);
    await page.click('#lang-toggle');
    await expect.poll(() => page.textContent('#list-title')).toMatch(/^Near /);
    // Nothing calls the print button here: page.pdf() prints as the browser's menu does.
    const text = flat((await printed(page)).text);
    expect(text).toContain(flat('Services nearby'));
    expect(text).toContain(flat('Phone:'));
    expect(text).toMatch(/\d+m·about\d+minwalk/);
    await context.close();
  });
});
