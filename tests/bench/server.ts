// What the benchmarks that start their own `wrangler dev` share: a quiet environment (no
// metrics, no Cloudflare lookups), a command that must succeed, and waiting for health.
import { type ChildProcess, spawnSync } from 'node:child_process';

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
