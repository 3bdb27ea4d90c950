// `npm run bench [-- --sites N --queries Q --full-scan-queries F]`: loads N synthetic sites
// (seeds/national.ts) into a local D1, starts `wrangler dev` with the baseline engines
// enabled, and drives the same random queries through each engine over HTTP. Prints rows
// read per returned row, client-measured latency and peak memory per engine and query
// kind, then one JSON line with the figures.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sitePoint } from '../../seeds/national';
import { prng } from '../../seeds/prng';
import { bulkLoad, d1File } from './load';
import { watchWorkerd } from './memory';
import { summary } from './stats';

const { values: args } = parseArgs({
  options: {
    sites: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '1000' },
    'full-scan-queries': { type: 'string', default: '50' },
    port: { type: 'string', default: '8791' },
    seed: { type: 'string', default: '20261125' },
  },
});
const SITES = Number(args.sites);
const QUERIES = Number(args.queries);
const FULL_SCAN_QUERIES = Math.min(QUERIES, Number(args['full-scan-queries']));
const PORT = Number(args.port);
const SEED = Number(args.seed);
const STATE = '.bench/state';
const BASE = `http://127.0.0.1:${PORT}`;
const ENV = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };

const ENGINES = ['linli', 'latlng_index', 'full_scan'] as const;
type EngineName = (typeof ENGINES)[number];
const KINDS = ['nearest10', 'radius1km', 'radius3km', 'street_view'] as const;
type QueryKind = (typeof KINDS)[number];

interface Point { lat: number; lng: number }

/** The request for one query kind at a point (street view: 1.5 km × 1 km at zoom 16). */
function pathFor(kind: QueryKind, p: Point): string {
  const at = `lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}`;
  switch (kind) {
    case 'nearest10': return `/api/v1/sites/nearby?${at}&kind=rest_station&limit=10`;
    case 'radius1km': return `/api/v1/sites/nearby?${at}&radius_m=1000&limit=100`;
    case 'radius3km': return `/api/v1/sites/nearby?${at}&radius_m=3000&limit=100`;
    case 'street_view': {
      const dLat = 0.5 / 111.195, dLng = 0.75 / (111.195 * Math.cos((p.lat * Math.PI) / 180));
      const bbox = [p.lng - dLng, p.lat - dLat, p.lng + dLng, p.lat + dLat].map((v) => v.toFixed(6)).join(',');
      return `/api/v1/sites?bbox=${bbox}&zoom=16`;
    }
  }
}

interface Sample { rowsRead: number; returned: number; ms: number; answer: string }

async function query(path: string, engine: EngineName): Promise<Sample> {
  const url = `${BASE}${path}${engine === 'linli' ? '' : `&engine=${engine}`}`;
  const started = performance.now();
  const res = await fetch(url);
  const body = await res.json() as { data?: { id: number }[]; features?: { id?: number; properties: { count?: number } }[]; meta: { rows_read: number; mode?: string } };
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
  const items = body.data ?? body.features ?? [];
  // What a user sees, to check that every engine gives the same answer.
  const answer = body.meta.mode === 'clusters' ? `clusters` : items.map((i) => i.id).join(',');
  return { rowsRead: body.meta.rows_read, returned: items.length, ms, answer };
}

