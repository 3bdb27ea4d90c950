// `npm run bench:field [-- --runs 3 --rtt 2000 --bps 50000]`: the rider on a weak signal.
// Builds the app, serves it with its seed data (`wrangler dev`), puts the slow loopback
// proxy ../shared/tools/slownet in front (every request, the service worker's included,
// waits RTT ms and comes at BPS bytes/s), and opens the page in phone-sized Chromium with
// the location granted in 劲松:
//   first visit — a new browser profile: opening the page → the nearest rest station's row in the list;
//   returning   — the same profile, the browser started again (shell cached, sites saved):
//                 opening the page → that row from the device, and → the network's update.
// Also when the buttons become usable. Prints each run and the medians, then one JSON line.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BrowserContext, chromium } from 'playwright-core';
import { assertFullChromium, CHROMIUM } from '../browser/chromium';
import { type DevServer, startWrangler } from './server';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    rtt: { type: 'string', default: '2000' },
    bps: { type: 'string', default: '50000' },
    port: { type: 'string', default: '8813' },
    'proxy-port': { type: 'string', default: '8814' },
    slownet: { type: 'string' },
  },
});
const ROOT = new URL('../../', import.meta.url).pathname;
const RUNS = Number(args.runs);
const APP = `http://127.0.0.1:${args.port}`;
const SLOW = `http://127.0.0.1:${args['proxy-port']}`;
const SLOWNET = args.slownet ?? join(ROOT, '../shared/tools/slownet');
const STATE = '.bench/field-state';
const RIDER = { lat: 39.8837, lng: 116.462 }; // 劲松, as in the issue
const ENV = {
  ...process.env,
  NODE_ENV: 'production',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  CI: 'true',
  XDG_CONFIG_HOME: join(ROOT, '.bench/config'),
  NO_COLOR: '1',
};
/** Give up on a page step after this long (ms): a figure beyond it is a failure, not a measurement. */
const STEP_TIMEOUT_MS = 60_000;

function run(cmd: string, argv: string[]): void {
  const r = spawnSync(cmd, argv, { cwd: ROOT, env: ENV, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status})`);
}

async function waitFor(url: string, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not answer ${url}`);
}

function stop(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
}

/** In the page, from before its scripts: when the buttons work, when the station's row shows, when the network's answer replaced the device's. */
const WATCH = (stationId: number) => `(() => {
  const marks = (window.__field = {});
  const check = () => {
    const now = performance.now();
    const button = document.getElementById('nearest-open');
    if (marks.ready === undefined && button && !button.disabled) marks.ready = now;
    const row = document.querySelector('#list button.site-row[data-site-id="${stationId}"]');
    if (marks.station === undefined && row) marks.station = now;
    const fromDevice = document.querySelector('#list-status .saved-age, #list-status .offline-age');
    if (marks.network === undefined && row && !fromDevice && !document.querySelector('#list-panel[aria-busy]')) marks.network = now;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

/** -1 until the service worker is active, then the number of sites saved in IndexedDB. */
const SAVED_SITES = `navigator.serviceWorker.getRegistration().then((r) => r?.active?.state !== 'activated' ? -1
  : new Promise((resolve) => { const q = indexedDB.open('linli-offline'); q.onerror = () => resolve(-1);
    q.onsuccess = () => { const c = q.result.transaction('sites').objectStore('sites').count(); c.onsuccess = () => resolve(c.result); }; }))`;
/** The saved count must hold still this long (ms) to count as done. */
const SETTLED_MS = 4_000;

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Marks {
  ready?: number;
  station?: number;
  network?: number;
}

function phone(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    ...CHROMIUM,
    headless: true,
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
    geolocation: { latitude: RIDER.lat, longitude: RIDER.lng },
    permissions: ['geolocation'],
  });
}

async function visit(
  profile: string,
  stationId: number,
  afterwards?: (ctx: BrowserContext) => Promise<void>,
): Promise<Marks> {
  const context = await phone(profile);
  // No request leaves this machine (map tiles fail, as they would for many riders anyway).
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (r) => r.abort(),
  );
  await context.addInitScript(WATCH(stationId));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${SLOW}/`, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
  // (Strings, not functions: this script is checked without the DOM's types.)
  // Polled with evaluate (CDP, outside the page's CSP): waitForFunction with a string
  // evaluates it inside the page, which the app's script-src 'self' refuses. The marks
  // are taken in the page, so the polling interval does not change the figures.
  await until(
    async () => (await page.evaluate('window.__field.network !== undefined')) === true,
    STEP_TIMEOUT_MS,
    "the network's answer",
  ).catch(async (err: Error) => {
    throw new Error(
      `${err.message}; marks so far ${JSON.stringify(await page.evaluate('window.__field'))}; list status: ${await page.textContent('#list-status')}`,
    );
  });
  const marks = (await page.evaluate('window.__field')) as Marks;
  await afterwards?.(context);
  await context.close();
  return marks;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const sec = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);

