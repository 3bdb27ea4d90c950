import { env } from 'cloudflare:test';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { BASE } from './api';
import { callWorker } from './call-worker';
import { adminCookie, count, editorCookie, insertSite, JINSONG, PANJIAYUAN, send } from './fixtures/console';

const csvHeaders = { 'content-type': 'text/csv; charset=utf-8' };
const importCsv = (cookie: string, csv: string | Uint8Array, query = '') =>
  send('POST', `/api/v1/imports${query}`, { cookie, body: csv, headers: csvHeaders });

const ZH_FILE = [
  '编号,类型,名称,街道代码,纬度,经度,坐标系,设施,开放时间,电话',
  'js-1,户外劳动者驿站,劲松北社区驿站,110105017,39.8836,116.4612,WGS84,卫生间、饮水；手机充电,Mo-Su 08:00-20:00,010-67712345',
  'js-2,养老服务,劲松养老服务驿站,110105017,39.8851,116.4633,高德,,"Mo-Fr 08:00-17:00; PH off",',
].join('\r\n');

const EN_FILE = [
  'external_id,kind,name,street_code,lat,lng,amenities',
  'a-1,rest_station,Station one,110105017,39.8836,116.4612,toilet;drinking_water',
  'a-2,rest_station,Station two,110105017,39.8840,116.4620,seating',
].join('\n');

