// GET /api/v1/health: is the service and its database up, and how far the holiday calendar reaches.
import { createRoute, z } from '@hono/zod-openapi';
import { coverageReport } from '../core/calendar/holidays';
import { checkDatabase } from '../db/health';
import { loadCalendar } from '../db/holiday-years';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';

const Health = z
  .object({
    status: z.literal('ok'),
    database: z.literal('ok'),
    // The holiday calendar's coverage: `statutory` means opening hours on holidays are provisional.
    calendar: z.array(z.object({ year: z.number().int(), status: z.enum(['official', 'statutory', 'none']) })).openapi({
      description:
        "This year's and next year's holiday calendar: `official` (State Council arrangement), `statutory` (computed from the law; make-up days unknown) or `none`",
    }),
    calendar_next_year_due: z
      .boolean()
      .openapi({ description: "From 1 November: next year's official arrangement is still missing" }),
  })
  .openapi('Health');

export const health = router().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['meta'],
    summary: 'Is the service and its database up, and how far does the holiday calendar reach?',
    responses: { 200: jsonResponse(Health, 'Up'), 503: problemResponse('The database does not answer') },
  }),
  async (c) => {
    let calendar: Awaited<ReturnType<typeof loadCalendar>>;
    try {
      await checkDatabase(c.env.DB);
      calendar = await loadCalendar(c.env.DB);
    } catch (err) {
      console.error('health: database check failed', err);
      c.header('cache-control', 'no-store');
      c.header('retry-after', '30');
      throw new ProblemError(503, { detail: 'The database does not answer' });
    }
    const report = coverageReport(calendar, new Date());
    return c.json(
      {
        status: 'ok' as const,
        database: 'ok' as const,
        calendar: [...report.years],
        calendar_next_year_due: report.next_year_due,
      },
      200,
      { 'cache-control': 'no-store' },
    );
  },
);
