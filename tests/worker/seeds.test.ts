// The seed data as `npm start` loads it: real sites from the news and labelled samples,
// loaded into a real D1 with the same statements, then read back through SQL and the API.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DISTRICTS, districtOf, withinDistrict } from '../../seeds/districts';
import { REAL_SITES } from '../../seeds/real-sites';
import { generateSamples, SAMPLE_DESCRIPTION, SAMPLE_PREFIX, SAMPLE_SITES } from '../../seeds/sample-sites';
import { siteStatements } from '../../seeds/seed-sql';
import { SEED_SITES } from '../../seeds/sites';
import { get } from './api';

async function loadSeeds() {
  await env.DB.batch(siteStatements(SEED_SITES).map((sql) => env.DB.prepare(sql)));
}

async function count(where = '1 = 1'): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM sites WHERE ${where}`).first<{ n: number }>();
  return row!.n;
}

interface Row {
  id: number;
  name: string;
  street_code: string;
  lat: number;
  lng: number;
  opening_hours: string | null;
  beds: number | null;
}
async function byExternalId(externalId: string): Promise<Row | null> {
  return env.DB.prepare('SELECT id, name, street_code, lat, lng, opening_hours, beds FROM sites WHERE external_id = ?')
    .bind(externalId)
    .first<Row>();
}

describe('loading the seed sites into D1', () => {
  it('stores every real site and at least 330 samples', async () => {
    await loadSeeds();
    expect(await count()).toBe(SEED_SITES.length);
    expect(await count("source = 'news_report'")).toBe(REAL_SITES.length);
    expect(await count("source = 'sample'")).toBeGreaterThanOrEqual(330);
  });

  it('loading twice neither duplicates sites nor overwrites one changed in between', async () => {
    await loadSeeds();
    await env.DB.prepare(`UPDATE sites SET opening_hours = 'Mo-Fr 09:00-17:00', version = version + 1
      WHERE external_id = 'news:jinsong-mofang-beili-station'`).run();
    await loadSeeds();
    expect(await count()).toBe(SEED_SITES.length);
    const jinsong = await byExternalId('news:jinsong-mofang-beili-station');
    expect(jinsong?.opening_hours).toBe('Mo-Fr 09:00-17:00');
  });

  it('records the creation of every seed site in its history, once, with the record the API serves', async () => {
    await loadSeeds();
    await loadSeeds();
    const history = await env.DB.prepare(
      `SELECT c.site_id, c.actor, c.action, c.before, c.after FROM site_changes c`,
    ).all<{ site_id: number; actor: string; action: string; before: string | null; after: string }>();
    expect(history.results).toHaveLength(SEED_SITES.length);
    expect(new Set(history.results.map((h) => h.site_id)).size).toBe(SEED_SITES.length);
    expect(history.results.every((h) => h.actor === 'seed' && h.action === 'create' && h.before === null)).toBe(true);
    const { id } = (await byExternalId('news:guanling-jiayuan-elder-centre'))!;
    const after = JSON.parse(history.results.find((h) => h.site_id === id)!.after);
    const { body } = await get(`/api/v1/sites/${id}`);
    const { open_now: _o, next_change: _n, ...record } = body;
    expect(after).toEqual(
      expect.objectContaining(Object.fromEntries(Object.entries(record).filter(([k]) => k in after))),
    );
    expect(Object.keys(after).length).toBeGreaterThanOrEqual(30);
  });

  it("puts every site on a known street, inside that street's district", async () => {
    await loadSeeds();
    const { results } = await env.DB.prepare(`SELECT s.name, s.lat, s.lng, s.street_code, t.district_code
      FROM sites s LEFT JOIN streets t ON t.code = s.street_code`).all<{
      name: string;
      lat: number;
      lng: number;
      street_code: string;
      district_code: string | null;
    }>();
    expect(results).toHaveLength(SEED_SITES.length);
    const misplaced = results.filter((r) => {
      const district = r.district_code ? districtOf(r.district_code) : undefined;
      return !district || r.street_code.slice(0, 6) !== r.district_code || !withinDistrict(district, r.lat, r.lng);
    });
    expect(misplaced).toEqual([]);
  });

  it('labels every sample as one and every real site as a news report', async () => {
    await loadSeeds();
    expect(
      await count(`source = 'sample' AND (name NOT LIKE '${SAMPLE_PREFIX}%' OR name_en NOT LIKE '%(sample)'
      OR description != '${SAMPLE_DESCRIPTION}' OR external_id NOT LIKE 'sample:%')`),
    ).toBe(0);
    expect(await count(`name LIKE '%样例%' AND source != 'sample'`)).toBe(0);
    expect(await count(`external_id LIKE 'news:%' AND source != 'news_report'`)).toBe(0);
    expect(await count(`source NOT IN ('sample', 'news_report')`)).toBe(0);
  });

  it('has samples in all 16 districts, more in the centre than in the mountains', async () => {
    await loadSeeds();
    const { results } = await env.DB.prepare(`SELECT substr(street_code, 1, 6) AS district, count(*) AS n
      FROM sites WHERE source = 'sample' GROUP BY district`).all<{ district: string; n: number }>();
    const n = new Map(results.map((r) => [r.district, r.n]));
    expect([...n.keys()].sort()).toEqual(DISTRICTS.map((d) => d.code).sort());
    const central = ['110101', '110102', '110105', '110108', '110106'].map((c) => n.get(c)!);
    const outer = ['110119', '110116', '110118', '110109'].map((c) => n.get(c)!);
    expect(Math.min(...central)).toBeGreaterThan(Math.max(...outer));
  });

  it('holds the sites the news reports name, where the reports put them', async () => {
    await loadSeeds();
    const jinsong = await byExternalId('news:jinsong-mofang-beili-station');
    expect(jinsong).toMatchObject({
      name: '劲松街道磨房北里社区全时驿站',
      street_code: '110105017',
      opening_hours: '24/7',
    });
    const guanling = await byExternalId('news:guanling-jiayuan-elder-centre');
    expect(guanling).toMatchObject({ name: '观岭家园一区养老服务中心', street_code: '110117002', beds: 22 });
    expect(await byExternalId('news:dashilan-party-service-centre')).toMatchObject({ street_code: '110102013' });
    for (const name of ['东单公园', '南馆公园', '青年湖公园']) {
      expect(await count(`name = '${name}' AND kind = 'park' AND street_code LIKE '110101%'`), name).toBe(1);
    }
    for (const name of ['奥林匹克森林公园', '朝阳公园', '温榆河公园（朝阳段）', '马家湾湿地公园', '东坝中心公园']) {
      expect(await count(`name = '${name}' AND kind = 'park' AND street_code LIKE '110105%'`), name).toBe(1);
    }
  });

  it('serves a loaded real site through the API with its street and district', async () => {
    await loadSeeds();
    const { id } = (await byExternalId('news:guanling-jiayuan-elder-centre'))!;
    const { status, body } = await get(`/api/v1/sites/${id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      kind: 'elder_care',
      name: '观岭家园一区养老服务中心',
      street_name: '兴谷街道',
      district_code: '110117',
      district_name: '平谷区',
      beds: 22,
      source: 'news_report',
      coord_system: 'wgs84',
      coord_precision: 'approximate',
    });
    expect(body.elder_services).toEqual(expect.arrayContaining(['meals', 'residential', 'medical']));
  });
});

