// The holiday calendar: each year's days off and make-up working days, where they
// come from (official or statutory), and the administrator's entry of a year's
// State Council arrangement (validated, previewed with ?dry_run=true, with history).
import { createRoute, z } from '@hono/zod-openapi';
import { maxBody } from '../auth/body-limit';
import { requireUser, type UserEnv } from '../auth/middleware';
import { assertAdmin } from '../auth/user';
import { type HolidayYear, periodDays } from '../core/calendar/holiday-year';
import { coverageReport, type HolidayCalendar } from '../core/calendar/holidays';
import { type EnteredYear, enteredYear, loadCalendar, yearHistory } from '../db/holiday-years';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';
import { enterYear } from '../services/holidays';

const Ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const PeriodSchema = z
  .object({
    name: z.string().trim().min(1).max(30).openapi({ example: '春节' }),
    en: z.string().trim().max(60).default(''),
    from: Ymd.openapi({ example: '2027-02-05' }),
    to: Ymd.openapi({ example: '2027-02-12' }),
    workdays: z.array(Ymd).max(6).default([]).openapi({ description: 'Weekend days made working days (调休上班)' }),
  })
  .openapi('HolidayPeriod');

const ArrangementInput = z
  .object({
    source: z.string().trim().min(1, 'name the State Council notice').max(300),
    periods: z.array(PeriodSchema).min(1).max(12),
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'The version the change starts from; absent when the year is first entered' }),
  })
  .openapi('HolidayArrangementInput');

const CalendarKindSchema = z.enum(['official', 'statutory', 'none']);
const DaySchema = z.object({
  date: z.string(),
  holiday: z.string().nullable(),
  makeup_workday: z.boolean(),
});
const YearSchema = z
  .object({
    year: z.number().int(),
    calendar: CalendarKindSchema.openapi({
      description:
        '`official`: the State Council arrangement (shipped or entered); `statutory`: computed from the law, provisional, no make-up days; `none`: before 2025 without data',
    }),
    source: z.string().nullable(),
    periods: z.array(PeriodSchema),
    /** Days off and make-up days, in date order. */
    days: z.array(DaySchema),
    entered: z
      .object({ version: z.number().int(), updated_at: z.string(), updated_by: z.string() })
      .nullable()
      .openapi({
        description: 'Set when an administrator entered this year in the console (it then wins over the shipped data)',
      }),
  })
  .openapi('HolidayYear');

const YearParam = z.object({
  year: z
    .string()
    .regex(/^20\d{2}$/, 'must be a year 2000-2099')
    .transform(Number)
    .openapi({ param: { name: 'year', in: 'path' }, example: '2027', type: 'string' }),
});
const DryRun = z.object({
  dry_run: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ param: { name: 'dry_run', in: 'query' }, description: 'Validate and preview without saving' }),
});

/** The days a year's arrangement names, in date order. */
function daysOf(arrangement: HolidayYear): z.infer<typeof DaySchema>[] {
  const days = arrangement.periods.flatMap((p) => [
    ...periodDays(p).map((date) => ({ date, holiday: p.name, makeup_workday: false })),
    ...p.workdays.map((date) => ({ date, holiday: null, makeup_workday: true })),
  ]);
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

function yearView(calendar: HolidayCalendar, year: number, entered: EnteredYear | null): z.infer<typeof YearSchema> {
  const found = calendar.arrangement(year);
  const periods = (found?.arrangement.periods ?? []).map((p) => ({ ...p, workdays: [...p.workdays] }));
  return {
    year,
    calendar: found?.calendar ?? 'none',
    source: found?.arrangement.source ?? null,
    periods,
    days: found ? daysOf(found.arrangement) : [],
    entered: entered && { version: entered.version, updated_at: entered.updated_at, updated_by: entered.updated_by },
  };
}

const Coverage = z
  .object({
    years: z.array(z.object({ year: z.number().int(), status: CalendarKindSchema })),
    next_year_due: z
      .boolean()
      .openapi({ description: "From 1 November: next year's official arrangement is still missing" }),
  })
  .openapi('CalendarCoverage');

export const holidayCalendar = router<UserEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/coverage',
      tags: ['calendar'],
      summary: "How well this year's and next year's holidays are known (Beijing time)",
      responses: { 200: jsonResponse(Coverage, 'Coverage') },
    }),
    async (c) => {
      const calendar = await loadCalendar(c.env.DB);
      const report = coverageReport(calendar, new Date());
      return c.json({ years: [...report.years], next_year_due: report.next_year_due }, 200, {
        'cache-control': 'no-store',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{year}',
      tags: ['calendar'],
      summary: "A year's public holidays and make-up working days, official or statutory",
      request: { params: YearParam },
      responses: { 200: jsonResponse(YearSchema, 'The year'), 400: problemResponse('Not a year') },
    }),
    async (c) => {
      const { year } = c.req.valid('param');
      const calendar = await loadCalendar(c.env.DB);
      return c.json(yearView(calendar, year, await enteredYear(c.env.DB, year)), 200, { 'cache-control': 'no-store' });
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{year}',
      tags: ['calendar'],
      summary: "Enter a year's State Council arrangement (administrator); ?dry_run=true previews",
      middleware: [requireUser(), maxBody(64 * 1024)] as const,
      request: {
        params: YearParam,
        query: DryRun,
        body: { content: { 'application/json': { schema: ArrangementInput } }, required: true },
      },
      responses: {
        200: jsonResponse(YearSchema, 'Saved, or (dry run) what would be saved'),
        400: problemResponse('Not valid: dates outside the year, contradictions'),
        401: problemResponse('Not logged in'),
        403: problemResponse('Not an administrator'),
        409: problemResponse('Changed since it was read'),
      },
    }),
    async (c) => {
      assertAdmin(c.var.user);
      const { year } = c.req.valid('param');
      const input = c.req.valid('json');
      const arrangement: HolidayYear = { source: input.source, periods: input.periods };
      const entry = await enterYear(
        c.env.DB,
        c.var.user.username,
        year,
        arrangement,
        input.version,
        c.req.valid('query').dry_run === 'true',
      );
      if (entry.ok) return c.json(yearView(entry.calendar, year, entry.entered), 200, { 'cache-control': 'no-store' });
      if (entry.refusal === 'invalid') {
        throw new ProblemError(400, {
          detail: entry.problems.map((p) => `${p.name}: ${p.reason}`).join('; '),
          invalid_params: entry.problems.map((p) => ({ name: p.name, in: 'body', reason: p.reason })),
        });
      }
      throw new ProblemError(409, {
        detail: `The ${year} arrangement changed since it was read (now version ${entry.current?.version ?? 'none'}); reload it`,
        invalid_params: [
          {
            name: 'version',
            in: 'body',
            reason: `current version is ${entry.current?.version ?? 'none (not entered yet)'}`,
          },
        ],
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{year}/history',
      tags: ['calendar'],
      summary: "Every change to a year's entered arrangement (administrator)",
      middleware: [requireUser()] as const,
      request: { params: YearParam },
      responses: {
        200: jsonResponse(
          z.object({
            data: z.array(
              z.object({
                id: z.number().int(),
                year: z.number().int(),
                at: z.string(),
                actor: z.string(),
                before: z.unknown(),
                after: z.unknown(),
              }),
            ),
          }),
          'Newest first',
        ),
        401: problemResponse('Not logged in'),
        403: problemResponse('Not an administrator'),
      },
    }),
    async (c) => {
      assertAdmin(c.var.user);
      const { year } = c.req.valid('param');
      return c.json({ data: await yearHistory(c.env.DB, year) }, 200, { 'cache-control': 'no-store' });
    },
  );
