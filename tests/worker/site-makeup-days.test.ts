// Whether a site works the official make-up working days (调休上班): a per-site
// property with defaults by kind, written through the API and the CSV, used by open-now.
import { describe, expect, it } from 'vitest';
import { openFields, openStateCache } from '../../worker/core/open-state';
import { get } from './api';
import { adminCookie, JINSONG, send } from './fixtures/console';

const site = (kind: string, fields: Record<string, unknown> = {}) => ({
  kind,
  name: `劲松${kind}`,
  street_code: JINSONG,
  lat: 39.8836,
  lng: 116.4612,
  opening_hours: 'Mo-Fr 08:00-18:00; Sa-Su off',
  ...fields,
});

describe('follows_workday_calendar', () => {
  it('defaults by kind: elder-care centres follow the workday calendar, parks and rest stations do not', async () => {
    const cookie = await adminCookie();
    const created = await Promise.all(
      ['elder_care', 'park', 'rest_station'].map((kind) => send('POST', '/api/v1/sites', { cookie, json: site(kind) })),
    );
    expect(created.map((r) => [r.body.kind, r.body.follows_workday_calendar])).toEqual([
      ['elder_care', true],
      ['park', false],
      ['rest_station', false],
    ]);
  });

  it('is kept as entered and changed with PATCH, with history', async () => {
    const cookie = await adminCookie();
    const { body } = await send('POST', '/api/v1/sites', {
      cookie,
      json: site('park', { follows_workday_calendar: true }),
    });
    expect(body.follows_workday_calendar).toBe(true);
    const patched = await send('PATCH', `/api/v1/sites/${body.id}`, {
      cookie,
      json: { version: body.version, follows_workday_calendar: false },
    });
    expect(patched.body.follows_workday_calendar).toBe(false);
    expect((await get(`/api/v1/sites/${body.id}`)).body.follows_workday_calendar).toBe(false);
    const history = await send('GET', `/api/v1/sites/${body.id}/history`, { cookie });
    expect(history.body.data[0].after.follows_workday_calendar).toBe(false);
  });

  it('is read from the CSV column 调休上班 and written back by the export', async () => {
    const cookie = await adminCookie();
    const csv = [
      '编号,类型,名称,街道代码,纬度,经度,开放时间,调休上班',
      'p-1,公园,劲松公园,110105017,39.8836,116.4612,每天6:00-21:00,是',
      'e-1,养老服务,劲松养老驿站,110105017,39.8840,116.4620,周一至周五 8:00-18:00,否',
    ].join('\n');
    const res = await send('POST', '/api/v1/imports', {
      cookie,
      body: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(res.status).toBe(200);
    const exported = await send('GET', '/api/v1/exports/sites.csv?lang=en', { cookie });
    const lines = String(exported.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    const header = lines[0]!.split(',');
    const col = header.indexOf('follows_workday_calendar');
    const hours = header.indexOf('opening_hours');
    expect(col).toBeGreaterThan(-1);
    const byId = Object.fromEntries(
      lines
        .slice(1)
        .map((l) => l.split(','))
        .map((cells) => [cells[0], cells]),
    );
    expect(byId['p-1']![col]).toBe('true');
    expect(byId['e-1']![col]).toBe('false');
    // The Chinese hours were stored as OSM.
    expect(byId['p-1']![hours]).toBe('06:00-21:00');
  });

  it('names a cell that is not yes or no', async () => {
    const csv = ['name,kind,street_code,lat,lng,follows_workday_calendar', 'A,park,110105017,39.9,116.4,maybe'].join(
      '\n',
    );
    const res = await send('POST', '/api/v1/imports?dry_run=true', {
      cookie: await adminCookie(),
      body: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('follows_workday_calendar');
  });
});

describe('open now on a make-up working Saturday (2026-02-28, 10:00 Beijing)', () => {
  const saturday = new Date('2026-02-28T02:00:00Z');
  const hours = 'Mo-Fr 08:00-18:00; Sa-Su off';

  it('is open for a site that follows the workday calendar and closed for one that does not', () => {
    const stateOf = openStateCache(saturday);
    const follower = { status: 'open' as const, opening_hours: hours, amenities: [], follows_workday_calendar: 1 };
    const keeper = { ...follower, follows_workday_calendar: 0 };
    expect(openFields(follower, stateOf(hours, follower.follows_workday_calendar)).open_now).toBe(true);
    expect(openFields(keeper, stateOf(hours, keeper.follows_workday_calendar)).open_now).toBe(false);
  });
});
