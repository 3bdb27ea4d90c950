// A failed API call as the views see it: the HTTP status (0 when offline or unreachable)
// and the problem+json body, read defensively, since a proxy's HTML error page must still give a message.
import type { InvalidParam, Problem, RowError, Site } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    /** The fields the server named (400, 422). */
    readonly invalidParams: InvalidParam[] = [],
    /** Import problems by row and column (422 from /imports). */
    readonly rowErrors: RowError[] = [],
    /** The record as it is now (409 from PATCH). */
    readonly current: Site | null = null,
    /** Seconds to wait (429), from Retry-After. */
    readonly retryAfter: number | null = null,
  ) {
    super(detail);
  }
}

/** The error of a device that is offline, or of a server that does not answer. */
export const offline = () => new ApiError(0, 'offline');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The ApiError of an answer with `status`, its body parsed as JSON where it was (else anything). */
export function toApiError(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
  const p: Partial<Record<keyof Problem, unknown>> = isRecord(body) ? body : {};
  const invalid: InvalidParam[] = Array.isArray(p.invalid_params)
    ? p.invalid_params.filter(isRecord).map((x) => ({
        name: str(x.name),
        in: str(x.in),
        reason: str(x.reason),
        ...(typeof x.reason_zh === 'string' ? { reason_zh: x.reason_zh } : {}),
        ...(typeof x.position === 'number' ? { position: x.position } : {}),
      }))
    : [];
  const rows: RowError[] = Array.isArray(p.errors)
    ? p.errors.filter(isRecord).map((x) => ({
        row: Number(x.row),
        column: typeof x.column === 'string' ? x.column : null,
        reason: str(x.reason),
        ...(typeof x.reason_zh === 'string' ? { reason_zh: x.reason_zh } : {}),
      }))
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