describe('POST /api/v1/imports', () => {
  it('imports a UTF-8 file with a byte-order mark and Chinese headers, labels and separators', async () => {
    const res = await importCsv(await adminCookie(), `\uFEFF${ZH_FILE}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dry_run: false,
      rows: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      encoding: 'utf-8',
    });
    const station = await env.DB.prepare("SELECT * FROM sites WHERE external_id = 'js-1'").first();
    expect(station).toMatchObject({
      kind: 'rest_station',
      name: '劲松北社区驿站',
      source: 'import',
      coord_system: 'wgs84',
      amenities: '["toilet","drinking_water","charging"]',
      phones: '["010-67712345"]',
    });
    const elder = await env.DB.prepare("SELECT * FROM sites WHERE external_id = 'js-2'").first();
    expect(elder).toMatchObject({
      kind: 'elder_care',
      coord_system: 'gcj02',
      opening_hours: 'Mo-Fr 08:00-17:00; PH off',
    });
    expect(Number(elder?.lat)).not.toBe(39.8851); // converted from GCJ-02
    expect(await count('site_changes', "action = 'import' AND before IS NULL")).toBe(2);
  });

  it('imports a sheet exported before the official vocabularies losslessly, step-free access moved to accessibility', async () => {
    const cookie = await adminCookie();
    const site = await insertSite({ external_id: 'old-1', name: '劲松驿站', accessibility: '["handrails"]' });
    const park = await insertSite({
      external_id: 'old-2',
      kind: 'park',
      name: '劲松口袋公园',
      park_type: 'garden',
      lat: 39.884,
      lng: 116.462,
    });
    const old = [
      '编号,类型,名称,街道代码,纬度,经度,设施,公园类型',
      'old-1,户外劳动者驿站,劲松驿站,110105017,39.8836,116.4612,卫生间;纳凉取暖;无障碍通道,',
      'old-2,公园,劲松口袋公园,110105017,39.884,116.462,,口袋公园',
      'old-3,公园,劲松湿地公园,110105017,39.885,116.463,,湿地公园',
    ].join('\r\n');
    const res = await importCsv(cookie, old);
    expect(res.status).toBe(200);
    expect(await env.DB.prepare('SELECT amenities, accessibility FROM sites WHERE id = ?').bind(site).first()).toEqual({
      amenities: '["toilet","cooling","heating"]',
      accessibility: '["handrails","step_free_entrance"]',
    });
    expect(await env.DB.prepare('SELECT park_type FROM sites WHERE id = ?').bind(park).first('park_type')).toBe(
      'garden',
    );
    expect(await env.DB.prepare("SELECT park_type FROM sites WHERE external_id = 'old-3'").first('park_type')).toBe(
      'nature',
    );
    expect(res.body).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
  });

  it('imports a GBK file (as saved by Excel on Chinese Windows)', async () => {
    const bytes = new Uint8Array(iconv.encode(ZH_FILE, 'gbk'));
    const res = await importCsv(await adminCookie(), bytes);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, encoding: 'gbk' });
    const names = await env.DB.prepare('SELECT name FROM sites ORDER BY external_id').all<{ name: string }>();
    expect(names.results.map((r) => r.name)).toEqual(['劲松北社区驿站', '劲松养老服务驿站']);
  });

  it('accepts the file as the "file" part of a multipart form', async () => {
    const form = new FormData();
    form.append('file', new File([EN_FILE], 'sites.csv', { type: 'text/csv' }));
    const res = await send('POST', '/api/v1/imports', { cookie: await adminCookie(), body: form });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2 });
  });

  it('a dry run checks the file and writes nothing', async () => {
    const res = await importCsv(await adminCookie(), EN_FILE, '?dry_run=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dry_run: true, rows: 2, created: 2 });
    expect(await count('sites')).toBe(0);
    expect(await count('site_changes')).toBe(0);
  });

  it('lists every problem by row and column, and one bad row means nothing is imported', async () => {
    const file = [
      'external_id,kind,name,street_code,lat,lng,amenities,opening_hours',
      'b-1,rest_station,Good,110105017,39.8836,116.4612,toilet,24/7',
      'b-2,rest_station,Bad lat,110105017,north,116.4612,,',
      'b-3,rest_station,Bad amenity,110105017,39.88,116.46,sauna,',
      'b-1,rest_station,Duplicate,110105017,39.88,116.46,,',
      'b-5,rest_station,Bad hours,110105017,39.88,116.46,,sometimes',
      'b-6,rest_station,No street,110105999,39.88,116.46,,',
    ].join('\n');
    for (const query of ['?dry_run=true&lang=en', '?lang=en']) {
      const res = await importCsv(await adminCookie(), file, query);
      expect(res.status).toBe(422);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.errors).toEqual([
        { row: 3, column: 'lat', reason: expect.stringContaining('north') },
        { row: 4, column: 'amenities', reason: expect.stringContaining('sauna') },
        { row: 5, column: 'external_id', reason: expect.stringContaining('row 2') },
        { row: 6, column: 'opening_hours', reason: expect.any(String) },
        { row: 7, column: 'street_code', reason: expect.stringContaining('110105999') },
      ]);
      expect(await count('sites')).toBe(0);
      expect(await count('site_changes')).toBe(0);
    }
  });

  it('names unknown and missing columns', async () => {
    const res = await importCsv(await adminCookie(), 'name,colour\nx,red', '?lang=en');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { row: 1, column: 'colour', reason: 'unknown column' },
        { row: 1, column: null, reason: expect.stringContaining('external_id') },
      ]),
    );
  });

  it('asks a new site for what it cannot do without, naming the row', async () => {
    const res = await importCsv(await adminCookie(), 'external_id,name,phones\nnew-1,新站点,010-1', '?lang=en');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ row: 2, column: null, reason: 'a new site needs kind, street_code, lat, lng' }]);
  });

  it('refuses with 403 an editor importing rows for another street, writing nothing', async () => {
    const cookie = await editorCookie('jinsong', [JINSONG]);
    const file = `${EN_FILE}\na-3,rest_station,Elsewhere,${PANJIAYUAN},39.873,116.458,`;
    for (const query of ['?dry_run=true&lang=en', '?lang=en']) {
      const res = await importCsv(cookie, file, query);
      expect(res.status).toBe(403);
      expect(res.body.errors).toEqual([
        { row: 4, column: 'street_code', reason: expect.stringContaining('outside your streets') },
      ]);
    }
    expect(await count('sites')).toBe(0);
  });

  it("refuses an editor whose row would overwrite another street's site by its external_id", async () => {
    await insertSite({ external_id: 'a-1', street_code: PANJIAYUAN, lat: 39.873, lng: 116.458 });
    const res = await importCsv(await editorCookie('jinsong', [JINSONG]), EN_FILE);
    expect(res.status).toBe(403);
    expect(await env.DB.prepare("SELECT street_code FROM sites WHERE external_id = 'a-1'").first('street_code')).toBe(
      PANJIAYUAN,
    );
    expect(await count('sites')).toBe(1);
  });

  it('refuses a row placed far from the district unless confirm_far=true', async () => {
    for (const [lat, lng] of [
      [39.88, 116.46],
      [39.92, 116.45],
      [39.95, 116.48],
    ] as const)
      await insertSite({ lat, lng });
    const cookie = await adminCookie();
    const file = 'external_id,kind,name,street_code,lat,lng\nfar-1,rest_station,远处,110105017,40.6,116.46';
    const refused = await importCsv(cookie, file, '?lang=en');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ row: 2, column: 'lat', reason: expect.stringContaining('confirm_far') }]);
    expect((await importCsv(cookie, file, '?confirm_far=true')).body).toMatchObject({ created: 1 });
  });

  it('re-importing the same file changes nothing and records nothing', async () => {
    const cookie = await adminCookie();
    await importCsv(cookie, ZH_FILE);
    const before = await env.DB.prepare('SELECT * FROM sites ORDER BY id').all();
    const again = await importCsv(cookie, ZH_FILE);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await env.DB.prepare('SELECT * FROM sites ORDER BY id').all()).results).toEqual(before.results);
    expect(await count('site_changes')).toBe(2);
  });

  it('a changed row updates its site and records an import change with before and after', async () => {
    const cookie = await adminCookie();
    await importCsv(cookie, EN_FILE);
    const res = await importCsv(cookie, EN_FILE.replace('Station two', 'Station 2'));
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const change = await env.DB.prepare('SELECT before, after FROM site_changes WHERE before IS NOT NULL').first<{
      before: string;
      after: string;
    }>();
    expect(JSON.parse(change!.before)).toMatchObject({ name: 'Station two', version: 1 });
    expect(JSON.parse(change!.after)).toMatchObject({ name: 'Station 2', version: 2 });
    expect(await env.DB.prepare("SELECT version FROM sites WHERE external_id = 'a-2'").first('version')).toBe(2);
  });

  it('keys rows without external_id by street code and name', async () => {
    const cookie = await adminCookie();
    const file = 'kind,name,street_code,lat,lng\nrest_station,无编号驿站,110105017,39.8836,116.4612';
    expect((await importCsv(cookie, file)).body).toMatchObject({ created: 1 });
    expect((await importCsv(cookie, file)).body).toMatchObject({ created: 0, unchanged: 1 });
    expect(await env.DB.prepare('SELECT external_id FROM sites').first('external_id')).toBe(
      'auto:110105017:无编号驿站',
    );
  });

  it('refuses a body that is neither CSV nor a form with 415', async () => {
    const res = await send('POST', '/api/v1/imports', { cookie: await adminCookie(), json: { rows: [] } });
    expect(res.status).toBe(415);
    expect(res.type).toContain('application/problem+json');
  });

  it('refuses an import without the app origin', async () => {
    const res = await send('POST', '/api/v1/imports', {
      cookie: await adminCookie(),
      body: EN_FILE,
      headers: csvHeaders,
      origin: null,
    });
    expect(res.status).toBe(403);
    expect(await count('sites')).toBe(0);
  });

  it('imports 10,000 rows in one atomic batch', async () => {
    const streets = ['110105017', '110105018', '110105019', '110105020'];
    const lines = ['external_id,kind,name,street_code,lat,lng,amenities,opening_hours,phones'];
    for (let i = 0; i < 10_000; i++) {
      lines.push(
        `bulk-${i},rest_station,批量驿站${i},${streets[i % 4]},${(39.85 + (i % 100) * 0.001).toFixed(4)},${(116.44 + Math.floor(i / 100) * 0.0005).toFixed(4)},toilet;seating,Mo-Su 08:00-20:00,010-6771${String(i).padStart(4, '0')}`,
      );
    }
    const file = lines.join('\n');
    const cookie = await adminCookie();
    const started = performance.now();
    const res = await importCsv(cookie, file);
    const firstMs = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 10_000, created: 10_000 });
    expect(await count('sites')).toBe(10_000);
    expect(await count('site_changes', "action = 'import'")).toBe(10_000);
    const again = performance.now();
    const second = await importCsv(cookie, file);
    const secondMs = performance.now() - again;
    expect(second.body).toMatchObject({ created: 0, updated: 0, unchanged: 10_000 });
    console.log(
      `import of 10,000 rows (${(file.length / 1e6).toFixed(2)} MB): ${firstMs.toFixed(0)} ms; re-import (all unchanged): ${secondMs.toFixed(0)} ms`,
    );
  }, 120_000);
});

describe('GET /api/v1/imports/template.csv', () => {
  it('is a UTF-8 CSV with BOM whose example row imports', async () => {
    const res = await callWorker(`${BASE}/api/v1/imports/template.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('名称');
    const imported = await importCsv(await adminCookie(), bytes);
    expect(imported.body).toMatchObject({ created: 1 });
  });
});

describe('POST /api/v1/imports on existing sites', () => {
  const FULL = [
    'external_id,kind,name,street_code,lat,lng,phones,amenities,opening_hours,description,operator',
    'k-1,rest_station,劲松驿站,110105017,39.8836,116.4612,010-67712345,toilet;charging,Mo-Su 08:00-20:00,东门进,劲松街道',
  ].join('\n');
  const site = () => env.DB.prepare("SELECT * FROM sites WHERE external_id = 'k-1'").first();

  it('leaves the columns a file does not carry unchanged', async () => {
    const cookie = await adminCookie();
    await importCsv(cookie, FULL);
    const before = await site();
    const res = await importCsv(cookie, 'external_id,name\nk-1,劲松北驿站');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ updated: 1 });
    expect(await site()).toMatchObject({
      name: '劲松北驿站',
      phones: before!.phones,
      amenities: before!.amenities,
      opening_hours: before!.opening_hours,
      description: '东门进',
      operator: '劲松街道',
      lat: before!.lat,
      lng: before!.lng,
      status: 'open',
      version: 2,
    });
  });

  it('empties an optional field when its column is there and the cell is empty', async () => {
    const cookie = await adminCookie();
    await importCsv(cookie, FULL);
    await importCsv(cookie, 'external_id,phones,description\nk-1,,');
    expect(await site()).toMatchObject({ phones: '[]', description: null, operator: '劲松街道' });
  });

  it('does not reopen a retired site unless a status column says so', async () => {
    const cookie = await adminCookie();
    await importCsv(cookie, FULL);
    await env.DB.prepare("UPDATE sites SET status = 'retired' WHERE external_id = 'k-1'").run();
    const renamed = await importCsv(cookie, FULL.replace('劲松驿站', '劲松新驿站'));
    expect(renamed.body).toMatchObject({ updated: 1 });
    expect(await site()).toMatchObject({ name: '劲松新驿站', status: 'retired' });
    await importCsv(cookie, 'external_id,status\nk-1,');
    expect(await site()).toMatchObject({ status: 'retired' });
    await importCsv(cookie, 'external_id,状态\nk-1,运营中');
    expect(await site()).toMatchObject({ status: 'open' });
  });

  it('refuses emptying a field a site cannot do without', async () => {
    const cookie = await adminCookie();
    await importCsv(cookie, FULL);
    const res = await importCsv(cookie, 'external_id,name\nk-1,', '?lang=en');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ row: 2, column: 'name', reason: 'must not be empty' }]);
  });

  it('a dry run lists, row by row, every field that will change from old to new', async () => {
    const cookie = await adminCookie();
    await importCsv(cookie, FULL);
    const id = Number((await site())!.id);
    const file = [
      'external_id,kind,name,street_code,lat,lng,phones,amenities',
      'k-1,rest_station,劲松驿站,110105017,39.8836,116.4612,010-67712345;010-67719999,toilet',
      'k-2,park,新公园,110105017,39.8840,116.4620,,',
    ].join('\n');
    const res = await importCsv(cookie, file, '?dry_run=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dry_run: true,
      created: 1,
      updated: 1,
      unchanged: 0,
      changes_omitted: 0,
      rows_written: 0,
    });
    expect(res.body.changes).toEqual([
      {
        row: 2,
        action: 'update',
        site_id: id,
        name: '劲松驿站',
        fields: [
          { field: 'phones', old: ['010-67712345'], new: ['010-67712345', '010-67719999'] },
          { field: 'amenities', old: ['toilet', 'charging'], new: ['toilet'] },
        ],
      },
      { row: 3, action: 'create', site_id: null, name: '新公园', fields: [] },
    ]);
    expect(await count('sites')).toBe(1);
  });
});

