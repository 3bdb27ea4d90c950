// The holiday calendar over HTTP: statutory years, the administrator's entry of a
// year's arrangement (validated, previewed, with history), and coverage in health.
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetCalendar } from '../../worker/db/holiday-years';
import { get } from './api';
import { adminCookie, editorCookie, JINSONG, send } from './fixtures/console';

const ARRANGEMENT_2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  periods: [
    { name: '元旦', en: "New Year's Day", from: '2027-01-01', to: '2027-01-03', workdays: [] },
    { name: '春节', en: 'Spring Festival', from: '2027-02-05', to: '2027-02-12', workdays: ['2027-02-20'] },
  ],
};

// Each test starts from an empty D1; the isolate's cached calendar must not outlive it.
beforeEach(() => forgetCalendar());

describe('GET /api/v1/holiday-calendar/{year}', () => {
  it('gives 2027 the statutory days, marked statutory, before anyone enters the arrangement', async () => {
    const { status, body } = await get('/api/v1/holiday-calendar/2027');
    expect(status).toBe(200);
    expect(body).toMatchObject({ year: 2027, calendar: 'statutory', entered: null });
    expect(
      body.days.filter((d: { holiday: string | null }) => d.holiday === '春节').map((d: { date: string }) => d.date),
    ).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    expect(body.days.some((d: { makeup_workday: boolean }) => d.makeup_workday)).toBe(false);
  });

  it('gives 2026 the shipped official arrangement', async () => {
    const { body } = await get('/api/v1/holiday-calendar/2026');
    expect(body).toMatchObject({ calendar: 'official', source: expect.stringContaining('2026年部分节假日安排') });
  });

  it('refuses what is not a year', async () => {
    const { status, body } = await get('/api/v1/holiday-calendar/27');
    expect(status).toBe(400);
    expect(body.invalid_params[0]).toMatchObject({ name: 'year', in: 'path' });
  });
});

