// Opening hours as HSDS 3.1 schedules: one weekly schedule (RFC 5545 byday) per set of
// weekdays sharing a time span, in Beijing time. HSDS cannot say public-holiday rules
// or China's make-up working days, so every schedule also carries the OSM value (in
// `notes`) and says what it leaves out (in `description`).
import { parseOpeningHours, type Rule, type Span } from '../core/hours/opening-hours';

const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const DAY_MIN = 1440;
/** Beijing is UTC+8 all year (no DST). */
const BEIJING_UTC_OFFSET = 8;

export interface WeeklySchedule {
  freq: 'WEEKLY';
  wkst: 'MO';
  byday: string;
  opens_at: string;
  closes_at: string;
  timezone: number;
  description: string;
  notes: string;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}+08:00`;

/** The rule in force on each weekday, Monday first (the last rule naming the day wins, as in openState). */
function rulesByWeekday(rules: readonly Rule[]): (Rule | undefined)[] {
  return BYDAY.map((_, day) => rules.reduce<Rule | undefined>((found, r) => (r.weekdays[day] ? r : found), undefined));
}

/**
 * The weekly schedules of an OSM opening_hours value; [] when it is missing or not
 * understood (the hours are then unknown, not "closed").
 */
export function weeklySchedules(openingHours: string | null): WeeklySchedule[] {
  if (openingHours === null) return [];
  const parsed = parseOpeningHours(openingHours);
  if (!parsed.ok) return [];
  const { rules, text } = parsed.hours;
  // Group weekdays by identical span, keeping the spans in the order of the week.
  const groups = new Map<string, { span: Span; days: number[] }>();
  const weekRules = rulesByWeekday(rules);
  weekRules.forEach((rule, day) => {
    for (const span of rule?.spans ?? []) {
      const key = `${span.from}-${span.to}`;
      const group = groups.get(key) ?? { span, days: [] };
      group.days.push(day);
      groups.set(key, group);
    }
  });
  const holidays = rules.some((r) => r.ph);
  // A make-up working day (a weekend day offices work) keeps the Friday hours; worth saying only where they differ.
  const byDay = weekRules.map((r) => (r?.spans ?? []).map((x) => `${x.from}-${x.to}`).join(','));
  const makeUpDaysDiffer = byDay[4] !== byDay[5] || byDay[4] !== byDay[6];
  return [...groups.values()].map(({ span, days }) => {
    const overnight = span.to > DAY_MIN;
    const parts = [
      span.from === 0 && span.to === DAY_MIN ? 'Open all day' : null,
      overnight ? 'closes the next morning' : null,
      holidays ? 'public holidays differ (see notes: the OSM opening_hours value)' : null,
      makeUpDaysDiffer ? "China's make-up working days (调休上班日) keep the Friday hours" : null,
    ].filter(Boolean);
    return {
      freq: 'WEEKLY' as const,
      wkst: 'MO' as const,
      byday: days.map((d) => BYDAY[d]).join(','),
      opens_at: hhmm(span.from),
      closes_at: span.to === DAY_MIN ? '24:00+08:00' : hhmm(span.to % DAY_MIN),
      timezone: BEIJING_UTC_OFFSET,
      description: parts.length ? `${parts.join('; ')}.` : 'Weekly hours.',
      notes: `opening_hours=${text}`,
    };
  });
}
