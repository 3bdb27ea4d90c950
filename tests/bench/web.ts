// `npm run bench:web [-- --port 8823 --runs 3 --no-lighthouse]`: the map page's main
// thread. Builds the app, loads the seeds plus 1,000 sites inside one phone-sized view into
// a fresh local D1, starts `wrangler dev`, then
//  1. in Chromium with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), opens that
//     view and moves the map (zoom in and out, pans), and prints the long tasks (> 50 ms)
//     during load and during the moves: count, longest, and their blocking time;
//  2. runs Lighthouse (mobile, its default simulated slow 4G and 4× CPU) on `/` and on the
//     1,000-site view, `--runs` times each, and prints the scores and metrics.
// Ends with one JSON line of the figures. Tiles are blocked (no network here), so the map
// draws the base linli ships, as it does offline.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { prng } from '../../seeds/prng';
import { siteStatements } from '../../seeds/seed-sql';
import type { SiteSeed } from '../../seeds/site-seed';
import { assertFullChromium, CHROMIUM } from '../browser/chromium';
import { startWrangler } from './server';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '8823' },
    runs: { type: 'string', default: '3' },
    'task-runs': { type: 'string', default: '3' },
    'no-lighthouse': { type: 'boolean', default: false },
  },
});
const PORT = Number(args.port);
const RUNS = Number(args.runs);
const TASK_RUNS = Number(args['task-runs']);
const ROOT = new URL('../../', import.meta.url).pathname;
const STATE = '.bench/web-state';
const BASE = `http://127.0.0.1:${PORT}`;
const ENV = {
  ...process.env,
  NODE_ENV: 'production',
  CI: 'true',
  NO_COLOR: '1',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  XDG_CONFIG_HOME: `${ROOT}.wrangler/bench-config`,
};
/** A phone (Lighthouse's mobile viewport). */
const PHONE = { width: 412, height: 823 };
/** The view holding the 1,000 bench sites: east Chaoyang at zoom 14. */
const VIEW = { lat: 39.915, lng: 116.51, zoom: 14 };
const SITES = 1000;
/** Half-extent (degrees) of the box the bench sites fill: inside the phone's map at zoom 14. */
const SPREAD = { lat: 0.01, lng: 0.016 };
const KINDS = ['rest_station', 'elder_care', 'park'] as const;

