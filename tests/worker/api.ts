// Helpers for driving the worker as a client would.
import { callWorker } from './call-worker';

export const BASE = 'http://linli.test';

/** An answer as the tests read it: status, content type, headers and the body parsed (JSON) or as text. */
export interface Reply {
  status: number;
  type: string;
  headers: Headers;
  // Response bodies are checked field by field with expect(); their shape is what is under test.
  // biome-ignore lint/suspicious/noExplicitAny: see the comment above
  body: any;
}

/** Sends the request to the app (see callWorker) and reads its answer. */
export async function request(path: string, init?: RequestInit): Promise<Reply> {
  const res = await callWorker(`${BASE}${path}`, init);
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json() : await res.text();
  return { status: res.status, type, headers: res.headers, body };
}

export const get = (path: string, init?: RequestInit): Promise<Reply> => request(path, init);
