// Hands a request to the worker's fetch handler inside the test's isolate, with the test
// D1 and an execution context whose waitUntil work is awaited. For a file that sends
// thousands of requests: under vitest-pool-workers every SELF.fetch is slower than the one
// before it, for as long as the workerd instance lives (cloudflare/workers-sdk#15446; the
// OpenAPI conformance file's 1,400th request took over a second, its first 40 ms). The
// handler is the one SELF reaches: /api/ paths go to the worker first (run_worker_first).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index';

export async function callWorker(url: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(url, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
