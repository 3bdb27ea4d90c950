// `npm run bench [-- --sites N --queries Q --full-scan-queries F --datasets national,corridors]`:
// for each dataset, loads N synthetic sites (seeds/national.ts) into a local D1, starts
// `wrangler dev` with the baseline engines enabled, and drives the same queries through
// each engine over HTTP, with a `SELECT 1` route (/api/v1/health) timed at every point as
// the platform's floor. Every answer is checked against a brute-force oracle. Prints rows
// read per returned row, round trips, client latency and peak memory per engine and query
// kind, then one JSON line with the figures.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DATASETS, type DatasetName, nationalSites } from '../../seeds/national';
import { prng } from '../../seeds/prng';
import { dataTilesOf } from '../../worker/core/geo/data-tiles';
import { bulkLoad, d1File } from './load';
import { watchWorkerd } from './memory';
import { clusterAnswer, Oracle } from './oracle';
import { PostGis, postgisMissing } from './postgis';
import { ALL_KINDS, type Point, type QueryKind, queryFor, queryPoints, withEngine } from './queries';
import { type DevServer, run, startWrangler } from './server';
import { type Summary, summary } from './stats';

const { values: args } = parseArgs({
  options: {
    sites: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '1000' },
    'full-scan-queries': { type: 'string', default: '50' },
    port: { type: 'string', default: '8861' },
    seed: { type: 'string', default: '20261125' },
    datasets: { type: 'string', default: 'national,corridors' },
    kinds: { type: 'string', default: 'nearest10,radius1km,radius3km,street_view,city_view' },
    engines: { type: 'string', default: 'linli,latlng_index,kind_latlng,morton_fixed,full_scan' },
    /** `auto`: compare with PostGIS when PostgreSQL 15 + PostGIS 3 are installed; `off`: never. */
    postgis: { type: 'string', default: 'auto' },
    /** Where the local databases go (one folder per dataset). */
    state: { type: 'string', default: '.bench' },
  },
});
const SITES = Number(args.sites);
const QUERIES = Number(args.queries);
const FULL_SCAN_QUERIES = Math.min(QUERIES, Number(args['full-scan-queries']));
const PORT = Number(args.port);
const SEED = Number(args.seed);
const DATASET_NAMES = args.datasets
  .split(',')
  .map((d) => d.trim())
  .filter(Boolean) as DatasetName[];
for (const d of DATASET_NAMES)
  if (!(d in DATASETS)) throw new Error(`unknown dataset ${d}; expected some of ${Object.keys(DATASETS).join(', ')}`);
const BASE = `http://127.0.0.1:${PORT}`;

const ALL_ENGINES = ['linli', 'latlng_index', 'kind_latlng', 'morton_fixed', 'full_scan'] as const;
type EngineName = (typeof ALL_ENGINES)[number];
/** Subsets for quick runs while tuning (`--kinds nearest10 --engines linli`); the JSON keys need nearest10. */
const pickList = <T extends string>(all: readonly T[], text: string, what: string): T[] => {
  const list = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  for (const t of list)
    if (!all.includes(t as T)) throw new Error(`unknown ${what} ${t}; expected some of ${all.join(', ')}`);
  return all.filter((a) => list.includes(a));
};
const ENGINES = pickList(ALL_ENGINES, args.engines, 'engine');
const KINDS = pickList(ALL_KINDS, args.kinds, 'query kind');
/** Most rows one nearest-k request may read: 50 × k. */
const ROW_BOUND_PER_RESULT = 50;

interface Sample {
  rowsRead: number;
  statements: number;
  roundTrips: number;
  returned: number;
  ms: number;
  answer: string;
}

interface Body {
  data?: { id: number }[];
  features?: { id?: number; properties: { count?: number; tile?: string } }[];
  meta: { rows_read: number; statements: number; round_trips: number; mode?: string };
}

async function query(path: string, engine: EngineName): Promise<Sample> {
  const url = `${BASE}${withEngine(path, engine)}`;
  const started = performance.now();
  const res = await fetch(url);
  const body = (await res.json()) as Body;
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
  const items = body.data ?? body.features ?? [];
  // What a user sees: the ids, or the clusters' tiles and counts.
  const answer =
    body.meta.mode === 'clusters'
      ? clusterAnswer(body.features!.map((f) => ({ tile: f.properties.tile!, count: f.properties.count! })))
      : items.map((i) => i.id).join(',');
  return {
    rowsRead: body.meta.rows_read,
    statements: body.meta.statements,
    roundTrips: body.meta.round_trips,
    returned: items.length,
    ms,
    answer,
  };
}

