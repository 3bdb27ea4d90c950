// Security headers in Chromium: every view of the map page and of the console runs under
// the Content-Security-Policy with no violation reported, and no foreign page can frame it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage } from './browser';
import { ADMIN, DESKTOP, DEMO_EDITOR as EDITOR } from './console-accounts';
import { RIDER } from './fixtures';
import { detailHeading, listSettled, open, siteIdByName } from './map-page';

const ROOT = new URL('../../', import.meta.url).pathname;
const near = `/?lat=${RIDER.lat}&lng=${RIDER.lng}&z=16&at=${RIDER.lat},${RIDER.lng}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  page: string;
}

/**
 * Collects every CSP violation a page of the context reports (the `securitypolicyviolation`
 * event, from a script Chromium injects before the page's own), and Chromium's CSP console errors.
 */
async function watchCsp(
  context: BrowserContext,
): Promise<{ consoleErrors: string[]; documents: Map<string, string | undefined> }> {
  const consoleErrors: string[] = [];
  const documents = new Map<string, string | undefined>();
  await context.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __csp: unknown[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
        page: location.href,
      });
    });
  });
  context.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) consoleErrors.push(msg.text());
  });
  context.on('response', (res) => {
    if (res.request().resourceType() === 'document') documents.set(res.url(), res.headers()['content-security-policy']);
  });
  return {
    consoleErrors,
    documents,
  };
}

async function violationsOf(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __csp?: Violation[] }).__csp ?? []);
}

async function logIn(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl()}/console/`, { waitUntil: 'domcontentloaded', timeout: 30_000 });
  await page.getByLabel('用户名', { exact: true }).fill(who.username);
  await page.getByLabel('密码', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: '本街道站点' }).waitFor({ timeout: 30_000 });
}

async function showView(page: Page, hash: string, heading: RegExp | string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.getByRole('heading', { name: heading }).first().waitFor({ timeout: 15_000 });
}