function run(cmd: string, argv: string[]) {
  const r = spawnSync(cmd, argv, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

async function waitForServer(child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${log()}`);
    try { if ((await fetch(`${BASE}/api/v1/health`)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`wrangler dev did not start:\n${log()}`);
}

async function main() {
  console.log(`linli geo benchmark: ${SITES.toLocaleString('en')} sites, ${QUERIES} queries per kind (full scan: ${FULL_SCAN_QUERIES}), seed ${SEED}`);
  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  // wrangler dev refuses to start without the assets directory of wrangler.toml.
  if (!existsSync('web/dist')) mkdirSync('web/dist', { recursive: true });
  run('node_modules/.bin/wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE]);
  const load = bulkLoad(d1File(STATE), SITES, SEED);
  console.log(`load: ${SITES.toLocaleString('en')} sites in ${load.sitesSeconds.toFixed(1)} s (cell_counts kept by triggers: ${load.cellCounts.toLocaleString('en')} rows); baseline (lat, lng) index built in ${load.latlngIndexSeconds.toFixed(1)} s`);

  let log = '';
  const child = spawn('node_modules/.bin/wrangler', ['dev', '--ip', '127.0.0.1', '--port', String(PORT), '--persist-to', STATE, '--var', 'BENCH_ENGINES:1'], {
    env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => { log += d; });
  child.stderr!.on('data', (d: Buffer) => { log += d; });
  const stop = () => { try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ } };
  process.on('exit', stop);
  process.on('SIGINT', () => { stop(); process.exit(130); });

  try {
    await waitForServer(child, () => log);
    const memory = watchWorkerd(child.pid!);
    const rand = prng(SEED ^ 0x5eed);
    const points: Point[] = Array.from({ length: QUERIES }, () => sitePoint(rand));
    // Warm the page cache so the first engine measured is not the only one paying for cold reads.
    for (const p of points.slice(0, 50)) await query(pathFor('radius3km', p), 'linli');

    type Figures = { rows_read_per_result: ReturnType<typeof summary>; rows_read: ReturnType<typeof summary>; latency_ms: ReturnType<typeof summary>; returned_mean: number; empty: number; queries: number; same_answer_as_linli?: string };
    const results: Record<EngineName, Partial<Record<QueryKind, Figures>>> = { linli: {}, latlng_index: {}, full_scan: {} };
    for (const kind of KINDS) {
      // Engines take turns at each point, in rotating order, so none is favoured by a warm cache.
      const samples = new Map<EngineName, Sample[]>(ENGINES.map((e) => [e, []]));
      const same = new Map<EngineName, number>(ENGINES.map((e) => [e, 0]));
      for (let i = 0; i < QUERIES; i++) {
        const order = ENGINES.map((_, j) => ENGINES[(i + j) % ENGINES.length]!)
          .filter((e) => e !== 'full_scan' || i < FULL_SCAN_QUERIES);
        const answers = new Map<EngineName, Sample>();
        for (const engine of order) answers.set(engine, await query(pathFor(kind, points[i]!), engine));
        for (const [engine, s] of answers) {
          samples.get(engine)!.push(s);
          if (s.answer === answers.get('linli')!.answer) same.set(engine, same.get(engine)! + 1);
        }
      }
      for (const engine of ENGINES) {
        const list = samples.get(engine)!;
        const n = list.length;
        results[engine][kind] = {
          queries: n,
          rows_read_per_result: summary(list.map((s) => s.rowsRead / Math.max(1, s.returned))),
          rows_read: summary(list.map((s) => s.rowsRead), 0),
          latency_ms: summary(list.map((s) => s.ms)),
          returned_mean: Math.round((list.reduce((t, s) => t + s.returned, 0) / n) * 10) / 10,
          empty: list.filter((s) => s.returned === 0).length,
          ...(engine === 'linli' ? {} : { same_answer_as_linli: `${same.get(engine)}/${n}` }),
        };
        const f = results[engine][kind]!;
        console.log(`${kind.padEnd(11)} ${engine.padEnd(12)} n=${String(n).padStart(4)}  rows/result p50 ${String(f.rows_read_per_result.p50).padStart(8)} p95 ${String(f.rows_read_per_result.p95).padStart(9)} max ${String(f.rows_read_per_result.max).padStart(9)}`
          + `  | rows read p50 ${String(f.rows_read.p50).padStart(7)}  | latency ms p50 ${String(f.latency_ms.p50).padStart(8)} p95 ${String(f.latency_ms.p95).padStart(8)}`
          + `  | returned avg ${f.returned_mean}, empty ${f.empty}${f.same_answer_as_linli ? `, same answer as linli ${f.same_answer_as_linli}` : ''}`);
      }
    }
    const workerdPeakMb = memory.peakMb();
    memory.stop();
    const nodePeakMb = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(`peak memory: workerd ${workerdPeakMb} MB (RSS, /proc polled), bench node process ${nodePeakMb} MB`);
    console.log(`notes: full scan runs only the first ${FULL_SCAN_QUERIES} query points of each kind (a full scan of ${SITES.toLocaleString('en')} rows per query); rows/result divides by max(1, results), so empty answers count their rows read whole; in clusters mode results are clusters; latency is measured by this client, one request at a time, over loopback.`);

    const engines = Object.fromEntries(ENGINES.map((e) => {
      const nearest = results[e].nearest10!;
      return [e, {
        rows_read_per_result_p50: nearest.rows_read_per_result.p50,
        rows_read_per_result_p95: nearest.rows_read_per_result.p95,
        latency_ms_p50: nearest.latency_ms.p50,
        latency_ms_p95: nearest.latency_ms.p95,
        kinds: results[e],
      }];
    }));
    console.log(JSON.stringify({ sites: SITES, queries: QUERIES, full_scan_queries: FULL_SCAN_QUERIES, load_seconds: Math.round(load.sitesSeconds * 10) / 10, peak_memory_mb: { workerd: workerdPeakMb, node: nodePeakMb }, engines }));
  } finally {
    stop();
    // Wait for wrangler and its workerd to go, so no process outlives the benchmark.
    for (let i = 0; i < 50 && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
  }
}

main().catch((error: unknown) => { console.error(error); process.exitCode = 1; });
