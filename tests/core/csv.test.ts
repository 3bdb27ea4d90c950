// Decoding and reading CSV files, without D1.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { columnOf } from '../../worker/core/csv/columns';
import { decodeCsv } from '../../worker/core/csv/decode';
import { escapeCell, unescapeCell } from '../../worker/core/csv/formula';
import { importLang, listProblems, reasonIn } from '../../worker/core/csv/problems';
import { parseSiteRows } from '../../worker/core/csv/rows';
import { sitesCsv } from '../../worker/core/csv/site-csv';
import type { Site } from '../../worker/core/site';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeCsv', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    expect(decodeCsv(utf8('\uFEFF名称,类型'))).toEqual({ ok: true, text: '名称,类型', encoding: 'utf-8', bom: true });
    expect(decodeCsv(utf8('名称,类型'))).toEqual({ ok: true, text: '名称,类型', encoding: 'utf-8', bom: false });
  });

  it('reads what is not valid UTF-8 as GBK', () => {
    expect(decodeCsv(new Uint8Array(iconv.encode('名称,劲松街道', 'gbk')))).toMatchObject({
      ok: true,
      text: '名称,劲松街道',
      encoding: 'gbk',
    });
    const sheet = '编号,名称,地址\r\njs-1,劲松北社区驿站,"劲松北路1号\n东门"\r\njs-2,潘家园驿站,华威里';
    expect(decodeCsv(new Uint8Array(iconv.encode(sheet, 'gbk')))).toEqual({
      ok: true,
      text: sheet,
      encoding: 'gbk',
      bom: false,
    });
  });

  it('takes a byte-order mark to mean UTF-8: an invalid byte after one is named by row and offset, not read as GBK', () => {
    const head = utf8('\uFEFF编号,名称\r\njs-1,"劲松\n北"\r\njs-2,潘');
    const bytes = new Uint8Array([...head, 0xff, ...utf8('家园驿站\r\n')]);
    expect(decodeCsv(bytes)).toEqual({
      ok: false,
      row: 3,
      byteOffset: head.length,
      reason: `invalid UTF-8 at byte ${head.length}`,
    });
  });

  it('calls a file without a mark that is mostly UTF-8 with one bad byte damaged, not GBK', () => {
    const head = utf8('编号,名称\njs-1,劲松北社区驿站\njs-2,潘家园');
    const bytes = new Uint8Array([...head, 0xe5, 0x41, ...utf8('驿站\n')]);
    expect(decodeCsv(bytes)).toMatchObject({ ok: false, row: 3, byteOffset: head.length });
  });
});

