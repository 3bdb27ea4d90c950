// Helpers for browser tests: Debian's Chromium (its headless shell) through playwright-core, phone-sized
// contexts that cannot reach the internet, axe-core checks and screenshots.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { HEADLESS_SHELL } from './chromium';
import { leasePage } from './context-pool';
import { forwarding } from './forwarding';

const require = createRequire(import.meta.url);
const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;

/** A phone held in one hand. */
export const PHONE = { width: 360, height: 640 } as const;

export function baseUrl(): string {
  return inject('baseUrl');
}

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * Runs SQL straight on the test server's own local D1 (`wrangler d1 execute --json`) and
 * returns what it printed: for data the API cannot make (a retired site, an old date). It
 * blocks, so call it before a file's pages.
 */
export function executeSql(sql: string): string {
  return execFileSync(
    `${ROOT}node_modules/.bin/wrangler`,
    ['d1', 'execute', 'DB', '--local', '--persist-to', inject('persistTo'), '--json', '--command', sql],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        CI: 'true',
        WRANGLER_SEND_METRICS: 'false',
        XDG_CONFIG_HOME: `${ROOT}.wrangler/browser-test-config`,
      },
    },
  ).toString();
}

/** The hosts of this machine, where the app under test and the tests' proxies listen. */
const LOCAL_HOSTS = ['127.0.0.1', 'localhost'];

/**
 * Chromium resolves no host name but this machine's: a request to any other host (map tiles
 * among them) fails at once, as without a connection. Done by the resolver rather than by
 * routing every request through Playwright, which paused each asset and API call for a
 * round trip to Node.
 */
const LOCAL_HOSTS_ONLY = `--host-resolver-rules=MAP * ~NOTFOUND, ${LOCAL_HOSTS.map((h) => `EXCLUDE ${h}`).join(', ')}`;

const isLocal = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  return !protocol.startsWith('http') || LOCAL_HOSTS.includes(hostname);
};

let shared: Promise<Browser> | undefined;

/**
 * The Chromium of this test process, launched once for all its files (they share their
 * modules: isolate: false), so that contexts pass from one file to the next too. A file's
 * `browser.close()` leaves it to the next file; Playwright ends it when the process exits.
 */
export function launch(): Promise<Browser> {
  shared ??= chromium
    .launch({
      executablePath: HEADLESS_SHELL.executablePath,
      args: ['--headless', ...HEADLESS_SHELL.args, LOCAL_HOSTS_ONLY],
    })
    .then((browser) => {
      browser.on('disconnected', () => {
        shared = undefined;
      });
      return forwarding(browser, (prop) => (prop === 'close' ? async () => undefined : undefined));
    });
  return shared;
}

export interface ContextOptions {
  /** Grant geolocation and report this position. */
  geolocation?: { latitude: number; longitude: number };
  viewport?: { width: number; height: number };
  locale?: string;
  /** Let the app's service worker run (blocked by default, so every request is routed here). */
  serviceWorkers?: boolean;
}

/** The requests a page made to hosts other than this machine, which failed (map tiles among them). */
export interface BlockedRequests {
  urls: string[];
}

/**
 * A page in a context of its own as far as the test can tell: nothing stored, nothing cached,
 * permissions as asked (the context itself may be reused, see context-pool.ts; one with
 * service workers never is). Requests to hosts other than this machine fail (see `launch`)
 * and are listed in `blocked`: tests never reach the internet, and tiles fail.
 */
export async function openPage(
  browser: Browser,
  options: ContextOptions = {},
): Promise<{
  context: BrowserContext;
  page: Page;
  blocked: BlockedRequests;
}> {
  const contextOptions: BrowserContextOptions = {
    viewport: options.viewport ?? PHONE,
    deviceScaleFactor: 1,
    isMobile: (options.viewport ?? PHONE).width < 600,
    hasTouch: true,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: options.serviceWorkers ? 'allow' : 'block',
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
  };
  // Fail a step well before the test's own timeout, so the report names the step.
  const { context, page } = await leasePage(browser, contextOptions, (made) => made.setDefaultTimeout(10_000));
  const blocked: BlockedRequests = { urls: [] };
  page.on('request', (request) => {
    if (!isLocal(request.url())) blocked.urls.push(request.url());
  });
  return { context, page, blocked };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** The WCAG 2.2 AA rules of axe-core. */
export const WCAG22_AA = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] as const;

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Every axe-core violation on the page as it is now (of the rules with these tags, or all rules). */
export async function axeViolations(page: Page, tags?: readonly string[]): Promise<AxeViolation[]> {
  // Evaluated, not added as a <script>: the app's CSP refuses inline scripts (as it should).
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(
    async (only) => {
      type Run = (ctx: Document, options?: object) => Promise<{ violations: AxeViolation[] }>;
      const axe = (window as unknown as { axe: { run: Run } }).axe;
      const result = await axe.run(document, only ? { runOnly: { type: 'tag', values: only } } : {});
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
      }));
    },
    tags ? [...tags] : null,
  );
}

/** Saves a screenshot into tests/artifacts/<name>.png (gitignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}${name}.png`;
  await page.screenshot({ path });
  return path;
}
