// Throttles backed by D1: at most `limit` attempts per bucket in a sliding window
// (failed logins per account and per client IP; public reports per client IP).
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Database } from '../db/client';
import { attempts } from '../db/schema';
import { ProblemError } from '../http/problem';

export interface Limit {
  /** Attempts allowed in the window. */
  limit: number;
  windowSeconds: number;
}

export const LOGIN_LIMIT: Limit = { limit: 5, windowSeconds: 15 * 60 };
export const REPORT_LIMIT: Limit = { limit: 5, windowSeconds: 10 * 60 };

/** The client's IP as Cloudflare reports it; one shared bucket when absent (local tools). */
export const clientIp = (headers: { header(name: string): string | undefined }) =>
  headers.header('cf-connecting-ip') ?? 'unknown';

/** Seconds until the bucket allows another attempt; 0 when it allows one now. */
export async function retryAfter(db: Database, bucket: string, { limit, windowSeconds }: Limit, now = Date.now()) {
  const since = new Date(now - windowSeconds * 1000).toISOString();
  const rows = await db.select({ at: attempts.at }).from(attempts)
    .where(and(eq(attempts.bucket, bucket), gt(attempts.at, since)))
    .orderBy(asc(attempts.at)).limit(limit);
  if (rows.length < limit) return 0;
  // The window frees a place when its oldest counted attempt leaves it.
  return Math.max(1, Math.ceil((Date.parse(rows[0]!.at) + windowSeconds * 1000 - now) / 1000));
}

/** Throws a 429 with a Retry-After header when any of the buckets is full. */
export async function assertNotThrottled(c: Context, db: Database, buckets: string[], limit: Limit, what: string) {
  const waits = await Promise.all(buckets.map((b) => retryAfter(db, b, limit)));
  const wait = Math.max(0, ...waits);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    throw new ProblemError(429, { detail: `Too many ${what}; try again in ${Math.ceil(wait / 60)} min`, retry_after: wait });
  }
}

/** Counts an attempt in each bucket and forgets the ones that left the window. */
export async function recordAttempt(db: Database, buckets: string[], { windowSeconds }: Limit, now = Date.now()) {
  const at = new Date(now).toISOString();
  const expired = new Date(now - windowSeconds * 1000).toISOString();
  // Buckets that see no new attempt are swept now and then (1 call in 100), so the
  // table holds about a day of attempts without a full scan on every request.
  const sweep = Math.random() < 0.01 ? [db.delete(attempts).where(lte(attempts.at, new Date(now - 86_400_000).toISOString()))] : [];
  await db.batch([
    db.insert(attempts).values(buckets.map((bucket) => ({ bucket, at }))),
    ...buckets.map((bucket) => db.delete(attempts).where(and(eq(attempts.bucket, bucket), lte(attempts.at, expired)))),
    ...sweep,
  ]);
}

export async function clearAttempts(db: Database, bucket: string) {
  await db.delete(attempts).where(eq(attempts.bucket, bucket));
}
