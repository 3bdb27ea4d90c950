// How fresh a site's record is. The server decides `stale` (180 days); the list also
// says how long ago the last check was, in whole days. Pure.

const DAY_MS = 86_400_000;

/** Whole days between `verifiedAt` and `now`; null when never verified or unreadable. */
export function daysSince(verifiedAt: string | null, now: Date): number | null {
  if (!verifiedAt) return null;
  const at = Date.parse(verifiedAt);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
}
