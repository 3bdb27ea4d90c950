// Renders the PWA's PNG icons from web/public/icons/icon.svg with Debian's Chromium,
// so the PNGs never drift from the SVG. Run after editing the SVG:
//   node web/scripts/render-icons.mjs
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const dir = new URL('../public/icons/', import.meta.url).pathname;
const svg = readFileSync(`${dir}icon.svg`, 'utf8');

// Maskable icons are cropped to a circle by some launchers: keep the mark inside the
// central 80 % safe zone on a full-bleed background.
const plain = (size) => `<body style="margin:0"><div style="width:${size}px;height:${size}px">${svg}</div></body>`;
const maskable = (
  size,
) => `<body style="margin:0;background:#0f5132"><div style="width:${size}px;height:${size}px;display:grid;place-items:center">
  <div style="width:${size * 0.72}px;height:${size * 0.72}px">${svg}</div></div></body>`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const [name, size, html] of [
    ['icon-192', 192, plain],
    ['icon-512', 512, plain],
    ['icon-maskable-512', 512, maskable],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>svg{width:100%;height:100%;display:block}</style>${html(size)}`);
    await page.screenshot({ path: `${dir}${name}.png`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`PNG icons written to ${dir}`);
