// `npm run bench:profile [-- --dataset national --requests 600]`: where a nearest-10 request
// spends its time beyond the floor. Over a database `npm run bench` left in `.bench/<dataset>`,
// starts `wrangler dev` with its inspector, times the bench's nearest-10 query and the floor
// (GET /api/v1/health) side by side, then CPU-profiles the worker (V8's sampling profiler,
// through the inspector) while it answers each, and prints the functions whose self time
// per request differs most between the two. The profiler slows the worker, so its figures
// are shares, not latencies; the unprofiled timings come first.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DATASETS, type DatasetName } from '../../seeds/national';
import { assertPortFree } from '../browser/port-free';
import { queryFor, queryPoints, withEngine } from './queries';
import { startWrangler } from './server';
import { quantile } from './stats';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'national' },
    requests: { type: 'string', default: '600' },
    port: { type: 'string', default: '8862' },
    'inspector-port': { type: 'string', default: '9262' },
    seed: { type: 'string', default: '20261125' },
    state: { type: 'string', default: '.bench' },
  },
});
const DATASET = args.dataset as DatasetName;
if (!(DATASET in DATASETS)) throw new Error(`unknown dataset ${DATASET}; expected one of ${Object.keys(DATASETS)}`);
const STATE = `${args.state}/${DATASET}`;
if (!existsSync(STATE)) throw new Error(`${STATE} is missing: run \`npm run bench -- --datasets ${DATASET}\` first`);
const REQUESTS = Number(args.requests);
const PORT = Number(args.port);
const INSPECTOR = Number(args['inspector-port']);
const SEED = Number(args.seed);
const BASE = `http://127.0.0.1:${PORT}`;

/** The bench's nearest-10 query at its query points, and the floor. */
const points = queryPoints(DATASET, SEED, 300);
const ROUTES = {
  floor: () => '/api/v1/health',
  nearest10: (i: number) => withEngine(queryFor('nearest10', points[i % points.length]!).path, 'linli'),
};
type Route = keyof typeof ROUTES;

/** The inspector's socket: Node 22 has WebSocket; Node 20 with --experimental-websocket (set by the npm script). */
interface Socket {
  send(data: string): void;
  addEventListener(type: 'open' | 'message' | 'error', listener: (e: { data?: unknown }) => void): void;
}
const WebSocketClass = (
  globalThis as unknown as { WebSocket?: new (url: string, init: { headers: Record<string, string> }) => Socket }
).WebSocket;
if (!WebSocketClass) throw new Error('no WebSocket in this Node: run it through `npm run bench:profile`');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function inspector(): Promise<(method: string, params?: object) => Promise<Record<string, unknown>>> {
  // Wrangler's inspector proxy refuses a connection without an Origin (Node's WebSocket takes headers).
  const socket = new WebSocketClass!(`ws://127.0.0.1:${INSPECTOR}/ws`, { headers: { Origin: 'http://127.0.0.1' } });
  await new Promise<void>((ok, fail) => {
    socket.addEventListener('open', () => ok());
    socket.addEventListener('error', () => fail(new Error('the worker inspector did not answer')));
  });
  const pending = new Map<number, (result: Record<string, unknown>) => void>();
  socket.addEventListener('message', (e) => {
    const m = JSON.parse(String(e.data)) as { id?: number; result?: Record<string, unknown> };
    if (m.id !== undefined) pending.get(m.id)?.(m.result ?? {});
  });
  let id = 0;
  return (method, params = {}) =>
    new Promise((ok) => {
      pending.set(++id, ok);
      socket.send(JSON.stringify({ id, method, params }));
    });
}

const get = async (path: string) => {
  const started = performance.now();
  const res = await fetch(BASE + path);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return performance.now() - started;
};

/** Self time (µs) per function over the profile, keyed by name and bundle line. */
function selfTimes(p: Profile): Map<string, number> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/.*\//, '')}:${f.lineNumber + 1}`;
    out.set(key, (out.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  return out;
}

async function main(): Promise<void> {
  // The server's own port is checked by startWrangler.
  await assertPortFree(INSPECTOR, 'the profile', 'Stop that process, or pass another --inspector-port.');
  const server = await startWrangler({
    port: PORT,
    state: STATE,
    vars: { BENCH_ENGINES: '1' },
    args: ['--inspector-port', String(INSPECTOR)],
  });
  try {
    // The isolate's first geo request reads its snapshot; warm it and the page cache.
    for (let i = 0; i < 50; i++) await get(ROUTES.nearest10(i));
    const ms: Record<Route, number[]> = { floor: [], nearest10: [] };
    for (let i = 0; i < REQUESTS; i++) {
      ms.nearest10.push(await get(ROUTES.nearest10(i)));
      ms.floor.push(await get(ROUTES.floor()));
    }
    const p50 = (r: Route) => quantile(ms[r], 0.5);
    console.log(
      `[${DATASET}] unprofiled, ${REQUESTS} each, alternating: nearest10 p50 ${p50('nearest10').toFixed(2)} ms, ` +
        `floor p50 ${p50('floor').toFixed(2)} ms (${(p50('nearest10') / p50('floor')).toFixed(2)} ×)`,
    );

    const send = await inspector();
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 100 });
    const profiles = {} as Record<Route, Map<string, number>>;
    for (const route of ['floor', 'nearest10'] as const) {
      await send('Profiler.start');
      for (let i = 0; i < REQUESTS; i++) await get(ROUTES[route](i));
      const { profile } = (await send('Profiler.stop')) as unknown as { profile: Profile };
      profiles[route] = selfTimes(profile);
      const busy = [...profiles[route]].filter(([k]) => !k.startsWith('(idle)')).reduce((n, [, v]) => n + v, 0);
      console.log(`  ${route}: worker busy ${(busy / 1000 / REQUESTS).toFixed(3)} ms per request (profiled)`);
    }
    const keys = new Set([...profiles.floor.keys(), ...profiles.nearest10.keys()]);
    const diff = [...keys]
      .filter((k) => !k.startsWith('(idle)'))
      .map((k) => [k, ((profiles.nearest10.get(k) ?? 0) - (profiles.floor.get(k) ?? 0)) / 1000 / REQUESTS] as const)
      .sort((a, b) => b[1] - a[1]);
    const total = diff.reduce((n, [, d]) => n + d, 0);
    console.log(`  nearest10 − floor: ${total.toFixed(3)} ms of worker CPU per request (profiled); the largest parts:`);
    for (const [k, d] of diff.slice(0, 20)) console.log(`    ${d.toFixed(3)} ms  ${k}`);
  } finally {
    await server.stop();
  }
}

await main();
process.exit(0);
