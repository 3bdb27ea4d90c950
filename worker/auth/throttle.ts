// Throttles backed by D1: attempts per bucket in a sliding window (failed logins per
// account and client, public reports per client). The attempts are recorded and counted
// in D1 (worker/db/attempts.ts); a request that is then refused, or that turns out not
// to count (a right password), releases its rows again. This file keeps the policy's
// arithmetic and the 429 answer.
import type { Context } from 'hono';
import type { Tally, Window } from '../db/attempts';
import { ProblemError } from '../http/problem';

/** Seconds until a full bucket frees a place: when its oldest counted attempt leaves the window. */
export function secondsUntilFree(tally: Tally, { windowSeconds }: Window, now = Date.now()): number {
  return Math.max(1, Math.ceil((Date.parse(tally.oldest) + windowSeconds * 1000 - now) / 1000));
}

/** Ends the request with a 429 problem and a Retry-After header. */
export function tooMany(c: Context, seconds: number, detail: string): never {
  c.header('Retry-After', String(seconds));
  throw new ProblemError(429, { detail, retry_after: seconds });
}