async function main(): Promise<void> {
  assertFullChromium();
  if (!existsSync(SLOWNET)) throw new Error(`slownet not found at ${SLOWNET} (pass --slownet PATH)`);
  run('npm', ['run', 'build', '--silent']);
  rmSync(join(ROOT, STATE), { recursive: true, force: true });
  mkdirSync(join(ROOT, STATE), { recursive: true });
  run(join(ROOT, 'node_modules/.bin/wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE]);
  run(join(ROOT, 'node_modules/.bin/tsx'), ['seeds/load-local.ts', '--persist-to', STATE]);
  const proxy = spawn(
    process.execPath,
    [
      SLOWNET,
      '--target',
      APP,
      '--port',
      String(args['proxy-port']),
      '--rtt',
      String(args.rtt),
      '--bps',
      String(args.bps),
    ],
    { cwd: ROOT, detached: true, stdio: 'ignore' },
  );
  let server: DevServer | undefined;
  try {
    server = await startWrangler({ port: Number(args.port), state: STATE, env: ENV, cwd: ROOT });
    await waitFor(`${SLOW}/api/v1/health`, 'slownet');
    const nearest = (await (
      await fetch(`${APP}/api/v1/sites/nearby?lat=${RIDER.lat}&lng=${RIDER.lng}&kind=rest_station&limit=1`)
    ).json()) as { data: { id: number; name: string; distance_m: number }[] };
    const station = nearest.data[0];
    if (!station) throw new Error('no rest station near the rider in the seed data');
    console.log(
      `slownet ${args.rtt} ms per request, ${args.bps} B/s; rider at ${RIDER.lat},${RIDER.lng}; nearest station ${station.name} (${station.distance_m} m)`,
    );

    const first: Marks[] = [];
    const returning: Marks[] = [];
    for (let i = 0; i < RUNS; i++) {
      const profile = mkdtempSync(join(tmpdir(), 'linli-field-'));
      try {
        first.push(
          await visit(profile, station.id, async (ctx) => {
            // Stay until the service worker has precached the shell and the sites around are saved,
            // as a rider's phone would while the page is open for a minute.
            const page = ctx.pages()[0]!;
            let last = -1;
            let since = Date.now();
            await until(
              async () => {
                const n = (await page.evaluate(SAVED_SITES)) as number;
                if (n !== last) {
                  last = n;
                  since = Date.now();
                }
                return n > 0 && Date.now() - since >= SETTLED_MS;
              },
              120_000,
              'the shell and the sites around saved',
            );
          }),
        );
        returning.push(await visit(profile, station.id));
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
      const f = first[i]!,
        r = returning[i]!;
      console.log(
        `run ${i + 1}: first visit: buttons ${sec(f.ready)}, station ${sec(f.station)} | returning: buttons ${sec(r.ready)}, station ${sec(r.station)}, network update ${sec(r.network)}`,
      );
    }
    const pick = (xs: Marks[], k: keyof Marks) => median(xs.map((m) => m[k] ?? Number.NaN));
    const result = {
      rtt_ms: Number(args.rtt),
      bps: Number(args.bps),
      runs: RUNS,
      first_visit: { buttons_ms: pick(first, 'ready'), station_ms: pick(first, 'station') },
      returning: {
        buttons_ms: pick(returning, 'ready'),
        station_ms: pick(returning, 'station'),
        network_update_ms: pick(returning, 'network'),
      },
    };
    console.log(
      `median first visit: station ${sec(result.first_visit.station_ms)} (target ≤ 8 s), buttons ${sec(result.first_visit.buttons_ms)}`,
    );
    console.log(
      `median returning: station ${sec(result.returning.station_ms)} (target ≤ 1.5 s), buttons ${sec(result.returning.buttons_ms)}, network update ${sec(result.returning.network_update_ms)}`,
    );
    console.log(JSON.stringify(result));
  } finally {
    stop(proxy);
    await server?.stop();
  }
}

await main();
