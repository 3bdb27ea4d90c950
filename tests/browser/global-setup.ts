// Starts linli the way the README does (build unless web/dist is current, migrate, seed, `wrangler dev`) on a fresh
// local D1, adds the test fixtures (in the seed step's one `d1 execute`), and gives the tests its base URL through
// `inject('baseUrl')`. The database is ready before `wrangler dev` starts: started while the migrations ran, its
// runtime once found the database locked and did not start (SQLITE_BUSY; the whole browser suite failed).
// To extend (e.g. secrets for the console), add files/env in `prepareState` or `serverEnv`.
// It refuses a port that something else already listens on: the tests would otherwise
// run against whatever answers there (another branch, another helper's app, stale data).
// Reusing an app you started yourself is an explicit opt-in only:
// LINLI_BROWSER_BASE_URL=http://127.0.0.1:880x (then nothing is built, seeded or checked here).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { devVars } from '../../seeds/demo-accounts';
import { siteStatements } from '../../seeds/seed-sql';
import { seedStatements } from '../../seeds/seed-statements';
import { isBuiltAfter, webBuildSources } from './build-freshness';
import { fixtureSites } from './fixtures';
import { assertPortFree as portFree } from './port-free';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the app under test, e.g. http://127.0.0.1:8801 */
    baseUrl: string;
    /** The persist dir of its local D1, for tests that run `wrangler d1 execute`. */
    persistTo: string;
  }
}

const root = new URL('../../', import.meta.url).pathname;
const WRANGLER = `${root}node_modules/.bin/wrangler`;
/** Port of the app under test; 8801–8809 belong to the browser tests. */
const PORT = Number(process.env.LINLI_BROWSER_PORT ?? 8801);
/** Local D1 state of the tests, deleted before every run. */
const PERSIST_TO = process.env.LINLI_BROWSER_STATE ?? '.wrangler/browser-test-state';
const START_TIMEOUT_MS = 60_000;

/** Environment for every wrangler call: no metrics, no Cloudflare lookups, config kept in the project. */
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  // vitest sets NODE_ENV=test, which would make Vite build a development bundle
  // (import.meta.env.DEV, no service worker); the README's build runs without it.
  NODE_ENV: 'production',
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  XDG_CONFIG_HOME: `${root}.wrangler/browser-test-config`,
  CI: 'true', // wrangler asks no questions (migrations apply) when it believes it runs in CI
};

function run(command: string, args: readonly string[]): void {
  execFileSync(command, args, { cwd: root, env: serverEnv, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The fresh database (its directory emptied before `wrangler dev` starts): migrations, then the README's seed statements and the fixtures of the tests. */
async function prepareState(vars: Record<string, string>): Promise<void> {
  run(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', PERSIST_TO]);
  const file = `${PERSIST_TO}/seed-and-fixtures.sql`;
  const statements = [...(await seedStatements({ withSites: true, vars })), ...siteStatements(fixtureSites())];
  writeFileSync(`${root}${file}`, `${statements.join('\n')}\n`);
  run(WRANGLER, ['d1', 'execute', 'DB', '--local', '--persist-to', PERSIST_TO, '--file', file]);
}

/** Throws a clear error when something already listens on the port (checked before building anything). */
export const assertPortFree = (port: number, host = '127.0.0.1'): Promise<void> =>
  portFree(
    port,
    'the browser tests',
    `Stop that process, or choose a free port with LINLI_BROWSER_PORT=<port>; to test an app you started yourself ` +
      `on purpose, set LINLI_BROWSER_BASE_URL=http://${host}:${port}.`,
    host,
  );

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`wrangler dev exited with code ${server.exitCode} before it served ${base}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer ${base}/api/v1/health within ${START_TIMEOUT_MS / 1000} s`);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return Promise.resolve();
  const pid = server.pid;
  // wrangler runs in its own process group so its workerd child is stopped with it.
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // already gone
    }
  };
  return new Promise((resolve) => {
    const killer = setTimeout(() => signal('SIGKILL'), 5_000);
    server.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    signal('SIGTERM');
  });
}

export default async function setup(project: TestProject) {
  // Explicit opt-in while writing tests: reuse an app already running (built, seeded, fixtures loaded).
  const reuse = process.env.LINLI_BROWSER_BASE_URL;
  if (reuse) {
    console.warn(
      `browser tests: LINLI_BROWSER_BASE_URL is set, testing the app already running at ${reuse} (not started here)`,
    );
    project.provide('baseUrl', reuse);
    project.provide('persistTo', PERSIST_TO);
    return;
  }
  await assertPortFree(PORT);
  // `npm test` has just built; build here only when the sources changed since (or on a first run).
  if (!isBuiltAfter(`${root}web/dist/index.html`, webBuildSources(root))) run('npm', ['run', 'build', '--silent']);
  rmSync(`${root}${PERSIST_TO}`, { recursive: true, force: true });
  mkdirSync(`${root}${PERSIST_TO}`, { recursive: true });

  // wrangler dev reads `.dev.vars` (the administrator's name and password) when it starts, so on a
  // fresh clone it must be made from the example before the server is spawned.
  const vars = devVars(`${root}.dev.vars`, `${root}.dev.vars.example`);

  await prepareState(vars);
  const base = `http://127.0.0.1:${PORT}`;
  const server = spawn(WRANGLER, ['dev', '--ip', '127.0.0.1', '--port', String(PORT), '--persist-to', PERSIST_TO], {
    cwd: root,
    env: serverEnv,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  try {
    await waitForHealth(base, server);
  } catch (err) {
    await stop(server);
    throw new Error(`${(err as Error).message}\n${errors}`);
  }

  project.provide('baseUrl', base);
  project.provide('persistTo', PERSIST_TO);
  return () => stop(server);
}