describe('POST /api/v1/imports problems', () => {
  it('lists every problem of a row: a bad longitude and bad hours both', async () => {
    const file =
      'external_id,kind,name,street_code,lat,lng,opening_hours\nz-1,rest_station,驿站,110105017,39.88,east,sometimes';
    const res = await importCsv(await adminCookie(), file, '?lang=en');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { row: 2, column: 'lng', reason: '"east" is not a number' },
      { row: 2, column: 'opening_hours', reason: expect.stringMatching(/^opening hours: /) },
    ]);
  });

  it('speaks Chinese by default and English when the browser or the lang parameter asks', async () => {
    const cookie = await adminCookie();
    const file = 'external_id,kind,name,street_code,lat,lng\nz-1,rest_station,驿站,110105017,39.88,east';
    const zh = await importCsv(cookie, file);
    expect(zh.body.errors).toEqual([{ row: 2, column: 'lng', reason: '“east”不是数字' }]);
    expect(zh.body.detail).toBe('文件中有1个问题，未导入任何数据');
    const en = await send('POST', '/api/v1/imports', {
      cookie,
      body: file,
      headers: { ...csvHeaders, 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(en.body.errors).toEqual([{ row: 2, column: 'lng', reason: '"east" is not a number' }]);
    expect((await importCsv(cookie, file, '?lang=zh')).body.errors[0].reason).toBe('“east”不是数字');
  });

  it('tells a clerk what is wrong with Chinese hours in Chinese only, with the position', async () => {
    const file =
      '编号,类型,名称,街道代码,纬度,经度,开放时间\nz-1,户外劳动者驿站,驿站,110105017,39.88,116.46,周一至周五 8点-xx点';
    const res = await importCsv(await adminCookie(), file);
    expect(res.status).toBe(422);
    const [problem] = res.body.errors;
    expect(problem).toMatchObject({ row: 2, column: '开放时间' });
    expect(problem.reason).toMatch(/^开放时间无法识别（第\d+个字符处）：/);
    expect(problem.reason).not.toMatch(/[A-Za-z]{3,}/); // no English sentence inside the Chinese one
    expect(Object.keys(problem).sort()).toEqual(['column', 'reason', 'row']);
  });

  it('translates every kind of problem a row can have into Chinese', async () => {
    const file = [
      'external_id,kind,name,street_code,lat,lng,coord_system,amenities,beds,phones,opening_hours',
      'z-1,花园,驿站,110105017,north,116.46,火星,桑拿,多,abc,sometimes',
      'z-2,rest_station,驿站二,110105999,39.88,116.46,,,12,,',
      'z-1,rest_station,重复,110105017,39.88,116.46,,,,,',
    ].join('\n');
    const res = await importCsv(await adminCookie(), file);
    expect(res.status).toBe(422);
    const reasons = res.body.errors.map((e: { reason: string }) => e.reason);
    expect(reasons).toHaveLength(10); // row 2: kind, lat, coord_system, amenities, beds, phones, hours; row 3: street, beds; row 4: duplicate
    for (const reason of reasons) expect(reason, reason).toMatch(/[\u4e00-\u9fff]/);
    expect(reasons.filter((r: string) => /^[\x20-\x7e]*$/.test(r))).toEqual([]);
  });

  it('finds every problem of a large file but lists a stated number, counting the rest', async () => {
    const lines = ['external_id,kind,name,street_code,lat,lng'];
    for (let i = 0; i < 1200; i++) lines.push(`p-${i},rest_station,驿站${i},110105017,39.88,x${i}`);
    const res = await importCsv(await adminCookie(), lines.join('\n'), '?dry_run=true&lang=en');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ errors_total: 1200, errors_omitted: 200 });
    expect(res.body.errors).toHaveLength(1000);
    expect(res.body.errors[999]).toEqual({ row: 1001, column: 'lng', reason: '"x999" is not a number' });
    expect(res.body.detail).toContain('the first 1000 are listed, 200 more are not');
  });
});