async function floor(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${BASE}/api/v1/health`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`/api/v1/health answered ${res.status}`);
  return performance.now() - started;
}

interface Figures {
  queries: number;
  rows_read_per_result: Summary;
  rows_read: Summary;
  round_trips: Summary;
  statements: Summary;
  latency_ms: Summary;
  returned_mean: number;
  empty: number;
  agrees_with_oracle: string;
  /** Requests that failed or timed out (left out of the other figures). */
  errors: number;
  /** Requests that read more than 50 × k rows (nearest-k kinds only). */
  over_row_bound?: number;
}

async function benchDataset(name: DatasetName) {
  const state = `${args.state}/${name}`;
  rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  run('node_modules/.bin/wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);
  const oracle = new Oracle();
  const load = bulkLoad(d1File(state), SITES, SEED, DATASETS[name].sitePoint(SEED), oracle);
  console.log(
    `[${name}] load: ${SITES.toLocaleString('en')} sites in ${load.sitesSeconds.toFixed(1)} s (cell_counts kept by triggers: ${load.cellCounts.toLocaleString('en')} rows); baseline indexes built in ${load.latlngIndexSeconds.toFixed(1)} s`,
  );

  let postgis: PostGis | undefined;
  const missing = args.postgis === 'off' ? 'turned off (--postgis off)' : postgisMissing();
  if (missing) console.log(`[${name}] PostGIS baseline skipped: ${missing}`);
  else {
    postgis = await PostGis.start(PORT + 2);
    const seconds = await postgis.load(nationalSites(SITES, SEED, DATASETS[name].sitePoint(SEED)));
    console.log(`[${name}] PostGIS 15 + 3 loaded with a GiST index in ${seconds.toFixed(1)} s (127.0.0.1:${PORT + 2})`);
  }
  const postgisResults: Partial<
    Record<QueryKind, { queries: number; latency_ms: Summary; agrees_with_oracle: string }>
  > = {};

  let memory: ReturnType<typeof watchWorkerd> | undefined;
  let server: DevServer | undefined;
  try {
    server = await startWrangler({ port: PORT, state, vars: { BENCH_ENGINES: '1' } });
    memory = watchWorkerd(server.child.pid!);
    const points = queryPoints(name, SEED, QUERIES);
    // The isolate's first geo request reads its snapshot of the counts (every zoom-18 row):
    // what each active isolate pays again after a write.
    const first = await query(queryFor('nearest10', points[0]!).path, 'linli');
    const snapshot = { rows_read: first.rowsRead, ms: Math.round(first.ms * 10) / 10 };
    console.log(
      `[${name}] first request (reads the isolate's snapshot): ${snapshot.rows_read.toLocaleString('en')} rows in ${snapshot.ms} ms`,
    );
    // Warm the page cache and the isolate (its densities and street names), so the first
    // engine measured is not the only one paying for cold reads.
    for (const p of points.slice(0, 50)) await query(queryFor('radius3km', p).path, 'linli');

    const results: Record<EngineName, Partial<Record<QueryKind, Figures>>> = {
      linli: {},
      latlng_index: {},
      kind_latlng: {},
      morton_fixed: {},
      full_scan: {},
    };
    const floors: number[] = [];
    for (const kind of KINDS) {
      const samples = new Map<EngineName, Sample[]>(ENGINES.map((e) => [e, []]));
      const agree = new Map<EngineName, number>(ENGINES.map((e) => [e, 0]));
      let pgSamples: { ms: number; agrees: boolean }[] | undefined;
      const errors = new Map<EngineName, number>();
      for (let i = 0; i < QUERIES; i++) {
        const q = queryFor(kind, points[i]!);
        const expected = q.oracle(oracle);
        // Engines take turns at each point, in rotating order, so none is favoured by a warm cache.
        const order = ENGINES.map((_, j) => ENGINES[(i + j) % ENGINES.length]!).filter(
          (e) => e !== 'full_scan' || i < FULL_SCAN_QUERIES,
        );
        for (const engine of order) {
          let s: Sample;
          try {
            s = await query(q.path, engine);
          } catch (error) {
            // One request that fails (or outlives the client's timeout on a loaded machine) is counted, not fatal.
            errors.set(engine, (errors.get(engine) ?? 0) + 1);
            console.error(`[${name}] ${kind} ${engine}: ${String(error)}`);
            continue;
          }
          samples.get(engine)!.push(s);
          if (s.answer === expected) agree.set(engine, agree.get(engine)! + 1);
        }
        floors.push(await floor());
        if (postgis && q.postgis) {
          const g = await q.postgis(postgis);
          pgSamples ??= [];
          pgSamples.push({ ms: g.ms, agrees: g.ids === expected });
        }
      }
      if (pgSamples) {
        postgisResults[kind] = {
          queries: pgSamples.length,
          latency_ms: summary(pgSamples.map((p) => p.ms)),
          agrees_with_oracle: `${pgSamples.filter((p) => p.agrees).length}/${pgSamples.length}`,
        };
        const f = postgisResults[kind]!;
        console.log(
          `[${name}] ${kind.padEnd(11)} ${'postgis'.padEnd(12)} n=${String(f.queries).padStart(4)}  GiST KNN (rows read: not comparable) | ms p50 ${String(f.latency_ms.p50).padStart(7)} p95 ${String(f.latency_ms.p95).padStart(7)}  | oracle ${f.agrees_with_oracle}`,
        );
      }
      for (const engine of ENGINES) {
        const list = samples.get(engine)!;
        const n = list.length;
        const limit = queryFor(kind, points[0]!).limit;
        const f: Figures = {
          queries: n,
          rows_read_per_result: summary(list.map((s) => s.rowsRead / Math.max(1, s.returned))),
          rows_read: summary(
            list.map((s) => s.rowsRead),
            0,
          ),
          round_trips: summary(
            list.map((s) => s.roundTrips),
            0,
          ),
          statements: summary(
            list.map((s) => s.statements),
            0,
          ),
          latency_ms: summary(list.map((s) => s.ms)),
          returned_mean: Math.round((list.reduce((t, s) => t + s.returned, 0) / n) * 10) / 10,
          empty: list.filter((s) => s.returned === 0).length,
          agrees_with_oracle: `${agree.get(engine)}/${n}`,
          errors: errors.get(engine) ?? 0,
          ...(limit ? { over_row_bound: list.filter((s) => s.rowsRead > ROW_BOUND_PER_RESULT * limit).length } : {}),
        };
        results[engine][kind] = f;
        console.log(
          `[${name}] ${kind.padEnd(11)} ${engine.padEnd(12)} n=${String(n).padStart(4)}  rows/result p50 ${String(f.rows_read_per_result.p50).padStart(7)} p95 ${String(f.rows_read_per_result.p95).padStart(8)} max ${String(f.rows_read_per_result.max).padStart(9)}` +
            `  | rows p50 ${String(f.rows_read.p50).padStart(6)} max ${String(f.rows_read.max).padStart(7)} | trips p50 ${f.round_trips.p50} p95 ${f.round_trips.p95} | ms p50 ${String(f.latency_ms.p50).padStart(7)} p95 ${String(f.latency_ms.p95).padStart(7)}` +
            `  | oracle ${f.agrees_with_oracle}${f.errors ? `, errors ${f.errors}` : ''}${f.over_row_bound !== undefined ? `, over 50k rows ${f.over_row_bound}` : ''}`,
        );
      }
    }
    const session = await cacheSession(
      prng(SEED ^ 0xcace),
      points.find((p) => oracle.nearest(p.lat, p.lng, 3000, 20).split(',').length >= 20) ?? points[0]!,
    );
    console.log(
      `[${name}] simulated session of ${session.views} pans and zooms: ${session.tile_requests} data-tile requests, edge-cache hit rate ${session.tile_hit_rate}; a client asking for each exact view would have found ${session.bbox_hit_rate} of its views in a cache`,
    );
    const floorSummary = summary(floors);
    console.log(
      `[${name}] floor (SELECT 1 through the same stack): latency ms p50 ${floorSummary.p50} p95 ${floorSummary.p95}`,
    );
    const workerdPeakMb = memory.peakMb();
    memory.stop();
    const engines = Object.fromEntries(
      ENGINES.filter((e) => results[e].nearest10).map((e) => {
        const nearest = results[e].nearest10!;
        return [
          e,
          {
            rows_read_per_result_p50: nearest.rows_read_per_result.p50,
            rows_read_per_result_p95: nearest.rows_read_per_result.p95,
            latency_ms_p50: nearest.latency_ms.p50,
            latency_ms_p95: nearest.latency_ms.p95,
            round_trips_p50: nearest.round_trips.p50,
            round_trips_p95: nearest.round_trips.p95,
            kinds: results[e],
          },
        ];
      }),
    );
    return {
      sites: SITES,
      load_seconds: Math.round(load.sitesSeconds * 10) / 10,
      cell_counts: load.cellCounts,
      snapshot,
      workerd_peak_mb: workerdPeakMb,
      floor_latency_ms_p50: floorSummary.p50,
      floor_latency_ms_p95: floorSummary.p95,
      cache_session: session,
      engines: {
        ...engines,
        ...(postgis
          ? {
              postgis: {
                latency_ms_p50: postgisResults.nearest10?.latency_ms.p50,
                latency_ms_p95: postgisResults.nearest10?.latency_ms.p95,
                kinds: postgisResults,
              },
            }
          : {}),
      },
    };
  } finally {
    // The memory poller's timer would keep a failed run's process alive.
    memory?.stop();
    // Wait for wrangler and its workerd to go, so no process outlives the benchmark.
    await server?.stop();
    await postgis?.stop();
  }
}

