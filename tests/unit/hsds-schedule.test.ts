import { describe, expect, it } from 'vitest';
import { weeklySchedules } from '../../worker/hsds/schedule';
import { hsdsErrors } from './hsds-validator';

const slots = (hours: string | null) => weeklySchedules(hours).map((s) => `${s.byday} ${s.opens_at}-${s.closes_at}`);

describe('weeklySchedules', () => {
  it('groups the weekdays that share a time span', () => {
    expect(slots('Mo-Fr 08:00-18:00; Sa-Su 09:00-17:00')).toEqual([
      'MO,TU,WE,TH,FR 08:00+08:00-18:00+08:00',
      'SA,SU 09:00+08:00-17:00+08:00',
    ]);
  });

  it('gives a split day one schedule per span', () => {
    expect(slots('Mo-Fr 08:00-12:00,14:00-18:00')).toEqual([
      'MO,TU,WE,TH,FR 08:00+08:00-12:00+08:00',
      'MO,TU,WE,TH,FR 14:00+08:00-18:00+08:00',
    ]);
  });

  it('lets a later rule replace an earlier one on its days, as the open-now check does', () => {
    expect(slots('Mo-Su 08:00-20:00; We off')).toEqual(['MO,TU,TH,FR,SA,SU 08:00+08:00-20:00+08:00']);
  });

  it('says 24/7 as every day from 00:00 to 24:00', () => {
    expect(slots('24/7')).toEqual(['MO,TU,WE,TH,FR,SA,SU 00:00+08:00-24:00+08:00']);
    expect(weeklySchedules('24/7')[0]!.description).toContain('Open all day');
  });

  it('writes a span past midnight with its closing time on the next morning', () => {
    expect(slots('Fr 22:00-03:00')).toEqual(['FR 22:00+08:00-03:00+08:00']);
    expect(weeklySchedules('Fr 22:00-03:00')[0]!.description).toContain('closes the next morning');
  });

  it('keeps the canonical OSM value in notes and says that holidays differ when a PH rule exists', () => {
    const [first] = weeklySchedules('Mo-Fr 08:00-18:00；PH off');
    expect(first).toMatchObject({
      notes: 'opening_hours=Mo-Fr 08:00-18:00; PH off',
      timezone: 8,
      freq: 'WEEKLY',
      wkst: 'MO',
    });
    expect(first!.description).toContain('public holidays differ');
    expect(weeklySchedules('Mo-Fr 08:00-18:00')[0]!.description).not.toContain('public holidays');
  });

  it("mentions China's make-up working days only where Friday and the weekend differ", () => {
    expect(weeklySchedules('Mo-Fr 08:00-18:00; Sa-Su off')[0]!.description).toContain('make-up working days');
    expect(weeklySchedules('24/7')[0]!.description).not.toContain('make-up');
    expect(weeklySchedules('Mo-Su 09:00-17:00')[0]!.description).toBe('Weekly hours.');
  });

  it('has no schedule when the hours are unknown, not understood or always off', () => {
    expect(weeklySchedules(null)).toEqual([]);
    expect(weeklySchedules('sometimes')).toEqual([]);
    expect(weeklySchedules('off')).toEqual([]);
  });

  it('answers schedules the HSDS schema accepts', () => {
    for (const s of weeklySchedules('Mo-Fr 08:00-12:00,14:00-18:00; Sa 22:00-02:00; PH off')) {
      expect(hsdsErrors('schedule', { id: '6cc8920f-44c7-50b5-8137-3f6a91e8fcf7', ...s })).toBe('');
    }
  });
});
