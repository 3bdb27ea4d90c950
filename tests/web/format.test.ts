// Words the map page builds from API numbers and times (web/src/format.ts).
import { describe, expect, it } from 'vitest';
import { distanceText, freshnessText, nextChangeText, walkingMinutes } from '../../web/src/format';
import { en } from '../../web/src/i18n/en';
import { zh } from '../../web/src/i18n/zh';

// 2026-11-25 10:00 in Beijing (a Wednesday).
const now = new Date('2026-11-25T10:00:00+08:00');

describe('distance and walking time', () => {
  it('walks 80 metres a minute, at least one minute', () => {
    expect(walkingMinutes(800)).toBe(10);
    expect(walkingMinutes(0)).toBe(1);
    expect(distanceText(zh, 437)).toBe('440 米 · 步行约 5 分钟');
    expect(distanceText(en, 2345)).toBe('2.3 km · about 29 min walk');
  });
});

describe('the next opening or closing', () => {
  it('says the time today, tomorrow, or the weekday, in Beijing time', () => {
    expect(nextChangeText(zh, true, '2026-11-25T18:00:00+08:00', now)).toBe('18:00 关门');
    expect(nextChangeText(zh, false, '2026-11-26T08:00:00+08:00', now)).toBe('明天 08:00 开门');
    expect(nextChangeText(en, false, '2026-11-26T08:00:00+08:00', now)).toBe('opens tomorrow 08:00');
    expect(nextChangeText(en, false, '2026-11-30T09:00:00+08:00', now)).toBe('opens Monday 09:00');
  });

  it('counts days in Beijing, not UTC: 01:00 Beijing tomorrow is still "tomorrow"', () => {
    const lateEvening = new Date('2026-11-25T23:30:00+08:00'); // 15:30 UTC the same day
    expect(nextChangeText(zh, true, '2026-11-26T01:00:00+08:00', lateEvening)).toBe('明天 01:00 关门');
    expect(nextChangeText(zh, true, '2026-11-25T23:45:00+08:00', lateEvening)).toBe('23:45 关门');
  });
});

describe('data freshness', () => {
  it('says how long ago a site was verified, or that it never was', () => {
    expect(freshnessText(zh, null, now)).toBe('尚未核实');
    expect(freshnessText(zh, '2026-08-25T02:00:00Z', now)).toBe('3 个月前核实');
    expect(freshnessText(en, '2026-11-20T02:00:00Z', now)).toBe('Verified 5 days ago');
    expect(freshnessText(en, '2024-11-01T00:00:00Z', now)).toBe('Verified 2 years ago');
  });
});
