// The one HTTP client of the map and the console: same-origin JSON (the console's session
// cookie goes with it), typed by the paths of the OpenAPI document through openapi-fetch
// (a 2 kB typed fetch over the generated `paths`, rather than a hand-written wrapper).
// Every failure is an ApiError: status 0 when the device is offline or the server unreachable.
import createClient from 'openapi-fetch';
import { ApiError, offline, toApiError } from './problem';
import type { paths } from './schema.gen';

/** Header the service worker sets when it answers from its cache (offline). */
export const STALE_HEADER = 'x-linli-from-cache';

/** The base of every API path, for the calls that cannot go through the typed client (an upload's progress). */
export const API = '/api/v1';

// Known offline: answer "offline" at once, so the map's device store answers (it says how old
// it is). Otherwise the browser's HTTP cache may answer a data tile it still holds as if the
// network had, and the page would not say it is offline (seen in tests/browser/offline.test.ts).
// (Typed loosely: this file is also checked with workerd's types, whose navigator has no onLine.)
async function send(request: Request): Promise<Response> {
  if ((globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false) throw offline();
  try {
    return await fetch(request);
  } catch {
    throw offline();
  }
}

// fetch's default credentials mode, same-origin, is what the console's session cookie needs.
export const api = createClient<paths>({ fetch: send, headers: { accept: 'application/json' } });

type Answer<D> = { data?: D; error?: unknown; response: Response };

/**
 * The body of a 2xx answer (undefined for 204), with its response; any other answer becomes
 * an ApiError carrying the problem. A 2xx whose body is not the JSON promised (a captive
 * portal's page) is a 502, not a crash deep in a view.
 */
export async function answer<D>(call: Promise<Answer<D>>): Promise<{ data: D; response: Response }> {
  let result: Answer<D>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(502, 'Unexpected answer from the server');
  }
  const { response } = result;
  if (!response.ok) throw toApiError(response.status, result.error, response.headers.get('retry-after'));
  return { data: result.data as D, response };
}

/** The body of a 2xx answer (see `answer`). */
export const dataOf = async <D>(call: Promise<Answer<D>>): Promise<D> => (await answer(call)).data;

/** Reads an answer that came another way than fetch (an XMLHttpRequest upload), as `answer` does. */
export function readResponse<T>(status: number, type: string, text: string, retryAfter: string | null): T {
  let parsed: unknown;
  if (text !== '' && type.includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (status < 200 || status >= 300) throw toApiError(status, parsed, retryAfter);
  return parsed as T;
}
