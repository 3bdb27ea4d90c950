// GET /api/v1/opening-hours: what a value means before anyone stores it.
import { describe, expect, it } from 'vitest';
import { get } from './api';

const preview = (value: string, query = '') => get(`/api/v1/opening-hours?value=${encodeURIComponent(value)}${query}`);

describe('GET /api/v1/opening-hours', () => {
  it('converts a Chinese phrasing to the OSM value and reads it back in both languages', async () => {
    const { status, body } = await preview(
      '周一至周五 8:00-20:00，节假日休息',
      '&from=2026-12-28T09:00:00%2B08:00&days=7',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      valid: true,
      converted: true,
      normalized: 'Mo-Fr 08:00-20:00; PH off',
      warnings: [],
      reading: { zh: '周一至周五 8:00–20:00；法定节假日休息', en: 'Mon–Fri 8:00–20:00; public holidays closed' },
    });
  });

  it('lists the open intervals in Beijing time and the days with their holidays, from the Beijing date of `from`', async () => {
    // 2026-12-27T17:00Z is Monday 28 December 01:00 in Beijing.
    const { body } = await preview('Mo-Fr 08:00-20:00; PH off', '&from=2026-12-27T17:00:00Z&days=7');
    expect(body.days.map((d: { date: string }) => d.date)).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(body.days[4]).toEqual({ date: '2027-01-01', holiday: '元旦', makeup_workday: false, calendar: 'statutory' });
    expect(body.days[0]).toEqual({ date: '2026-12-28', holiday: null, makeup_workday: false, calendar: 'official' });
    expect(body.intervals).toEqual(
      ['28', '29', '30', '31'].map((d) => ({ from: `2026-12-${d}T08:00:00+08:00`, to: `2026-12-${d}T20:00:00+08:00` })),
    );
  });

  it('names make-up working days', async () => {
    const { body } = await preview('24/7', '&from=2026-02-14T00:00:00%2B08:00&days=1');
    expect(body.days).toEqual([{ date: '2026-02-14', holiday: null, makeup_workday: true, calendar: 'official' }]);
  });

  it('warns about PH off written before the weekday rules, with the fixed value', async () => {
    const { body } = await preview('PH off; Mo-Fr 08:00-18:00');
    expect(body.warnings).toEqual([
      expect.objectContaining({ code: 'ph_overridden', position: 0, fix: 'Mo-Fr 08:00-18:00; PH off' }),
    ]);
    expect(body.warnings[0].zh).toContain('节假日');
  });

  it('answers an invalid value with a 400 problem naming the position, in Chinese for Chinese text', async () => {
    const { status, type, body } = await preview('周一至周五 8:00-');
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.invalid_params[0]).toMatchObject({ name: 'value', in: 'query', position: 6 });
    expect(body.invalid_params[0].reason_zh).toContain('第7个字符');
    expect(body.position).toBe(6);
  });

  it('refuses more than 31 days and a malformed instant, naming the parameter', async () => {
    const days = await preview('24/7', '&days=32');
    expect(days.status).toBe(400);
    expect(days.body.invalid_params[0]).toMatchObject({ name: 'days', in: 'query' });
    const from = await preview('24/7', '&from=tomorrow');
    expect(from.status).toBe(400);
    expect(from.body.invalid_params[0]).toMatchObject({ name: 'from', in: 'query' });
  });

  it('is in the OpenAPI document', async () => {
    const { body } = await get('/api/v1/openapi.json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/opening-hours', '/api/v1/holiday-calendar/{year}']),
    );
  });
});