describe('escapeCell and unescapeCell (CSV injection)', () => {
  it.each(['=HYPERLINK("http://evil.example","点我")', '+86-10-67712345', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'escapes %j so a spreadsheet shows it as text, and the import takes the escape off',
    (value) => {
      expect(escapeCell(value)).toBe(`'${value}`);
      expect(unescapeCell(escapeCell(value))).toBe(value);
    },
  );

  it('leaves ordinary text and plain numbers alone', () => {
    for (const value of ['劲松驿站', '010-67712345', '-33.9', "'引号开头", '']) {
      expect(escapeCell(value)).toBe(value);
      expect(unescapeCell(value)).toBe(value);
    }
  });

  it('round-trips a value that itself starts with an apostrophe before a formula character', () => {
    expect(escapeCell("'=1")).toBe("''=1");
    expect(unescapeCell(escapeCell("'=1"))).toBe("'=1");
  });
});

describe('columnOf', () => {
  it.each([
    ['纬度', 'lat'],
    ['LAT', 'lat'],
    ['Street_Code', 'street_code'],
    ['面积（公顷）', 'area_ha'],
    ['编号', 'external_id'],
  ])('knows the header %s as %s', (header, key) => expect(columnOf(header)?.key).toBe(key));

  it('reads kinds, amenities and coordinate systems by code or Chinese label', () => {
    expect(columnOf('类型')!.read('养老服务')).toEqual({ value: 'elder_care' });
    expect(columnOf('设施')!.read('卫生间、饮水；wifi,手机充电')).toEqual({
      value: ['toilet', 'drinking_water', 'wifi', 'charging'],
    });
    expect(columnOf('坐标系')!.read('GCJ-02')).toEqual({ value: 'gcj02' });
    expect(columnOf('坐标系')!.read('百度')).toEqual({ value: 'bd09' });
    expect(columnOf('设施')!.read('桑拿')).toEqual({ reason: 'unknown amenity "桑拿"' });
  });

  it('takes the official names and phrases of the vocabularies', () => {
    expect(
      columnOf('设施')!.read('急可如厕、渴可饮水、热可纳凉、冷可取暖、雨可栖身、累可歇脚、伤可用药、餐可优惠'),
    ).toEqual({
      value: ['toilet', 'drinking_water', 'cooling', 'heating', 'shelter', 'seating', 'first_aid', 'discounted_meals'],
    });
    expect(columnOf('设施')!.read('如厕;餐食加热;驱寒避雨;手机充电;读书阅览')).toEqual({
      value: ['toilet', 'meal_heating', 'shelter', 'charging', 'reading'],
    });
    expect(columnOf('养老服务项目')!.read('日间照料、呼叫服务、助餐服务、健康指导、文化娱乐、心理慰藉')).toEqual({
      value: ['day_care', 'call_service', 'meals', 'health_guidance', 'recreation', 'emotional_support'],
    });
    expect(columnOf('养老服务项目')!.read('助餐、助浴、助洁、助行、助医、助急')).toEqual({
      value: ['meals', 'bathing', 'cleaning', 'mobility', 'medical_escort', 'emergency'],
    });
    expect(
      ['综合公园', '社区公园', '历史名园', '专类公园', '游园', '生态公园', '自然公园'].map((t) =>
        columnOf('公园类型')!.read(t),
      ),
    ).toEqual(
      ['comprehensive', 'community', 'historic', 'specialized', 'garden', 'ecological', 'nature'].map((value) => ({
        value,
      })),
    );
    expect(columnOf('公园等级')!.read('二级')).toEqual({ value: 'grade_2' });
    expect(columnOf('无障碍设施')!.read('无障碍出入口、无障碍厕所、扶手、扶手座椅')).toEqual({
      value: ['step_free_entrance', 'accessible_toilet', 'handrails', 'armrest_seating'],
    });
    expect(columnOf('无障碍设施')!.read('盲文菜单')).toEqual({ reason: 'unknown accessibility feature "盲文菜单"' });
  });

  it('reads the labels and codes of sheets exported before the official vocabularies as what they became', () => {
    expect(
      ['口袋公园', '郊野/森林公园', '湿地公园', 'pocket', 'country_forest', 'wetland'].map((t) =>
        columnOf('公园类型')!.read(t),
      ),
    ).toEqual(['garden', 'ecological', 'nature', 'garden', 'ecological', 'nature'].map((value) => ({ value })));
    expect(columnOf('设施')!.read('座椅休息;卫生间;纳凉取暖;微波炉热饭;避雨避寒;爱心餐;图书阅读;应急药箱')).toEqual({
      value: [
        'seating',
        'toilet',
        'cooling',
        'heating',
        'meal_heating',
        'shelter',
        'discounted_meals',
        'reading',
        'first_aid',
      ],
    });
    expect(columnOf('设施')!.read('卫生间;无障碍通道')).toEqual({
      value: ['toilet'],
      adds: { accessibility: ['step_free_entrance'] },
    });
    expect(columnOf('amenities')!.read('cooling_heating;accessible')).toEqual({
      value: ['cooling', 'heating'],
      adds: { accessibility: ['step_free_entrance'] },
    });
    expect(columnOf('养老服务项目')!.read('老年餐桌（助餐）;日间照料;医疗服务站;上门服务')).toEqual({
      value: ['meals', 'day_care', 'medical', 'home_services'],
    });
  });

  it('refuses a number that is not one', () => {
    expect(columnOf('lat')!.read('39.9N')).toHaveProperty('reason');
    expect(columnOf('lat')!.read(' 39.9 ')).toEqual({ value: 39.9 });
  });
});

describe('parseSiteRows', () => {
  it('numbers rows as a spreadsheet does and names columns as the file does', () => {
    const { rows, errors } = parseSiteRows(
      '名称,类型,街道代码,纬度,经度\n好,公园,110105017,39.9,116.4\n坏,公园,110105017,abc,116.4',
    );
    expect(rows[0]).toEqual({
      row: 2,
      cells: { name: '好', kind: 'park', street_code: '110105017', lat: 39.9, lng: 116.4 },
      bad: new Set(),
    });
    expect(rows[1]).toMatchObject({ row: 3, bad: new Set(['lat']) });
    expect(errors).toEqual([{ row: 3, column: '纬度', reason: '"abc" is not a number' }]);
  });

  it('keeps quoted fields with separators and line breaks', () => {
    const { rows } = parseSiteRows(
      'name,kind,street_code,lat,lng,description\n"A, B",park,110105017,39.9,116.4,"一行\n两行"',
    );
    expect(rows[0]!.cells).toMatchObject({ name: 'A, B', description: '一行\n两行' });
  });

  it('carries only the columns the file has, empty cells as null', () => {
    const { rows } = parseSiteRows('external_id,phones,description\nx-1,,');
    expect(rows[0]!.cells).toEqual({ external_id: 'x-1', phones: [], description: null });
  });

  it('lists every bad cell of a row, not only the first', () => {
    const { errors } = parseSiteRows(
      [
        'external_id,kind,name,street_code,lat,lng,coord_system,amenities,beds,phones,source_url',
        'x-1,花园,,1101,north,200,火星,桑拿,多,abc,notaurl',
      ].join('\n'),
    );
    // The empty name is judged with the site: required for a new one, refused as a change to an existing one.
    expect(errors.map((e) => e.column)).toEqual([
      'kind',
      'lat',
      'coord_system',
      'amenities',
      'beds',
      'street_code',
      'lng',
      'phones',
      'source_url',
    ]);
  });

  it('needs a way to find each site: external_id, or street_code and name', () => {
    expect(parseSiteRows('name,phones\nx,010-1').errors).toEqual([
      { row: 1, column: null, reason: expect.stringContaining('external_id') },
    ]);
    expect(parseSiteRows('external_id,phones\nx,010-1').errors).toEqual([]);
    expect(parseSiteRows('external_id,lat\nx,39.9').errors).toEqual([
      { row: 1, column: null, reason: 'lat and lng go together' },
    ]);
  });

  it('reads back what sitesCsv writes, accessibility and park grade included', () => {
    const park: Site = {
      id: 2,
      external_id: 'p-1',
      kind: 'park',
      name: '劲松游园',
      name_en: null,
      address: null,
      street_code: '110105017',
      street_name: '劲松街道',
      district_code: '110105',
      district_name: '朝阳区',
      lat: 39.88,
      lng: 116.46,
      coord_system: 'wgs84',
      coord_precision: 'surveyed',
      phones: [],
      opening_hours: null,
      follows_workday_calendar: false,
      amenities: ['seating', 'cooling'],
      elder_services: [],
      accessibility: ['ramp', 'accessible_toilet'],
      beds: null,
      park_type: 'garden',
      park_grade: 'grade_4',
      area_ha: 0.3,
      operator: null,
      description: null,
      status: 'open',
      source: 'import',
      source_url: null,
      verified_at: null,
      created_at: '',
      updated_at: '',
      version: 1,
    };
    const text = sitesCsv([park]);
    expect(text).toContain('无障碍设施');
    expect(text).toContain('轮椅坡道;无障碍厕所');
    expect(text).toContain(',游园,四级,');
    const { rows, errors } = parseSiteRows(text.slice(1));
    expect(errors).toEqual([]);
    expect(rows[0]!.cells).toMatchObject({
      amenities: ['seating', 'cooling'],
      accessibility: ['ramp', 'accessible_toilet'],
      park_type: 'garden',
      park_grade: 'grade_4',
    });
  });

  it('reads back what sitesCsv writes', () => {
    const site: Site = {
      id: 1,
      external_id: 'x-1',
      kind: 'elder_care',
      name: '养老驿站, "东"',
      name_en: null,
      address: null,
      street_code: '110105017',
      street_name: '劲松街道',
      district_code: '110105',
      district_name: '朝阳区',
      lat: 39.88,
      lng: 116.46,
      coord_system: 'wgs84',
      coord_precision: 'surveyed',
      phones: ['010-1', '010-2'],
      opening_hours: 'Mo-Fr 08:00-18:00; PH off',
      follows_workday_calendar: true,
      amenities: ['toilet'],
      elder_services: ['meals', 'day_care'],
      accessibility: ['step_free_entrance'],
      beds: 12,
      park_type: null,
      park_grade: null,
      area_ha: null,
      operator: null,
      description: null,
      status: 'open',
      source: 'import',
      source_url: null,
      verified_at: null,
      created_at: '',
      updated_at: '',
      version: 1,
    };
    const { rows, errors } = parseSiteRows(sitesCsv([site]).slice(1));
    expect(errors).toEqual([]);
    expect(rows[0]!.cells).toMatchObject({
      external_id: 'x-1',
      name: '养老驿站, "东"',
      phones: ['010-1', '010-2'],
      elder_services: ['meals', 'day_care'],
      beds: 12,
      coord_precision: 'surveyed',
      opening_hours: 'Mo-Fr 08:00-18:00; PH off',
    });
  });
});

describe('import problems in the user’s language', () => {
  it.each([
    [undefined, undefined, 'zh'],
    [undefined, 'zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    [undefined, 'en-US,en;q=0.9', 'en'],
    ['zh', 'en-US', 'zh'],
    ['en', undefined, 'en'],
    [undefined, 'fr-FR', 'zh'],
  ] as const)('lang=%s with Accept-Language %s speaks %s', (param, accept, expected) => {
    expect(importLang(param, accept)).toBe(expected);
  });

  it('translates the validators’ sentences and keeps one it does not know as it is', () => {
    expect(reasonIn('unknown amenity "桑拿", "汗蒸"', 'zh')).toBe('无法识别的设施：“桑拿”, “汗蒸”');
    expect(reasonIn('only a site of kind elder_care has beds', 'zh')).toBe('只有“养老服务”类站点才有床位');
    expect(reasonIn('a new site needs kind, lat, lng', 'zh')).toBe('新站点须填写：类型、纬度、经度');
    expect(
      reasonIn(
        'more than 15 km from the other sites of district 110105; check the position, or import with confirm_far=true',
        'zh',
      ),
    ).toMatch(/^距区县110105的其他站点超过15公里/);
    expect(reasonIn('something new', 'zh')).toBe('something new');
    expect(reasonIn('"x" is not a number', 'en')).toBe('"x" is not a number');
  });

  it('lists problems by row, a row’s in column order, and counts what it leaves out', () => {
    const problems = [
      { row: 3, column: 'lat', reason: 'must not be empty' },
      { row: 2, column: 'b', reason: 'required' },
      { row: 2, column: 'a', reason: 'required' },
    ];
    expect(listProblems(problems, 'en', 2)).toEqual({
      errors: [
        { row: 2, column: 'b', reason: 'required' },
        { row: 2, column: 'a', reason: 'required' },
      ],
      errors_total: 3,
      errors_omitted: 1,
    });
  });
});