describe('Content-Security-Policy', () => {
  it('reports a violation when a script is injected inline (the collector works)', async () => {
    const { context, page } = await openPage(browser);
    await watchCsp(context);
    await open(page, '/');
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
      return new Promise<boolean>((resolve) =>
        setTimeout(() => resolve((window as unknown as { __injected?: boolean }).__injected === true), 200),
      );
    });
    expect(ran).toBe(false);
    expect((await violationsOf(page)).map((v) => v.directive)).toContain('script-src-elem');
    await context.close();
  });

  it('is on every page and reports no violation on any view of the map page', async () => {
    const { context, page } = await openPage(browser, { serviceWorkers: true });
    const watch = await watchCsp(context);
    const seen: Violation[] = [];
    const collect = async () => seen.push(...(await violationsOf(page)));

    await open(page, '/');
    await collect();
    await open(page, near);
    await page.waitForSelector('.site-marker');
    await page.click('#list button.site-row');
    await detailHeading(page);
    await page.click('#detail details.report summary');
    await page.click('label[for="large-text"]');
    await page.click('#lang-toggle');
    await listSettled(page);
    await collect();
    const id = await siteIdByName('测试：劲松换电驿站', RIDER);
    await open(page, `/?site=${id}`);
    await detailHeading(page);
    await collect();
    await open(page, '/?lat=39.90870&lng=116.39750&z=11');
    await page.waitForSelector('.leaflet-marker-icon');
    await collect();
    // Location refused (no permission granted): the fallback and the map picker.
    await page.click('#nearest-open');
    await page.waitForSelector('#locate-fallback:not([hidden])');
    await page.click('#pick-on-map');
    await collect();
    // The service worker registered under worker-src 'self'.
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'))
      .toBe('activated');
    await collect();

    expect(seen).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.documents.size).toBeGreaterThan(0);
    for (const [url, csp] of watch.documents) {
      expect(csp, url).toMatch(/script-src 'self'(;|$)/);
      expect(csp, url).toContain("frame-ancestors 'none'");
    }
    await context.close();
  }, 90_000);

  it('reports no violation on any view of the console, as an editor and as the administrator', async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP });
    const watch = await watchCsp(context);
    await context.setExtraHTTPHeaders({ 'cf-connecting-ip': '203.0.113.201' });
    const seen: Violation[] = [];
    const collect = async () => seen.push(...(await violationsOf(page)));

    await page.goto(`${baseUrl()}/console/`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { name: '街道工作人员登录' }).waitFor();
    await collect();
    await logIn(page, EDITOR);
    await page.locator('tbody tr').first().waitFor();
    await collect();
    await showView(page, '#/sites/new', /新增站点|添加站点/);
    await page.locator('.leaflet-container').first().waitFor();
    await collect();
    const id = Number(
      await page.evaluate(async () => {
        const res = await fetch('/api/v1/console/sites?limit=1', { credentials: 'same-origin' });
        return ((await res.json()) as { data: { id: number }[] }).data[0]!.id;
      }),
    );
    await showView(page, `#/sites/${id}`, /./);
    await page.locator('.leaflet-container').first().waitFor();
    await collect();
    await showView(page, `#/sites/${id}/history`, /修改记录/);
    await collect();
    await showView(page, '#/import', /导入/);
    await collect();
    await showView(page, '#/reports', '待处理的群众反馈');
    await collect();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '街道工作人员登录' }).waitFor();
    await page.getByLabel('用户名', { exact: true }).fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: '本街道站点' }).waitFor({ timeout: 30_000 });
    await showView(page, '#/accounts', '账号管理');
    await collect();
    await page.goto(`${baseUrl()}/api/v1/docs`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The docs page's one style element passes by its nonce: the page is styled.
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui');
    await collect();

    expect(seen).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it("keeps the logged-in console out of a foreign page's frame", async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP });
    await context.setExtraHTTPHeaders({ 'cf-connecting-ip': '203.0.113.202' });
    await logIn(page, EDITOR);
    // A page of another origin (localhost is not 127.0.0.1) that frames the console.
    const foreign = baseUrl().replace('127.0.0.1', 'localhost');
    const consoleInFrame = async (stripHeaders: boolean) => {
      const framed = await context.newPage();
      await framed.route(`${foreign}/evil.html`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><iframe src="${baseUrl()}/console/" width="800" height="600"></iframe>`,
        }),
      );
      if (stripHeaders) {
        // The control: the same console without its headers does load in the frame.
        await framed.route(`${baseUrl()}/console/`, async (route) => {
          const res = await route.fetch();
          const headers = { ...res.headers() };
          delete headers['content-security-policy'];
          delete headers['x-frame-options'];
          await route.fulfill({ response: res, headers });
        });
      }
      await framed.goto(`${foreign}/evil.html`);
      const frame = framed.frames().find((f) => f !== framed.mainFrame())!;
      await framed.waitForTimeout(1000);
      const found = await frame
        .locator('#console')
        .count()
        .catch(() => 0);
      const url = frame.url();
      await framed.close();
      return { found, url };
    };
    expect(await consoleInFrame(true)).toMatchObject({ found: 1 });
    const blocked = await consoleInFrame(false);
    expect(blocked.found).toBe(0);
    expect(blocked.url).not.toContain('/console/');
    await context.close();
  });

  it('sends the security headers with every kind of asset, the app shell and the API', async () => {
    const html = await (await fetch(`${baseUrl()}/`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
    const paths = [
      '/',
      '/console/',
      '/some/deep/link',
      '/sw.js',
      '/manifest.webmanifest',
      ...assets,
      '/api/v1/health',
      '/api/v1/nope',
      '/api/v1/docs',
    ];
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const path of paths) {
      const res = await fetch(`${baseUrl()}${path}`);
      const where = `${path} (${res.status})`;
      expect(res.headers.get('content-security-policy'), where).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-frame-options'), where).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), where).toBe('strict-origin-when-cross-origin');
      if (!path.startsWith('/api/'))
        expect(res.headers.get('content-security-policy'), where).toMatch(
          /img-src 'self' data: blob: https:\/\/tile\.openstreetmap\.org/,
        );
    }
  });

  it('names the tile hosts of the tile URL the app is built with, one per {s} subdomain Leaflet requests', () => {
    const out = mkdtempSync(`${tmpdir()}/linli-headers-`);
    try {
      execFileSync(
        `${ROOT}node_modules/.bin/vite`,
        ['build', '--config', 'web/vite.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
        {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'inherit'],
          env: {
            ...process.env,
            NODE_ENV: 'production',
            VITE_TILE_URL: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=k',
            VITE_TILE_ATTRIBUTION: '天地图',
          },
        },
      );
      const csp = /Content-Security-Policy: (.*)/.exec(readFileSync(`${out}/_headers`, 'utf8'))?.[1] ?? '';
      expect(csp).toContain(
        "img-src 'self' data: blob: https://ta.tianditu.gov.cn https://tb.tianditu.gov.cn https://tc.tianditu.gov.cn;",
      );
      expect(csp).not.toContain('openstreetmap');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
