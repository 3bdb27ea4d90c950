// Helpers for driving the worker as a client would.
import { callWorker } from './call-worker';

export const BASE = 'http://linli.test';

export async function get(path: string, init?: RequestInit) {
  const res = await callWorker(`${BASE}${path}`, init);
  const type = res.headers.get('content-type') ?? '';
  // biome-ignore lint/suspicious/noExplicitAny: tests read the answer field by field with expect()
  const body: any = type.includes('json') ? await res.json() : await res.text();
  return { status: res.status, type, body, headers: res.headers };
}
