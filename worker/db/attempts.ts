// The `attempts` table behind the throttles (worker/auth/throttle.ts keeps the policy):
// attempts per bucket in a sliding window. An attempt is recorded FIRST and its buckets
// counted in the same D1 batch (a batch is one transaction, run alone), so parallel
// requests cannot all pass a check before any of them is recorded.

/** A sliding window of attempts. */
export interface Window {
  windowSeconds: number;
}

/** A bucket's attempts in the window right after this attempt was recorded. */
export interface Tally {
  bucket: string;
  /** Attempts in the window, this one included. */
  count: number;
  /** The oldest attempt in the window (ISO 8601). */
  oldest: string;
  /** The newest attempt in the window before this one, or null when there is none. */
  latestBefore: string | null;
}

export interface Claim {
  /** The rows this attempt wrote, one per bucket (for release). */
  ids: number[];
  tallies: Tally[];
}

/** Records an attempt in each bucket, then counts each bucket's window, in one transaction. */
export async function claimAttempt(
  d1: D1Database,
  buckets: string[],
  { windowSeconds }: Window,
  now = Date.now(),
): Promise<Claim> {
  const at = new Date(now).toISOString();
  const since = new Date(now - windowSeconds * 1000).toISOString();
  const inserts = buckets.map((bucket) =>
    d1.prepare('INSERT INTO attempts (bucket, at) VALUES (?, ?) RETURNING id').bind(bucket, at),
  );
  const expired = buckets.map((bucket) =>
    d1.prepare('DELETE FROM attempts WHERE bucket = ? AND at <= ?').bind(bucket, since),
  );
  // Inside the transaction the bucket's newest row is this attempt's own.
  const tallies = buckets.map((bucket) =>
    d1
      .prepare(`SELECT count(*) AS count, min(at) AS oldest,
      (SELECT max(at) FROM attempts WHERE bucket = ?1 AND at > ?2 AND id < (SELECT max(id) FROM attempts WHERE bucket = ?1)) AS latest_before
    FROM attempts WHERE bucket = ?1 AND at > ?2`)
      .bind(bucket, since),
  );
  // Buckets that see no new attempt are swept now and then (1 call in 100), so the
  // table holds about a day of attempts without a full scan on every request.
  const sweep =
    Math.random() < 0.01
      ? [d1.prepare('DELETE FROM attempts WHERE at <= ?').bind(new Date(now - 86_400_000).toISOString())]
      : [];
  const results = await d1.batch<Record<string, unknown>>([...inserts, ...expired, ...tallies, ...sweep]);
  const ids = results.slice(0, buckets.length).map((r) => Number(r.results[0]!.id));
  const counted = results.slice(2 * buckets.length, 3 * buckets.length);
  return {
    ids,
    tallies: counted.map((r, i) => {
      const row = r.results[0]!;
      return {
        bucket: buckets[i]!,
        count: Number(row.count),
        oldest: String(row.oldest),
        latestBefore: (row.latest_before as string | null) ?? null,
      };
    }),
  };
}

/** Forgets a claimed attempt (refused, or one that does not count). */
export async function releaseAttempt(d1: D1Database, claim: Claim): Promise<void> {
  await d1
    .prepare('DELETE FROM attempts WHERE id IN (SELECT value FROM json_each(?))')
    .bind(JSON.stringify(claim.ids))
    .run();
}

/** Forgets every attempt of a bucket. */
export async function clearBucket(d1: D1Database, bucket: string): Promise<void> {
  await d1.prepare('DELETE FROM attempts WHERE bucket = ?').bind(bucket).run();
}
