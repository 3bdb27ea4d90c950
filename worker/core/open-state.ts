// Which sites a search keeps, and their open state now. Pure: the search reads the
// rows, this decides. Sites whose rows are read and then dropped here still count
// as rows read (D1 bills the read, not the answer).
import { type OpenState, openStateOf } from './hours/opening-hours';
import type { Accessibility, Amenity, ElderService, Kind, Status } from './vocabulary';

export interface SiteFilter {
  /** Kinds wanted; empty means every kind. */
  readonly kinds: readonly Kind[];
  /** Amenities that must all be present. */
  readonly amenities: readonly Amenity[];
  /** Elder-care services that must all be offered (none when absent). */
  readonly elderServices?: readonly ElderService[];
  /** Accessibility features that must all be present (none when absent). */
  readonly accessibility?: readonly Accessibility[];
  /** Keep only sites open at `at`. */
  readonly openNow: boolean;
  readonly at: Date;
}

export interface OpenFields {
  /** Open at the time of the request; null when the hours are unknown or unreadable. */
  open_now: boolean | null;
  /** Next opening or closing, ISO 8601 with +08:00; null if none within a week or unknown. */
  next_change: string | null;
  /** Today's hours in Beijing, e.g. `08:00-18:00`; null when unknown. */
  hours_today: string | null;
}

interface Matchable {
  readonly status: Status;
  readonly opening_hours: string | null;
  /** Raw SQL reads give 0/1. */
  readonly follows_workday_calendar?: boolean | number;
  readonly amenities: readonly string[];
  readonly elder_services?: readonly string[];
  readonly accessibility?: readonly string[];
}

/** Parses each distinct hours text once per search: many sites share `24/7`. */
export function openStateCache(
  at: Date,
): (hours: string | null, followsWorkdayCalendar?: boolean | number) => OpenState | null {
  const seen = new Map<string, OpenState | null>();
  return (hours, follows = false) => {
    if (hours === null) return null;
    const key = `${follows ? 1 : 0}${hours}`;
    if (!seen.has(key)) seen.set(key, openStateOf(hours, at, { makeupWorkdays: Boolean(follows) }));
    return seen.get(key)!;
  };
}

/** Open state of a site; a temporarily closed or retired site is closed whatever its hours say. */
export function openFields(site: Matchable, state: OpenState | null): OpenFields {
  if (site.status !== 'open') return { open_now: false, next_change: null, hours_today: state?.today ?? null };
  if (!state) return { open_now: null, next_change: null, hours_today: null };
  return { open_now: state.open, next_change: state.next_change, hours_today: state.today };
}

/** Whether a filter judges each site (amenities, services, accessibility, open now), not only its kind. */
export const judgesEachSite = (filter: SiteFilter): boolean =>
  filter.amenities.length > 0 ||
  (filter.elderServices?.length ?? 0) > 0 ||
  (filter.accessibility?.length ?? 0) > 0 ||
  filter.openNow;

const hasAll = (wanted: readonly string[] | undefined, has: readonly string[] | undefined) =>
  !wanted?.length || wanted.every((w) => has?.includes(w));

/** Whether a live site of a wanted kind passes the amenity, service, accessibility and open-now filters. */
export function passes(site: Matchable, open: OpenFields, filter: SiteFilter): boolean {
  if (!hasAll(filter.amenities, site.amenities)) return false;
  if (!hasAll(filter.elderServices, site.elder_services) || !hasAll(filter.accessibility, site.accessibility))
    return false;
  return !filter.openNow || open.open_now === true;
}
