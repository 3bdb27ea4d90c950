// Decoding and reading CSV files, without D1.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { columnOf } from '../../worker/import/columns';
import { decodeCsv } from '../../worker/import/decode';
import { parseSiteRows } from '../../worker/import/rows';
import type { Site } from '../../worker/domain/site';
import { sitesCsv } from '../../worker/import/site-csv';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeCsv', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    expect(decodeCsv(utf8('\uFEFF名称,类型'))).toEqual({ text: '名称,类型', encoding: 'utf-8', bom: true });
    expect(decodeCsv(utf8('名称,类型'))).toEqual({ text: '名称,类型', encoding: 'utf-8', bom: false });
  });

  it('reads what is not valid UTF-8 as GBK', () => {
    expect(decodeCsv(new Uint8Array(iconv.encode('名称,劲松街道', 'gbk')))).toMatchObject({ text: '名称,劲松街道', encoding: 'gbk' });
  });
});

describe('columnOf', () => {
  it.each([['纬度', 'lat'], ['LAT', 'lat'], ['Street_Code', 'street_code'], ['面积（公顷）', 'area_ha'], ['编号', 'external_id']])(
    'knows the header %s as %s', (header, key) => expect(columnOf(header)?.key).toBe(key));

  it('reads kinds, amenities and coordinate systems by code or Chinese label', () => {
    expect(columnOf('类型')!.read('养老服务')).toEqual({ value: 'elder_care' });
    expect(columnOf('设施')!.read('卫生间、饮水；wifi,手机充电')).toEqual({ value: ['toilet', 'drinking_water', 'wifi', 'charging'] });
    expect(columnOf('坐标系')!.read('GCJ-02')).toEqual({ value: 'gcj02' });
    expect(columnOf('坐标系')!.read('百度')).toEqual({ value: 'bd09' });
    expect(columnOf('设施')!.read('桑拿')).toEqual({ reason: 'unknown amenity "桑拿"' });
  });

  it('refuses a number that is not one', () => {
    expect(columnOf('lat')!.read('39.9N')).toHaveProperty('reason');
    expect(columnOf('lat')!.read(' 39.9 ')).toEqual({ value: 39.9 });
  });
});

describe('parseSiteRows', () => {
  it('numbers rows as a spreadsheet does and names columns as the file does', () => {
    const { rows, errors } = parseSiteRows('名称,类型,街道代码,纬度,经度\n好,公园,110105017,39.9,116.4\n坏,公园,110105017,abc,116.4');
    expect(rows).toEqual([{ row: 2, input: expect.objectContaining({ name: '好', kind: 'park', lat: 39.9 }) }]);
    expect(errors).toEqual([{ row: 3, column: '纬度', reason: '"abc" is not a number' }]);
  });

  it('keeps quoted fields with separators and line breaks', () => {
    const { rows } = parseSiteRows('name,kind,street_code,lat,lng,description\n"A, B",park,110105017,39.9,116.4,"一行\n两行"');
    expect(rows[0]!.input).toMatchObject({ name: 'A, B', description: '一行\n两行' });
  });

  it('reads back what sitesCsv writes', () => {
    const site: Site = {
      id: 1, external_id: 'x-1', kind: 'elder_care', name: '养老驿站, "东"', name_en: null, address: null, street_code: '110105017',
      street_name: '劲松街道', district_code: '110105', district_name: '朝阳区', lat: 39.88, lng: 116.46, coord_system: 'wgs84',
      coord_precision: 'surveyed', phones: ['010-1', '010-2'], opening_hours: 'Mo-Fr 08:00-18:00; PH off', follows_workday_calendar: true, amenities: ['toilet'],
      elder_services: ['meals', 'day_care'], beds: 12, park_type: null, area_ha: null, operator: null, description: null,
      status: 'open', source: 'import', source_url: null, verified_at: null, created_at: '', updated_at: '', version: 1,
    };
    const { rows, errors } = parseSiteRows(sitesCsv([site]).slice(1));
    expect(errors).toEqual([]);
    expect(rows[0]!.input).toMatchObject({
      external_id: 'x-1', name: '养老驿站, "东"', phones: ['010-1', '010-2'], elder_services: ['meals', 'day_care'], beds: 12,
      coord_precision: 'surveyed', opening_hours: 'Mo-Fr 08:00-18:00; PH off',
    });
  });
});
