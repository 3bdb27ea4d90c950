// Opening hours are evaluated with the holiday arrangements administrators entered: the
// calendar is loaded (from the isolate's copy, or D1 once a minute) before each API request.
import type { MiddlewareHandler } from 'hono';
import { loadCalendar } from '../db/holiday-years';
import type { AppEnv } from '../env';

/** Loads the calendar before a request evaluates opening hours. */
export function withCalendar(): MiddlewareHandler<AppEnv> {
  return async function calendar(c, next) {
    await loadCalendar(c.env.DB);
    await next();
  };
}