// The subset of OSM opening_hours the samples keep to: `24/7`, or rules joined by `; `,
// each an optional day selector (weekday ranges/lists, PH) and `off` or time ranges.
const DAY = '(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?';
const RANGE = '(?:[01][0-9]|2[0-3]):[0-5][0-9]-(?:[01][0-9]|2[0-4]):[0-5][0-9]';
const RULE = new RegExp(`^(?:(?:${DAY}(?:,${DAY})*|PH) )?(?:off|${RANGE}(?:,${RANGE})*)$`);
const supportedHours = (hours: string) => hours === '24/7' || hours.split('; ').every((rule) => RULE.test(rule));

describe('the sample generator', () => {
  it('gives the same samples on every run and moves them with another seed', () => {
    expect(generateSamples()).toEqual(SAMPLE_SITES);
    const other = generateSamples(42);
    expect(other).toHaveLength(SAMPLE_SITES.length);
    expect(other.map((s) => s.lat)).not.toEqual(SAMPLE_SITES.map((s) => s.lat));
  });

  it('never puts two samples at the same position', () => {
    const positions = new Set(SAMPLE_SITES.map((s) => `${s.lat},${s.lng}`));
    expect(positions.size).toBe(SAMPLE_SITES.length);
  });

  it('mixes about half rest stations, 30% elder care and 20% parks', () => {
    const share = (kind: string) => SAMPLE_SITES.filter((s) => s.kind === kind).length / SAMPLE_SITES.length;
    expect(share('rest_station')).toBeCloseTo(0.5, 1);
    expect(share('elder_care')).toBeCloseTo(0.3, 1);
    expect(share('park')).toBeCloseTo(0.2, 1);
  });

  it('keeps opening hours to the supported OSM subset and uses several forms', () => {
    const hours = SEED_SITES.flatMap((s) => (s.opening_hours ? [s.opening_hours] : []));
    expect(hours.filter((h) => !supportedHours(h))).toEqual([]);
    expect(supportedHours('Mo-Fr 08:00-18:00 PH off')).toBe(false); // the check itself can fail
    const distinct = new Set(hours);
    for (const form of [
      '24/7',
      'Mo-Fr 08:00-18:00; PH off',
      'Mo-Su 06:00-22:00',
      'Mo-Sa 09:00-17:00',
      'Mo-Su 18:00-02:00',
    ]) {
      expect(distinct, form).toContain(form);
    }
  });

  it('gives each kind the details that fit it', () => {
    for (const s of SAMPLE_SITES) {
      if (s.kind === 'rest_station')
        expect(s.amenities).toEqual(expect.arrayContaining(['seating', 'drinking_water', 'charging']));
      if (s.kind === 'elder_care') {
        expect(s.elder_services).toContain('meals');
        expect(s.beds !== undefined).toBe(s.elder_services!.includes('residential'));
      } else expect(s.beds).toBeUndefined();
      if (s.kind === 'park') {
        expect(s.park_type).toBeDefined();
        expect(s.area_ha).toBeGreaterThan(0);
      } else expect(s.park_type ?? s.area_ha).toBeUndefined();
    }
  });
});
