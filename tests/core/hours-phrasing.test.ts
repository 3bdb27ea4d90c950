// Opening hours as clerks write them in Chinese, converted to OSM syntax.
import { describe, expect, it } from 'vitest';
import { readHours } from '../../worker/core/hours/hours-input';
import { chineseToOsm } from '../../worker/core/hours/hours-phrasing';

describe('chineseToOsm', () => {
  it.each([
    ['周一至周五 8:00-20:00', 'Mo-Fr 08:00-20:00'],
    ['每天6:00-22:00', '06:00-22:00'],
    ['24小时', '24/7'],
    ['全天开放', '24/7'],
    ['周一至周五 8:00-18:00 节假日休息', 'Mo-Fr 08:00-18:00; PH off'],
    ['周二至周日 9:00-17:00，法定节假日闭馆', 'Tu-Su 09:00-17:00; PH off'],
    ['每天9:00-17:00，周一闭馆', '09:00-17:00; Mo off'],
    ['上午9点-11点半 下午1点半-5点', '09:00-11:30,13:30-17:00'],
    ['夏季(5月-10月)6:00-21:00 冬季(11月-4月)6:30-20:00', 'May-Oct 06:00-21:00; Nov-Apr 06:30-20:00'],
    ['夏季（5月－10月）6：00－21：00；冬季（11月－4月）6：30－20：00', 'May-Oct 06:00-21:00; Nov-Apr 06:30-20:00'],
    ['周一至周五 8点-20点', 'Mo-Fr 08:00-20:00'],
    ['工作日 上午8:30-12:00，下午14:00-17:30；周末及节假日休息', 'Mo-Fr 08:30-12:00,14:00-17:30; Sa-Su,PH off'],
    ['每天18:00-次日2:00', '18:00-02:00'],
    ['周一至周五 早8点-晚8点', 'Mo-Fr 08:00-20:00'],
    ['4月1日-10月31日 6:00-21:00', 'Apr 01-Oct 31 06:00-21:00'],
    ['星期六、星期日 9:00-16:00', 'Sa-Su 09:00-16:00'],
  ])('reads %j as %j', (text, osm) => {
    expect(chineseToOsm(text)).toEqual({ ok: true, value: osm });
    // And the converted value is valid OSM that reads back the same.
    const read = readHours(text);
    expect(read.ok && read.hours.text).toBe(osm);
  });

  it.each([
    ['周一至周五 8:00-', 6, '第7个字符处“8:00”后面要写结束时间'],
    ['周六 9:00-12:00 周日', 14, '第15个字符起的日期后面要写时间'],
    ['夏季 6:00-21:00', 0, '要写明月份'],
    ['周一至周五8:00-18:00 abc', 16, '第17个字符“a”无法识别'],
    ['闭馆', 0, '写明哪天休息'],
  ])('says where %j goes wrong, in Chinese', (text, position, zh) => {
    const r = chineseToOsm(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.position).toBe(position);
    expect(r.error.reason_zh).toContain(zh);
    expect(r.error.reason).toMatch(/position \d+/);
  });
});
