// The console's HTTP client: same-origin JSON with the session cookie. Every non-2xx
// answer is an RFC 9457 problem and becomes an ApiError the views can show field by field.
import type { Site } from '#core';

export interface InvalidParam {
  name: string;
  in: string;
  reason: string;
  /** The reason in Chinese, where the server gives one (opening hours). */
  reason_zh?: string;
  /** Offset in the field's text of the problem (opening hours). */
  position?: number;
}

/** One problem in an import, by CSV row (1 = first data row) and column. */
export interface RowError {
  row: number;
  column: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly invalidParams: InvalidParam[] = [],
    /** Import problems (422 from /imports). */
    readonly rowErrors: RowError[] = [],
    /** The record as it is now (409 from PATCH). */
    readonly current: Site | null = null,
    /** Seconds to wait (429), from Retry-After. */
    readonly retryAfter: number | null = null,
  ) {
    super(detail);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Reads a problem body defensively: a proxy's HTML error page must still give a message. */
export function toApiError(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
  const p = isRecord(body) ? body : {};
  const invalid = Array.isArray(p.invalid_params)
    ? p.invalid_params.filter(isRecord).map((x) => ({
      name: str(x.name), in: str(x.in), reason: str(x.reason),
      ...(typeof x.reason_zh === 'string' ? { reason_zh: x.reason_zh } : {}),
      ...(typeof x.position === 'number' ? { position: x.position } : {}),
    }))
    : [];
  const rows = Array.isArray(p.errors)
    ? p.errors.filter(isRecord).map((x) => ({ row: Number(x.row), column: str(x.column), reason: str(x.reason) }))
    : [];
  const current = isRecord(p.current) && typeof p.current.id === 'number' ? (p.current as unknown as Site) : null;
  const seconds = retryAfterHeader === null ? NaN : Number(retryAfterHeader);
  return new ApiError(
    status,
    str(p.detail) || str(p.title) || `HTTP ${status}`,
    invalid,
    rows,
    current,
    Number.isFinite(seconds) && seconds >= 0 ? seconds : null,
  );
}

export const API = '/api/v1';

/** Fetches `API + path`; JSON bodies are sent as JSON, 204 yields undefined. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(API + path, init);
  } catch {
    throw new ApiError(0, 'network');
  }
  return readResponse<T>(res.status, res.headers.get('content-type') ?? '', await res.text(), res.headers.get('retry-after'));
}

export function readResponse<T>(status: number, type: string, text: string, retryAfter: string | null): T {
  let parsed: unknown = undefined;
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
