// What the benchmarks that start their own `wrangler dev` share: a quiet environment (no
// metrics, no Cloudflare lookups), a command that must succeed, and the server itself,
// started on a local D1 and waited for until its health check answers.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { assertPortFree } from '../browser/port-free';

export const ENV = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  NO_COLOR: '1',
};

/** Runs a command to its end; its output is shown only when it fails. */
export function run(cmd: string, argv: string[]): void {
  const r = spawnSync(cmd, argv, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

/** Waits (at most 60 s) until `base` answers its health check, or the server has exited. */
export async function waitForServer(base: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${log()}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`wrangler dev did not start:\n${log()}`);
}

export interface DevServer {
  readonly child: ChildProcess;
  /** Stops wrangler and its workerd (one process group) and waits (at most 5 s) until they are gone. */
  stop(): Promise<void>;
}

/**
 * Starts `wrangler dev` on 127.0.0.1:`port` (which must be free: the bench measures only a
 * server it started) over the local D1 in `state`, with `vars` as `--var`s and `args` added,
 * and resolves once its health check answers; it is stopped on exit too.
 */
export async function startWrangler(options: {
  port: number;
  state: string;
  vars?: Record<string, string>;
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}): Promise<DevServer> {
  await assertPortFree(options.port, 'the benchmark', 'Stop that process, or give the bench another --port.');
  const vars = Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const child = spawn(
    `${options.cwd ? `${options.cwd}/` : ''}node_modules/.bin/wrangler`,
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--persist-to',
      options.state,
      ...vars,
      ...(options.args ?? []),
    ],
    { cwd: options.cwd, env: options.env ?? ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout!.on('data', (d: Buffer) => {
    log += d;
  });
  child.stderr!.on('data', (d: Buffer) => {
    log += d;
  });
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', kill);
  const stop = async () => {
    kill();
    for (let i = 0; i < 50 && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
  };
  try {
    await waitForServer(`http://127.0.0.1:${options.port}`, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, stop };
}
