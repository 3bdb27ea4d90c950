// What text linli refuses, on every path a site arrives by (console JSON, CSV import),
// and what it must never store.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SiteCreateSchema, SiteImportSchema, siteIssues, valuesOfCreate } from '../../worker/core/site-input';
import { isWebUrl, rendersVisibly, textProblem } from '../../worker/core/text-rules';
import { adminCookie, count, editorCookie, insertSite, JINSONG, PANJIAYUAN, send } from './fixtures/console';

const SITE = { kind: 'rest_station', name: '劲松驿站', street_code: JINSONG, lat: 39.8836, lng: 116.4612 };
const fieldOf = (body: { invalid_params?: { name: string }[] }) => body.invalid_params?.map((p) => p.name);

describe('text rules', () => {
  it.each([
    ['a zero-width space only', '\u200b'],
    ['zero widths and spaces', ' \u200b\u200c\u200d\ufeff\u2060 '],
    ['a Hangul filler', '\u3164'],
    ['a blank braille cell', '\u2800'],
  ])('finds that %s renders blank', (_what, text) => {
    expect(rendersVisibly(text)).toBe(false);
  });

  it('finds visible text visible, also with a joiner inside', () => {
    expect(rendersVisibly('劲松驿站')).toBe(true);
    expect(rendersVisibly('👩\u200d🔧')).toBe(true);
  });

  it.each([
    ['a right-to-left override', '驿站\u202eexe.txt'],
    ['an isolate', '\u2066驿站\u2069'],
    ['a right-to-left mark', '驿站\u200f'],
    ['a lone surrogate', 'a\ud800b'],
    ['a NUL', 'a\u0000b'],
  ])('refuses %s', (_what, text) => {
    expect(textProblem(text)).not.toBeNull();
  });

  it('accepts line breaks and tabs', () => {
    expect(textProblem('第一行\n第二行\t')).toBeNull();
  });

  it('takes http and https URLs only', () => {
    expect(isWebUrl('https://www.bjchy.gov.cn/x')).toBe(true);
    expect(isWebUrl('http://example.org')).toBe(true);
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
      'ftp://x.org',
      'https://',
    ]) {
      expect(isWebUrl(url), url).toBe(false);
    }
  });
});

describe('the site schemas', () => {
  it('refuse an auto: external_id from the console', () => {
    const res = SiteCreateSchema.safeParse({ ...SITE, external_id: `auto:${PANJIAYUAN}:潘家园驿站` });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path).toEqual(['external_id']);
  });

  it("let a CSV row carry the auto: key of its own street (an export imports back), never another street's", () => {
    const csvIssues = (external_id: string) =>
      siteIssues(valuesOfCreate(SiteImportSchema.parse({ ...SITE, external_id }), 'import'), 'csv');
    expect(csvIssues(`auto:${JINSONG}:劲松驿站`)).toEqual([]);
    expect(csvIssues(`auto:${PANJIAYUAN}:潘家园驿站`)).toEqual([
      expect.objectContaining({ name: 'external_id', in: 'csv' }),
    ]);
  });

  it('stay open to derived schemas (no object-level refinement: .partial() and .pick() work)', () => {
    expect(() => SiteImportSchema.partial()).not.toThrow();
    expect(() => SiteCreateSchema.pick({ name: true })).not.toThrow();
  });
});

