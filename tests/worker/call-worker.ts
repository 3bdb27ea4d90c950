// How the tests reach the app: /api/ paths go straight to the worker's fetch handler inside
// the test's isolate (as run_worker_first sends them in production), with the test D1 and an
// execution context whose waitUntil work is awaited before the test goes on; other paths
// (the built web app's files) go through SELF, where the assets are served.
// Not SELF for the API: under vitest-pool-workers every SELF.fetch is slower than the one
// before it, for as long as the workerd instance lives (cloudflare/workers-sdk#15446; the
// OpenAPI conformance file's 1,400th request took over a second, its first 40 ms), and the
// suite took 50–64 s with SELF against 29–43 s without it here. SELF also left waitUntil work
// running into the next test.
import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index';

export async function callWorker(url: string, init?: RequestInit): Promise<Response> {
  if (!new URL(url).pathname.startsWith('/api/')) return SELF.fetch(url, init);
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(url, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