function run(command: string, argv: readonly string[]): void {
  const r = spawnSync(command, argv, { cwd: ROOT, env: ENV, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${command} ${argv.join(' ')} exited with ${r.status}`);
}

function benchSites(): SiteSeed[] {
  const random = prng(20261201);
  return Array.from({ length: SITES }, (_, i) => ({
    external_id: `bench:web-${i}`,
    kind: KINDS[i % KINDS.length]!,
    name: `【样例】基准站点 ${i + 1}`,
    street_code: '110105013', // 高碑店地区, where the box lies
    lat: Number((VIEW.lat + (random() * 2 - 1) * SPREAD.lat).toFixed(6)),
    lng: Number((VIEW.lng + (random() * 2 - 1) * SPREAD.lng).toFixed(6)),
    coord_precision: 'approximate',
    opening_hours: i % 4 === 0 ? 'Mo-Fr 08:00-18:00' : '24/7',
    amenities: i % 2 ? ['drinking_water', 'toilet'] : ['charging'],
    source: 'sample',
  }));
}

function prepare(): void {
  console.log('building the app and a fresh local D1 (seeds + 1,000 bench sites)…');
  run('npm', ['run', 'build', '--silent']);
  rmSync(`${ROOT}${STATE}`, { recursive: true, force: true });
  mkdirSync(`${ROOT}${STATE}`, { recursive: true });
  run(`${ROOT}node_modules/.bin/wrangler`, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE]);
  run(`${ROOT}node_modules/.bin/tsx`, ['seeds/load-local.ts', '--persist-to', STATE]);
  const file = `${STATE}/bench-sites.sql`;
  writeFileSync(`${ROOT}${file}`, `${siteStatements(benchSites()).join('\n')}\n`);
  run(`${ROOT}node_modules/.bin/wrangler`, ['d1', 'execute', 'DB', '--local', '--persist-to', STATE, '--file', file]);
}

interface TaskFigures {
  count: number;
  max_ms: number;
  /** When the longest task began (ms after the navigation): which part of the load it was. */
  max_at_ms: number;
  blocking_ms: number;
  longest_ms: number[];
}
const figures = (tasks: { start: number; duration: number }[]): TaskFigures => {
  const longest = [...tasks].sort((a, b) => b.duration - a.duration);
  return {
    count: tasks.length,
    max_ms: Math.round(longest[0]?.duration ?? 0),
    max_at_ms: Math.round(longest[0]?.start ?? 0),
    blocking_ms: Math.round(tasks.reduce((n, t) => n + Math.max(0, t.duration - 50), 0)),
    longest_ms: longest.slice(0, 3).map((t) => Math.round(t.duration)),
  };
};

/** Long tasks while the 1,000-site view loads and while the map moves, with the CPU slowed 4×. */
async function longTasks(): Promise<{ load: TaskFigures; moves: TaskFigures; moveCount: number }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM.executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => route.abort('internetdisconnected'),
    );
    // A string, not a function: it runs in the page (this file is type-checked for Node).
    await context.addInitScript({
      content: `window.__longTasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
          .observe({ type: 'longtask', buffered: true });`,
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // The page is read through CDP and driven by pointer events at coordinates only:
    // Playwright's selectors and waitForSelector inject its own script into the page,
    // whose evaluation (~100 ms at 4×) and polling layouts would count as the app's long tasks.
    const read = async <T>(expression: string): Promise<T> =>
      (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })).result.value as T;
    const centreOf = async (selector: string) => {
      const box = await read<{
        x: number;
        y: number;
      } | null>(`(() => { const r = document.querySelector(${JSON.stringify(selector)})?.getBoundingClientRect();
        return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null; })()`);
      if (!box) throw new Error(`${selector} is not on the page`);
      return box;
    };
    // The map asks for data tiles (or one box when a view needs more than 16 of them).
    const viewLoaded = () =>
      page.waitForResponse((r) => /\/api\/v1\/sites(\/tiles\/|\?bbox=)/.test(r.url()), { timeout: 30_000 });
    const settle = async () => {
      const deadline = Date.now() + 30_000;
      while (
        !(await read<boolean>(
          `!!document.querySelector('.leaflet-control-zoom-in') && !document.querySelector('#list-panel[aria-busy]')`,
        ))
      ) {
        if (Date.now() > deadline) throw new Error('the view did not settle within 30 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 1500));
    };

    await Promise.all([
      viewLoaded(),
      page.goto(`${BASE}/?lat=${VIEW.lat}&lng=${VIEW.lng}&z=${VIEW.zoom}`, { timeout: 60_000 }),
    ]);
    await settle();
    const movesFrom = await read<number>('performance.now()');

    const { x: cx, y: cy } = await centreOf('#map');
    const zoomIn = await centreOf('.leaflet-control-zoom-in');
    const zoomOut = await centreOf('.leaflet-control-zoom-out');
    const drag = async (dx: number, dy: number) => {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + dx, cy + dy, { steps: 8 });
      await page.mouse.up();
    };
    const moves: (() => Promise<unknown>)[] = [
      () => page.mouse.click(zoomIn.x, zoomIn.y), // 15: sites, grouped on the device
      () => drag(-120, 60),
      () => page.mouse.click(zoomIn.x, zoomIn.y), // 16
      () => drag(100, -80),
      () => page.mouse.click(zoomOut.x, zoomOut.y),
      () => page.mouse.click(zoomOut.x, zoomOut.y), // 14: the server's clusters
      () => page.mouse.click(zoomOut.x, zoomOut.y), // 13
      () => drag(80, 80),
      () => page.mouse.click(zoomIn.x, zoomIn.y),
      () => drag(-80, -80),
    ];
    for (const move of moves) {
      await Promise.all([viewLoaded(), move()]);
      await settle();
    }
    const tasks = await read<{ start: number; duration: number }[]>('window.__longTasks');
    return {
      load: figures(tasks.filter((t) => t.start < movesFrom)),
      moves: figures(tasks.filter((t) => t.start >= movesFrom)),
      moveCount: moves.length,
    };
  } finally {
    await browser.close();
  }
}

interface LighthouseRun {
  performance: number;
  accessibility: number;
  best_practices: number;
  fcp_ms: number;
  lcp_ms: number;
  tbt_ms: number;
  cls: number;
  si_ms: number;
}

function lighthouse(url: string): LighthouseRun {
  const out = `${ROOT}.bench/lighthouse.json`;
  const r = spawnSync(
    `${ROOT}node_modules/.bin/lighthouse`,
    [
      url,
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
      '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run',
    ],
    { cwd: ROOT, env: { ...ENV, CHROME_PATH: CHROMIUM.executablePath }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`lighthouse exited with ${r.status}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    categories: Record<string, { score: number }>;
    audits: Record<string, { numericValue: number }>;
  };
  const score = (c: string) => Math.round((report.categories[c]?.score ?? 0) * 100);
  const ms = (a: string) => Math.round(report.audits[a]?.numericValue ?? NaN);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    best_practices: score('best-practices'),
    fcp_ms: ms('first-contentful-paint'),
    lcp_ms: ms('largest-contentful-paint'),
    tbt_ms: ms('total-blocking-time'),
    cls: Number((report.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)),
    si_ms: ms('speed-index'),
  };
}