describe('PUT /api/v1/holiday-calendar/{year}', () => {
  it('previews with dry_run without saving, then saves the arrangement as official with its history', async () => {
    const cookie = await adminCookie();
    const preview = await send('PUT', '/api/v1/holiday-calendar/2027?dry_run=true', { cookie, json: ARRANGEMENT_2027 });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ calendar: 'official', entered: null });
    expect(preview.body.days).toContainEqual({ date: '2027-02-20', holiday: null, makeup_workday: true });
    expect((await get('/api/v1/holiday-calendar/2027')).body.calendar).toBe('statutory');

    const saved = await send('PUT', '/api/v1/holiday-calendar/2027', { cookie, json: ARRANGEMENT_2027 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ calendar: 'official', entered: { version: 1, updated_by: 'admin' } });
    expect((await get('/api/v1/holiday-calendar/2027')).body).toMatchObject({
      calendar: 'official',
      source: ARRANGEMENT_2027.source,
    });

    const history = await send('GET', '/api/v1/holiday-calendar/2027/history', { cookie });
    expect(history.body.data).toHaveLength(1);
    expect(history.body.data[0]).toMatchObject({
      actor: 'admin',
      before: null,
      after: { source: ARRANGEMENT_2027.source },
    });
  });

  it('replaces the statutory days in opening hours once entered: the office opens on the make-up Saturday it follows', async () => {
    const office = 'Mo-Fr 08:00-18:00; PH off';
    const url = (follows: boolean) =>
      `/api/v1/opening-hours?value=${encodeURIComponent(office)}&from=2027-02-08T00:00:00%2B08:00&days=14&follows_workday_calendar=${follows}`;
    const before = await get(url(true));
    // Statutory: Spring Festival ends on Monday 8 February, so Tuesday 9 opens.
    expect(before.body.intervals[0]).toEqual({ from: '2027-02-09T08:00:00+08:00', to: '2027-02-09T18:00:00+08:00' });
    expect(before.body.days[0]).toEqual({
      date: '2027-02-08',
      holiday: '春节',
      makeup_workday: false,
      calendar: 'statutory',
    });

    await send('PUT', '/api/v1/holiday-calendar/2027', { cookie: await adminCookie(), json: ARRANGEMENT_2027 });
    const after = await get(url(true));
    expect(after.body.days[0]).toEqual({
      date: '2027-02-08',
      holiday: '春节',
      makeup_workday: false,
      calendar: 'official',
    });
    expect(after.body.intervals[0]).toEqual({ from: '2027-02-15T08:00:00+08:00', to: '2027-02-15T18:00:00+08:00' });
    expect(after.body.intervals).toContainEqual({ from: '2027-02-20T08:00:00+08:00', to: '2027-02-20T18:00:00+08:00' });
    // A site that keeps its own weekdays stays closed that Saturday.
    expect((await get(url(false))).body.intervals.map((i: { from: string }) => i.from)).not.toContain(
      '2027-02-20T08:00:00+08:00',
    );
  });

  it('names each invalid date and contradiction, and saves nothing', async () => {
    const cookie = await adminCookie();
    const res = await send('PUT', '/api/v1/holiday-calendar/2027', {
      cookie,
      json: {
        source: '通知',
        periods: [{ name: '国庆节', from: '2027-10-01', to: '2027-10-07', workdays: ['2027-10-02', '2028-09-26'] }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['periods[0].workdays', 'periods[0].workdays[1]']),
    );
    expect((await get('/api/v1/holiday-calendar/2027')).body.calendar).toBe('statutory');
  });

  it('is for administrators only', async () => {
    const cookie = await editorCookie('jinsong', [JINSONG]);
    expect((await send('PUT', '/api/v1/holiday-calendar/2027', { cookie, json: ARRANGEMENT_2027 })).status).toBe(403);
    expect((await send('PUT', '/api/v1/holiday-calendar/2027', { json: ARRANGEMENT_2027 })).status).toBe(401);
  });

  it('refuses a change from a stale version with 409', async () => {
    const cookie = await adminCookie();
    await send('PUT', '/api/v1/holiday-calendar/2027', { cookie, json: ARRANGEMENT_2027 });
    const stale = await send('PUT', '/api/v1/holiday-calendar/2027', { cookie, json: ARRANGEMENT_2027 });
    expect(stale.status).toBe(409);
    const next = await send('PUT', '/api/v1/holiday-calendar/2027', {
      cookie,
      json: { ...ARRANGEMENT_2027, version: 1 },
    });
    expect(next.status).toBe(200);
    expect(next.body.entered.version).toBe(2);
    expect((await send('GET', '/api/v1/holiday-calendar/2027/history', { cookie })).body.data[0].before).toMatchObject({
      source: ARRANGEMENT_2027.source,
    });
  });
});

describe('calendar coverage', () => {
  it("reports this year's and next year's coverage in GET /api/v1/health", async () => {
    const { body } = await get('/api/v1/health');
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(body.calendar.map((c: { year: number }) => c.year)).toEqual([year, year + 1]);
    for (const c of body.calendar) expect(['official', 'statutory']).toContain(c.status);
    expect(typeof body.calendar_next_year_due).toBe('boolean');
  });

  it('shows next year official in health once the administrator entered it', async () => {
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() + 1;
    const periods = [{ name: '元旦', en: '', from: `${year}-01-01`, to: `${year}-01-01`, workdays: [] }];
    await send('PUT', `/api/v1/holiday-calendar/${year}`, {
      cookie: await adminCookie(),
      json: { source: '通知', periods },
    });
    const { body } = await get('/api/v1/health');
    expect(body.calendar[1]).toEqual({ year, status: 'official' });
    expect(body.calendar_next_year_due).toBe(false);
    expect((await get('/api/v1/holiday-calendar/coverage')).body.years[1]).toEqual({ year, status: 'official' });
  });
});