/**
 * A user's session on the map: 200 steps of panning (by a third to two thirds of the
 * screen), zooming in or out, and going back to an earlier view, on a 1280 × 800 px screen.
 * Each view fetches its data tiles as the web app does; the edge cache's answers are counted.
 */
async function cacheSession(rand: () => number, start: Point) {
  const views: { lat: number; lng: number; zoom: number }[] = [{ ...start, zoom: 14 }];
  let tileRequests = 0,
    hits = 0,
    bboxHits = 0;
  const seenBoxes = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const cur = views[views.length - 1]!;
    const u = rand();
    let next: { lat: number; lng: number; zoom: number };
    if (u < 0.55) {
      const degPerPx = 360 / (256 * 2 ** cur.zoom),
        angle = rand() * 2 * Math.PI,
        f = 0.33 + rand() * 0.34;
      next = {
        zoom: cur.zoom,
        lng: cur.lng + Math.cos(angle) * 1280 * f * degPerPx,
        lat: cur.lat + Math.sin(angle) * 800 * f * degPerPx * Math.cos((cur.lat * Math.PI) / 180),
      };
    } else if (u < 0.8) {
      next = { ...cur, zoom: Math.max(10, Math.min(18, cur.zoom + (rand() < 0.5 ? -1 : 1))) };
    } else {
      next = { ...views[Math.max(0, views.length - 1 - Math.ceil(rand() * 4))]! };
    }
    views.push(next);
    const degPerPx = 360 / (256 * 2 ** next.zoom);
    const dLng = 640 * degPerPx,
      dLat = 400 * degPerPx * Math.cos((next.lat * Math.PI) / 180);
    const box = { minLng: next.lng - dLng, maxLng: next.lng + dLng, minLat: next.lat - dLat, maxLat: next.lat + dLat };
    const boxKey = `${[box.minLng, box.minLat, box.maxLng, box.maxLat].map((v) => v.toFixed(6)).join(',')}@${next.zoom}`;
    if (seenBoxes.has(boxKey)) bboxHits++;
    seenBoxes.add(boxKey);
    for (const t of dataTilesOf(box, next.zoom)) {
      const res = await fetch(`${BASE}/api/v1/sites/tiles/${t.z}/${t.x}/${t.y}`);
      await res.arrayBuffer();
      tileRequests++;
      if (res.headers.get('x-linli-cache') === 'hit') hits++;
    }
  }
  const pct = (n: number, d: number) => `${Math.round((1000 * n) / d) / 10} %`;
  return {
    views: 200,
    tile_requests: tileRequests,
    tile_hits: hits,
    tile_hit_rate: pct(hits, tileRequests),
    bbox_hit_rate: pct(bboxHits, 200),
  };
}