describe('POST /api/v1/sites refuses text that would mislead or corrupt, and stores nothing', () => {
  it.each([
    ['a name that renders blank', { name: '\u200b' }, 'name'],
    ['a name of spaces and zero widths', { name: ' \u200b\u200d ' }, 'name'],
    ['a name with a bidi override', { name: '驿站\u202e站驿' }, 'name'],
    ['an address with a bidi isolate', { address: '\u2067劲松路\u2069' }, 'address'],
    ['a javascript: source_url', { source_url: 'javascript:alert(document.cookie)' }, 'source_url'],
    ['a data: source_url', { source_url: 'data:text/html;base64,PHNjcmlwdD4=' }, 'source_url'],
    ['an auto: external_id', { external_id: `auto:${PANJIAYUAN}:潘家园驿站` }, 'external_id'],
  ])('refuses %s with a 400 naming the field', async (_what, fields, field) => {
    const res = await send('POST', '/api/v1/sites', { cookie: await adminCookie(), json: { ...SITE, ...fields } });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(fieldOf(res.body)).toContain(field);
    expect(await count('sites')).toBe(0);
  });

  it('refuses a lone surrogate ("\\ud800") with a 400 naming the field, never storing bytes ED A0 80', async () => {
    const cookie = await adminCookie();
    const body = JSON.stringify({ ...SITE, name: 'NAME' }).replace('NAME', '劲松\\ud800驿站');
    const res = await send('POST', '/api/v1/sites', { cookie, body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(fieldOf(res.body)).toEqual(['name']);
    expect(await count('sites')).toBe(0);
  });

  it('refuses a lone surrogate in any JSON body, e.g. a report note', async () => {
    const id = await insertSite();
    const res = await send('POST', `/api/v1/sites/${id}/reports`, {
      body: '{"category":"other","note":"\\udc00"}',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.9' },
    });
    expect(res.status).toBe(400);
    expect(fieldOf(res.body)).toEqual(['note']);
    expect(await count('reports')).toBe(0);
  });

  it('refuses a body that is not valid UTF-8 with a 400, instead of storing U+FFFD in its place', async () => {
    const cookie = await adminCookie();
    const json = new TextEncoder().encode(JSON.stringify({ ...SITE, name: '劲松X驿站' }));
    const x = json.indexOf(0x58);
    const bytes = new Uint8Array([...json.slice(0, x), 0xff, 0xfe, ...json.slice(x + 1)]);
    const res = await send('POST', '/api/v1/sites', {
      cookie,
      body: bytes,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(fieldOf(res.body)).toEqual(['body']);
    expect(await count('sites')).toBe(0);
  });

  it('refuses a PATCH that renames a site to a blank name or moves its link to javascript:', async () => {
    const id = await insertSite();
    const cookie = await adminCookie();
    for (const fields of [
      { name: '\u200b\u200b' },
      { source_url: 'javascript:alert(1)' },
      { external_id: `auto:${JINSONG}:x` },
    ]) {
      const res = await send('PATCH', `/api/v1/sites/${id}`, { cookie, json: { version: 1, ...fields } });
      expect(res.status, JSON.stringify(fields)).toBe(400);
    }
    expect(await env.DB.prepare('SELECT name, version FROM sites').first()).toEqual({ name: '测试驿站', version: 1 });
  });
});

describe('the CSV import applies the same rules', () => {
  const importCsv = async (csv: string) =>
    send('POST', '/api/v1/imports', {
      cookie: await editorCookie('jinsong', [JINSONG]),
      body: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
  const HEAD = 'external_id,kind,name,street_code,lat,lng,source_url';

  it.each([
    ['a blank name', `x-1,rest_station,\u200b,${JINSONG},39.8836,116.4612,`, 'name'],
    ['a bidi override in a name', `x-1,rest_station,驿站\u202e站,${JINSONG},39.8836,116.4612,`, 'name'],
    ['a javascript: source_url', `x-1,rest_station,驿站,${JINSONG},39.8836,116.4612,javascript:alert(1)`, 'source_url'],
    [
      "another street's auto: key",
      `auto:${PANJIAYUAN}:潘家园驿站,rest_station,驿站,${JINSONG},39.8836,116.4612,`,
      'external_id',
    ],
  ])('refuses a row with %s, naming the column, and writes nothing', async (_what, row, column) => {
    const res = await importCsv(`${HEAD}\n${row}\n`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).toContain(column);
    expect(await count('sites')).toBe(0);
  });
});
