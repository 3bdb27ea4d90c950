// GET /api/v1/opening-hours: what a value of opening hours means, before anyone
// stores it. The console's hours field uses it; anyone may call it.
import { createRoute, z } from '@hono/zod-openapi';
import { activeCalendar } from '../core/calendar/holidays';
import { readHours } from '../core/hours/hours-input';
import { beijingIso, intervalsBetween } from '../core/hours/opening-hours';
import { readingOf } from '../core/hours/opening-hours-reading';
import { hoursWarnings } from '../core/hours/opening-hours-warnings';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;

const Query = z.object({
  value: z
    .string()
    .trim()
    .min(1, 'give opening hours to read')
    .max(500, 'at most 500 characters')
    .openapi({
      param: { name: 'value', in: 'query' },
      description: 'OSM opening_hours, or a Chinese phrasing (周一至周五 8:00-20:00；节假日休息)',
      example: 'Mo-Fr 08:00-18:00; PH off',
    }),
  from: z
    .string()
    .datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2027-01-01T00:00:00+08:00' })
    .optional()
    .openapi({
      param: { name: 'from', in: 'query' },
      description: 'Start of the preview (default: now); the days start at its Beijing date',
      example: '2027-01-01T00:00:00+08:00',
    }),
  days: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'at least 1')
    .max(31, 'at most 31')
    .default(7)
    .openapi({ param: { name: 'days', in: 'query' }, description: 'How many days to preview (1-31, default 7)' }),
  follows_workday_calendar: z
    .enum(['true', 'false'])
    .optional()
    .openapi({
      param: { name: 'follows_workday_calendar', in: 'query' },
      description: 'Evaluate as a site that works the make-up working days (default false)',
    }),
});

const Warning = z
  .object({
    code: z.enum(['ph_overridden', 'same_days_overridden', 'overnight_cut']),
    zh: z.string(),
    en: z.string(),
    position: z.number().int().openapi({ description: 'Offset in `normalized` of the rule concerned' }),
    fix: z.string().openapi({ description: 'The value with the fix applied' }),
  })
  .openapi('HoursWarning');

const Preview = z
  .object({
    valid: z.literal(true),
    normalized: z
      .string()
      .openapi({ description: 'The OSM value that would be stored', example: 'Mo-Fr 08:00-18:00; PH off' }),
    converted: z.boolean().openapi({ description: 'The value was a Chinese phrasing, converted to OSM' }),
    warnings: z.array(Warning),
    reading: z.object({ zh: z.string(), en: z.string() }).openapi({
      example: { zh: '周一至周五 8:00–18:00；法定节假日休息', en: 'Mon–Fri 8:00–18:00; public holidays closed' },
    }),
    intervals: z
      .array(
        z.object({
          from: z.string(),
          to: z.string(),
          unknown: z
            .boolean()
            .optional()
            .openapi({ description: 'Set when the hours say the state is not known (open end, `unknown`, a comment)' }),
          comment: z.string().optional(),
        }),
      )
      .openapi({ description: 'Open intervals within the previewed days, ISO 8601 with +08:00' }),
    days: z.array(
      z.object({
        date: z.string().openapi({ example: '2027-02-06' }),
        holiday: z
          .string()
          .nullable()
          .openapi({ description: 'The public holiday (Chinese name) on a day off', example: '春节' }),
        makeup_workday: z.boolean().openapi({ description: 'A weekend day made a working day (调休上班)' }),
        calendar: z.enum(['official', 'statutory']).nullable().openapi({
          description:
            '`statutory`: computed from the law, the State Council arrangement is not known yet (provisional; make-up days unknown)',
        }),
      }),
    ),
  })
  .openapi('OpeningHoursPreview');

export const openingHoursPreview = router().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['opening hours'],
    summary: 'Read opening hours: the OSM value, warnings, a plain reading and the days ahead (Beijing time)',
    request: { query: Query },
    responses: {
      200: jsonResponse(Preview, 'The value is valid'),
      400: problemResponse(
        'The value is not valid opening hours (the problem gives the position), or a parameter is malformed',
      ),
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const read = readHours(q.value);
    if (!read.ok) {
      const { reason, reason_zh, position } = read.error;
      throw new ProblemError(400, {
        detail: `value: ${reason}${position !== undefined ? ` (at position ${position + 1})` : ''}`,
        invalid_params: [
          {
            name: 'value',
            in: 'query',
            reason,
            ...(reason_zh ? { reason_zh } : {}),
            ...(position !== undefined ? { position } : {}),
          },
        ],
        position,
        reason_zh,
      });
    }
    const at = q.from ? new Date(q.from) : new Date();
    const firstDay = Math.floor((at.getTime() + BEIJING_MS) / DAY_MS);
    const start = new Date(firstDay * DAY_MS - BEIJING_MS);
    const end = new Date(start.getTime() + q.days * DAY_MS);
    const calendar = activeCalendar();
    const intervals = intervalsBetween(read.hours, start, end, {
      calendar,
      makeupWorkdays: q.follows_workday_calendar === 'true',
    });
    return c.json(
      {
        valid: true as const,
        normalized: read.hours.text,
        converted: read.converted,
        warnings: hoursWarnings(read.hours).map((w) => ({ ...w })),
        reading: readingOf(read.hours),
        intervals: intervals.map((i) => ({
          from: beijingIso(i.from),
          to: beijingIso(i.to),
          ...(i.state === 'unknown' ? { unknown: true } : {}),
          ...(i.comment ? { comment: i.comment } : {}),
        })),
        days: Array.from({ length: q.days }, (_, k) => {
          const info = calendar.day(new Date((firstDay + k) * DAY_MS).toISOString().slice(0, 10));
          return {
            date: info.date,
            holiday: info.holiday,
            makeup_workday: info.makeup_workday,
            calendar: info.calendar,
          };
        }),
      },
      200,
      { 'cache-control': 'no-store' },
    );
  },
);
