// Browser contexts handed from one test to the next. A new context with its first load of the
// map page cost this machine about 1.6 s of CPU (10 loads); a new page in a context that
// already exists, with its HTTP cache and the origins' storage cleared so that the visit is
// still a first one, about 1.1 s. 74 of the suite's 115 page opens reuse a context.
//
// A context goes back to the pool only as the test found it: a test that used anything of the
// context beyond its pages (routes, offline, init scripts, headers, listeners, another page,
// the clock) gets it closed for real when it closes it, and the next test gets a new one.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { forwarding } from './forwarding';

interface Pooled {
  readonly context: BrowserContext;
  /** Origins its pages visited: their storage is cleared before the next test. */
  readonly origins: Set<string>;
  busy: boolean;
}

const pools = new WeakMap<Browser, Map<string, Pooled[]>>();

/** What a test may read of a shared context without changing it for the next test (`then`: awaiting a value that might be a promise). */
const HARMLESS = new Set<PropertyKey>(['pages', 'browser', 'then']);

async function freshPage(entry: Pooled, reused: boolean): Promise<Page> {
  const page = await entry.context.newPage();
  if (reused) {
    const cdp = await entry.context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    for (const origin of entry.origins) await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    await cdp.detach();
    await entry.context.clearCookies();
  }
  page.on('framenavigated', (frame) => {
    const { protocol, origin } = new URL(frame.url());
    if (protocol.startsWith('http')) entry.origins.add(origin);
  });
  return page;
}

/** The pool of contexts made by `browser` with the options spelled `key`. */
function poolFor(browser: Browser, key: string): Pooled[] {
  const byOptions = pools.get(browser) ?? new Map<string, Pooled[]>();
  pools.set(browser, byOptions);
  const pool = byOptions.get(key) ?? [];
  byOptions.set(key, pool);
  return pool;
}

/**
 * A page in a context made with `options` (and `setUp` once made), reused from an earlier test
 * of the same browser and options when that test left it untouched. `context.close()` ends the lease.
 */
export async function leasePage(
  browser: Browser,
  options: BrowserContextOptions,
  setUp: (context: BrowserContext) => void,
): Promise<{ context: BrowserContext; page: Page }> {
  // A service worker outlives its page and can serve the next visit: such contexts are never shared.
  const pool = options.serviceWorkers === 'allow' ? undefined : poolFor(browser, JSON.stringify(options));
  const free = pool?.find((e) => !e.busy);
  const entry = free ?? { context: await browser.newContext(options), origins: new Set<string>(), busy: false };
  if (!free) {
    setUp(entry.context);
    pool?.push(entry);
  }
  entry.busy = true;
  const page = await freshPage(entry, free !== undefined);

  let reusable = pool !== undefined;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    if (!reusable) {
      pool?.splice(pool.indexOf(entry), 1);
      await entry.context.close();
      return;
    }
    await Promise.all(entry.context.pages().map((p) => p.close()));
    entry.busy = false;
  };
  const context = forwarding(entry.context, (prop) => {
    if (prop === 'close') return release;
    if (!HARMLESS.has(prop)) reusable = false;
    return undefined;
  });
  // page.clock and page.context() reach the context too.
  const watchedPage = forwarding(page, (prop) => {
    if (prop === 'clock' || prop === 'context') reusable = false;
    return undefined;
  });
  return { context, page: watchedPage };
}
