// Read-aloud says everything the page says about a site — the sample-data warning, the
// approximate position, the make-up working day, the retired notice — returns to "朗读"
// when speech ends or fails, and reads more slowly when asked (remembered).
// Headless Chromium has no voices, so most tests record what the page hands to the
// speech engine (a recorder in place of speechSynthesis.speak, which fires `end` when the
// test says); one test uses the real engine.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage } from './browser';
import { LOGIN_MS } from './console-accounts';
import { RIDER } from './fixtures';
import { type Office, seedOffice } from './office';

/** The office that retires a site of its own here: 八角街道 (石景山区), where no other test file looks. */
const OFFICE: Office = {
  street: '110107003',
  place: { lat: 39.91, lng: 116.2 },
  editor: { username: 'read-aloud-bajiao', password: 'read-aloud-password-1', display_name: '八角街道编辑' },
};

import { detailHeading, open, siteIdByName } from './map-page';

let browser: Browser;
beforeAll(async () => {
  await seedOffice(OFFICE);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const sitePath = (id: number) => `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}&site=${id}`;

interface Spoken {
  text: string;
  rate: number;
  lang: string;
}

/** Replaces the speech engine by a recorder: utterances are kept, and end when the test says. */
async function recordSpeech(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { spoken: Spoken[]; pending: SpeechSynthesisUtterance[] };
    w.spoken = [];
    w.pending = [];
    speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      w.spoken.push({ text: u.text, rate: u.rate, lang: u.lang });
      w.pending.push(u);
    };
    speechSynthesis.cancel = () => {
      for (const u of w.pending.splice(0)) u.dispatchEvent(new Event('error'));
    };
  });
}

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { spoken: Spoken[] }).spoken);
const endSpeech = (page: Page) =>
  page.evaluate(() => {
    for (const u of (window as unknown as { pending: SpeechSynthesisUtterance[] }).pending.splice(0))
      u.dispatchEvent(new Event('end'));
  });
/** A site the file's own street office entered and then retired, as the console does it. */
async function retiredSiteId(page: Page): Promise<number> {
  await page.goto(`${baseUrl()}/`);
  return page.evaluate(
    async ([who, at]) => {
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`/api/v1${path}`, {
          method,
          credentials: 'same-origin',
          ...(body === undefined
            ? {}
            : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        });
        if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
        return res.status === 204 ? null : (res.json() as Promise<{ id: number }>);
      };
      await call('POST', '/auth/login', who);
      const site = await call('POST', '/sites', {
        kind: 'rest_station',
        name: `测试：已撤销驿站 ${Date.now()}`,
        street_code: at.street,
        lat: at.lat,
        lng: at.lng,
      });
      await call('DELETE', `/sites/${site!.id}`);
      await call('POST', '/auth/logout');
      return site!.id;
    },
    [
      { username: OFFICE.editor.username, password: OFFICE.editor.password },
      { ...OFFICE.place, street: OFFICE.street },
    ] as const,
  );
}

const readButton = (page: Page) => page.textContent('#detail button.read');

describe('read-aloud', () => {
  it('says the sample-data warning, the approximate position and the make-up working day, as the page shows them', async () => {
    const { context, page } = await openPage(browser);
    await recordSpeech(page);
    // 26 January 2025, a Sunday on which China worked for the Spring Festival.
    await page.clock.setFixedTime(new Date('2025-01-26T10:00:00+08:00'));
    const id = await siteIdByName('测试：劲松养老服务驿站', RIDER);
    await open(page, sitePath(id));
    await detailHeading(page);
    expect(await page.isVisible('#detail .makeup-today')).toBe(true);
    await page.click('#detail button.read');
    const [said] = await spoken(page);
    expect(said?.lang).toBe('zh-CN');
    for (const sel of [
      'h2',
      '.sample-banner',
      '.approx-notice',
      '.makeup-today',
      '.open-line',
      '.services li',
      '.hotline-note',
      '.freshness',
    ]) {
      const shown = await page.$$eval(`#detail ${sel}`, (els) =>
        els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()),
      );
      expect(shown.length, sel).toBeGreaterThan(0);
      for (const text of shown) expect(said?.text, sel).toContain(text.replace(/[。.]$/u, ''));
    }
    // Controls are not read out.
    expect(said?.text).not.toContain('高德地图');
    expect(said?.text).not.toContain('提交');
    await context.close();
  });

  it('goes back to "朗读" when speech ends, and stops when pressed again', async () => {
    const { context, page } = await openPage(browser);
    await recordSpeech(page);
    const id = await siteIdByName('测试：劲松换电驿站', RIDER);
    await open(page, sitePath(id));
    await detailHeading(page);
    await page.click('#detail button.read');
    expect(await readButton(page)).toBe('停止朗读');
    expect(await page.getAttribute('#detail button.read', 'aria-pressed')).toBe('true');
    await endSpeech(page);
    expect(await readButton(page)).toBe('朗读');
    expect(await page.getAttribute('#detail button.read', 'aria-pressed')).toBe('false');
    await page.click('#detail button.read');
    await page.click('#detail button.read'); // stop
    expect(await readButton(page)).toBe('朗读');
    expect((await spoken(page)).length).toBe(2);
    await context.close();
  });

  it('goes back to "朗读" when the real speech engine finishes or fails', async () => {
    const { context, page } = await openPage(browser);
    const id = await siteIdByName('测试：劲松换电驿站', RIDER);
    await open(page, sitePath(id));
    await detailHeading(page);
    await page.click('#detail button.read');
    await expect.poll(() => readButton(page), { timeout: 20_000 }).toBe('朗读');
    await context.close();
  });

  it('reads more slowly when asked, and remembers it', async () => {
    const { context, page } = await openPage(browser);
    await recordSpeech(page);
    const id = await siteIdByName('测试：劲松换电驿站', RIDER);
    await open(page, sitePath(id));
    await detailHeading(page);
    await page.click('#detail button.read');
    await page.click('#detail .read-controls label.switch'); // 慢速朗读, while reading: heard at once
    const [normal, slow] = await spoken(page);
    expect(slow?.rate).toBeLessThan(normal!.rate);
    expect(slow?.text).toBe(normal?.text);
    await page.reload();
    await detailHeading(page);
    expect(await page.isChecked('#detail .read-controls input')).toBe(true);
    await page.click('#detail button.read');
    expect((await spoken(page))[0]?.rate).toBe(slow?.rate);
    await context.close();
  });

  it('reads the notice of a retired site', { timeout: LOGIN_MS * 2 }, async () => {
    const { context, page } = await openPage(browser);
    await recordSpeech(page);
    const id = await retiredSiteId(page);
    await open(page, sitePath(id));
    await page.waitForSelector('#detail .retired');
    await page.click('#detail button.read');
    expect((await spoken(page))[0]?.text).toContain('这个站点已不存在');
    await context.close();
  });
});
