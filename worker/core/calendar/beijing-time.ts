// Beijing time: UTC+8 all year (China has no daylight saving), whatever the runtime's
// own zone (Workers run in UTC, browsers in the user's). Pure.

/** Milliseconds Beijing is ahead of UTC. */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The calendar date in Beijing at `at`, as YYYY-MM-DD. */
export const beijingDate = (at: Date = new Date()): string =>
  new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