describe('POST /api/v1/imports encodings', () => {
  it('refuses a UTF-8 file (with BOM) holding an invalid byte with 422 naming row and byte offset, writing nothing', async () => {
    const cookie = await adminCookie();
    await importCsv(cookie, ZH_FILE);
    const before = await env.DB.prepare('SELECT * FROM sites ORDER BY id').all();
    const text = new TextEncoder().encode(`\uFEFF${ZH_FILE.replace('劲松养老服务驿站', '劲松养老服务')}`);
    const at = text.indexOf(
      0x2c,
      new TextEncoder().encode(`\uFEFF${ZH_FILE.split('\r\n').slice(0, 2).join('\r\n')}\r\njs-2,养老服务,劲松养老服务`)
        .length - 1,
    );
    const bytes = new Uint8Array([...text.subarray(0, at), 0xc0, ...text.subarray(at)]);
    for (const query of ['?dry_run=true', '']) {
      const res = await importCsv(cookie, bytes, query);
      expect(res.status).toBe(422);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        byte_offset: at,
        errors: [{ row: 3, column: null, reason: `第${at}字节不是有效的UTF-8编码` }],
      });
    }
    expect((await env.DB.prepare('SELECT * FROM sites ORDER BY id').all()).results).toEqual(before.results);
    expect(await count('sites')).toBe(2);
  });
});
