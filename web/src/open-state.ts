// "Open · closes at 18:00" for a site, from the server's open_now / next_change / hours_today.
import type { MapSite } from './api/types';
import { nextChangeText } from './format';
import { t } from './i18n';

export interface OpenSummary {
  /** "open" | "closed" | "unknown": drives the colour of the badge. */
  state: 'open' | 'closed' | 'unknown';
  /** Badge text: open / closed / hours unknown. */
  badge: string;
  /** The next change ("closes at 18:00"), or "open 24 hours", or null. */
  next: string | null;
  /** Today's hours ("Today 08:00-18:00"), or null. */
  today: string | null;
}

export function openSummary(
  s: Pick<MapSite, 'open_now' | 'next_change' | 'hours_today'> & { status?: string },
  now = new Date(),
): OpenSummary {
  const strings = t();
  if (s.status === 'temporarily_closed')
    return { state: 'closed', badge: strings.temporarilyClosed, next: null, today: null };
  if (s.open_now === null) return { state: 'unknown', badge: strings.hoursUnknown, next: null, today: null };
  const next = s.next_change
    ? nextChangeText(strings, s.open_now, s.next_change, now)
    : s.open_now
      ? strings.alwaysOpen
      : null;
  return {
    state: s.open_now ? 'open' : 'closed',
    badge: s.open_now ? strings.openState : strings.closedState,
    next,
    today: s.hours_today ? strings.hoursToday(s.hours_today) : null,
  };
}