async function main() {
  console.log(
    `linli geo benchmark: ${SITES.toLocaleString('en')} sites per dataset (${DATASET_NAMES.join(', ')}), ${QUERIES} queries per kind (full scan: ${FULL_SCAN_QUERIES}), seed ${SEED}`,
  );
  // wrangler dev refuses to start without the assets directory of wrangler.toml.
  if (!existsSync('web/dist')) mkdirSync('web/dist', { recursive: true });
  process.on('SIGINT', () => process.exit(130));
  const datasets: Record<string, Awaited<ReturnType<typeof benchDataset>>> = {};
  for (const name of DATASET_NAMES) datasets[name] = await benchDataset(name);
  const nodePeakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    `peak memory: bench node process ${nodePeakMb} MB; workerd ${Object.entries(datasets)
      .map(([n, d]) => `${n} ${d.workerd_peak_mb} MB`)
      .join(', ')}`,
  );
  console.log(
    `notes: full scan runs only the first ${FULL_SCAN_QUERIES} query points of each kind; rows/result divides by max(1, results), so empty answers count their rows read whole; in clusters mode results are clusters; latency is measured by this client, one request at a time, over loopback; the floor is GET /api/v1/health (one SELECT 1), timed after each point.`,
  );
  const first = datasets[DATASET_NAMES[0]!]!;
  console.log(
    JSON.stringify({
      sites: SITES,
      queries: QUERIES,
      full_scan_queries: FULL_SCAN_QUERIES,
      dataset: DATASET_NAMES[0],
      floor_latency_ms_p50: first.floor_latency_ms_p50,
      floor_latency_ms_p95: first.floor_latency_ms_p95,
      engines: first.engines,
      datasets,
      peak_memory_mb: { node: nodePeakMb },
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