/**
 * One Lighthouse run, run again once when Lighthouse itself fails (it sometimes loses the
 * trace of a load, NO_NAVSTART, and asks to be run again): a failed run scores nothing.
 */
function lighthouseAgain(url: string): LighthouseRun {
  try {
    return lighthouse(url);
  } catch (error) {
    console.log(`  (${String(error)}: running it again)`);
    return lighthouse(url);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  assertFullChromium();
  prepare();
  const server = await startWrangler({ port: PORT, state: STATE, env: ENV, cwd: ROOT });
  const result: Record<string, unknown> = {};
  try {
    console.log('\nlong tasks (> 50 ms), CPU slowed 4×, 1,000 sites in the view:');
    const taskRuns = [];
    for (let i = 0; i < TASK_RUNS; i++) {
      const tasks = await longTasks();
      taskRuns.push(tasks);
      console.log(
        `  run ${i + 1} load: ${tasks.load.count} long tasks, longest ${tasks.load.longest_ms.join(' / ')} ms (the longest began ${tasks.load.max_at_ms} ms after the navigation), blocking ${tasks.load.blocking_ms} ms`,
      );
      console.log(
        `  run ${i + 1} ${tasks.moveCount} map moves: ${tasks.moves.count} long tasks, longest ${tasks.moves.longest_ms.join(' / ')} ms, blocking ${tasks.moves.blocking_ms} ms`,
      );
    }
    console.log(
      `  longest task, median of runs: load ${median(taskRuns.map((r) => r.load.max_ms))} ms, moves ${median(taskRuns.map((r) => r.moves.max_ms))} ms`,
    );
    result.long_tasks = taskRuns;

    if (!args['no-lighthouse']) {
      const pages = { home: `${BASE}/`, sites_1000: `${BASE}/?lat=${VIEW.lat}&lng=${VIEW.lng}&z=${VIEW.zoom}` };
      const lh: Record<string, LighthouseRun[]> = {};
      for (const [name, url] of Object.entries(pages)) {
        lh[name] = [];
        for (let i = 0; i < RUNS; i++) {
          const r = lighthouseAgain(url);
          lh[name].push(r);
          console.log(
            `lighthouse (mobile) ${name} run ${i + 1}: performance ${r.performance}, accessibility ${r.accessibility}, ` +
              `best practices ${r.best_practices}; FCP ${r.fcp_ms} ms, LCP ${r.lcp_ms} ms, TBT ${r.tbt_ms} ms, CLS ${r.cls}, SI ${r.si_ms} ms`,
          );
        }
        console.log(
          `  ${name}: performance median ${median(lh[name].map((r) => r.performance))} ` +
            `(min ${Math.min(...lh[name].map((r) => r.performance))}), TBT median ${median(lh[name].map((r) => r.tbt_ms))} ms`,
        );
      }
      result.lighthouse = lh;
    }
  } finally {
    await server.stop();
  }
  console.log(JSON.stringify(result));
}

await main();
