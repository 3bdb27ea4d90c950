// Turns numbers and timestamps from the API into words people read, on the map and in the console (no DOM).

import { BEIJING_OFFSET_MS } from '#core';
import type { Strings } from './i18n/zh';

/** Walking speed used for "about N min walk": 80 m per minute. */
const WALK_M_PER_MIN = 80;

export function walkingMinutes(distanceM: number): number {
  return Math.max(1, Math.round(distanceM / WALK_M_PER_MIN));
}

/** "350 米", "1.2 公里". */
function lengthText(s: Strings, distanceM: number): string {
  return distanceM < 1000
    ? s.meters(Math.round(distanceM / 10) * 10)
    : s.kilometers((distanceM / 1000).toFixed(distanceM < 10_000 ? 1 : 0));
}

/** From the person: "350 米 · 步行约 4 分钟". */
export function distanceText(s: Strings, distanceM: number): string {
  return s.distance(lengthText(s, distanceM), walkingMinutes(distanceM));
}

/** From the map centre (no walk: nobody stands there): "距地图中心 350 米". */
export function centreDistanceText(s: Strings, distanceM: number): string {
  return s.fromCentre(lengthText(s, distanceM));
}

/** Whole minutes since `savedAt` (ms). */
export function minutesSince(savedAt: number, now = Date.now()): number {
  return Math.max(0, Math.floor((now - savedAt) / 60_000));
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 in Beijing time. */
const beijingDay = (d: Date) => Math.floor((d.getTime() + BEIJING_OFFSET_MS) / DAY_MS);
const beijingHHMM = (d: Date) => new Date(d.getTime() + BEIJING_OFFSET_MS).toISOString().slice(11, 16);
const beijingWeekday = (d: Date) => new Date(d.getTime() + BEIJING_OFFSET_MS).getUTCDay();

/**
 * "closes at 18:00", "opens tomorrow 08:00", "opens Monday 09:00": the next change of
 * state (ISO time from the API) said relative to now, in Beijing time.
 */
export function nextChangeText(s: Strings, openNow: boolean, nextChange: string, now = new Date()): string | null {
  const at = new Date(nextChange);
  if (Number.isNaN(at.getTime())) return null;
  const days = beijingDay(at) - beijingDay(now);
  const time = beijingHHMM(at);
  if (days <= 0) return openNow ? s.closesAt(time) : s.opensAt(time);
  if (days === 1) return openNow ? s.closesTomorrow(time) : s.opensTomorrow(time);
  const day = s.weekdays[beijingWeekday(at)] ?? '';
  return openNow ? s.closesOn(day, time) : s.opensOn(day, time);
}

/** "verified 3 months ago" / "not yet verified". */
export function freshnessText(s: Strings, verifiedAt: string | null, now = new Date()): string {
  if (!verifiedAt) return s.notVerified;
  const at = new Date(verifiedAt);
  if (Number.isNaN(at.getTime())) return s.notVerified;
  const days = Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY_MS));
  if (days < 30) return s.verifiedAgo(s.agoDays(days));
  if (days < 365) return s.verifiedAgo(s.agoMonths(Math.floor(days / 30)));
  return s.verifiedAgo(s.agoYears(Math.floor(days / 365)));
}

/** A date-time in Beijing, shown the same whichever time zone the browser is in. */
export function beijingTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}
