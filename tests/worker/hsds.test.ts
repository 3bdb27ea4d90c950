import { env } from 'cloudflare:test';
import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { HSDS_NAMESPACE } from '../../worker/hsds/ids';
import { type Entity, hsdsErrors, pageErrors } from '../unit/hsds-validator';
import { BASE, get } from './api';
import { callWorker } from './call-worker';
import { DASHILAR, insertSite, JINSONG, PANJIAYUAN } from './fixtures/console';

const LISTS: [string, Entity][] = [
  ['/api/hsds/organizations', 'organization'],
  ['/api/hsds/services', 'service'],
  ['/api/hsds/locations', 'location'],
  ['/api/hsds/service_at_locations', 'service_at_location'],
];

/** A varied set of sites: hours, phones, amenities, an operator, a paused and a retired site. */
async function seedVaried() {
  const station = await insertSite({
    name: '劲松北社区驿站',
    name_en: 'Jinsong North station',
    address: '劲松北路1号',
    phones: '["010-67712345","13800000000"]',
    opening_hours: 'Mo-Fr 08:00-18:00; Sa 09:00-12:00; PH off',
    amenities: '["toilet","charging"]',
    accessibility: '["step_free_entrance","accessible_toilet","handrails","armrest_seating"]',
    operator: '北京市总工会',
    verified_at: '2026-11-20T03:00:00.000Z',
    source_url: 'https://example.org/news/1',
    external_id: 'news:jinsong-north',
  });
  const elder = await insertSite({
    kind: 'elder_care',
    name: '劲松养老驿站',
    lat: 39.882,
    lng: 116.462,
    elder_services: '["meals","day_care"]',
    beds: 12,
    opening_hours: '24/7',
    status: 'temporarily_closed',
  });
  const park = await insertSite({
    kind: 'park',
    name: '潘家园口袋公园',
    street_code: PANJIAYUAN,
    lat: 39.873,
    lng: 116.458,
    park_type: 'garden',
    park_grade: 'grade_4',
    area_ha: 0.4,
  });
  const retired = await insertSite({
    name: '大栅栏旧驿站',
    street_code: DASHILAR,
    lat: 39.895,
    lng: 116.395,
    status: 'retired',
  });
  return { station, elder, park, retired };
}

const serviceId = (siteId: number) => v5(`site:${siteId}:service`, HSDS_NAMESPACE);

describe('GET /api/hsds/{organizations,services,locations,service_at_locations}', () => {
  it.each(LISTS)(
    '%s answers a page every record of which validates against the HSDS 3.1 schema',
    async (path, entity) => {
      await seedVaried();
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.type).toContain('application/json');
      expect(pageErrors(entity, res.body)).toBe('');
      expect(res.body).toMatchObject({
        page_number: 1,
        first_page: true,
        last_page: true,
        empty: false,
        total_pages: 1,
      });
      expect(res.body.size).toBe(res.body.contents.length);
      expect(res.body.total_items).toBe(entity === 'organization' ? 3 : 3); // two street offices + one operator; three live sites
    },
  );

  it.each(LISTS)('%s leaves retired sites out', async (path) => {
    await seedVaried();
    const text = JSON.stringify((await get(path)).body);
    expect(text).not.toContain('大栅栏');
  });

  it('states the data licence and attribution, and may be cached', async () => {
    await seedVaried();
    const res = await get('/api/hsds/services');
    expect(res.body).toMatchObject({
      licence: 'CC-BY-4.0',
      licence_url: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect(res.body.attribution).toContain('街道办事处');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('link')).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
  });

  it('pages with page and per_page, saying where the page is', async () => {
    for (let i = 0; i < 5; i++) await insertSite({ name: `驿站${i}`, lat: 39.88 + i / 1000 });
    const third = (await get('/api/hsds/services?per_page=2&page=3')).body;
    expect(pageErrors('service', third)).toBe('');
    expect(third).toMatchObject({
      total_items: 5,
      total_pages: 3,
      page_number: 3,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
    });
    expect(third.contents[0].name).toBe('驿站4');
    const beyond = (await get('/api/hsds/services?per_page=2&page=4')).body;
    expect(beyond).toMatchObject({ total_items: 5, size: 0, empty: true, last_page: true, contents: [] });
    const pages = await Promise.all([1, 2, 3].map((p) => get(`/api/hsds/services?per_page=2&page=${p}`)));
    expect(new Set(pages.flatMap((p) => p.body.contents.map((s: { id: string }) => s.id))).size).toBe(5);
  });

  it('gives every record a UUID v5 of the fixed namespace that is the same on every request', async () => {
    const { station } = await seedVaried();
    const [a, b] = [await get('/api/hsds/services'), await get('/api/hsds/services')];
    expect(a.body.contents.map((s: { id: string }) => s.id)).toEqual(b.body.contents.map((s: { id: string }) => s.id));
    expect(a.body.contents[0].id).toBe(serviceId(station));
    expect(a.body.contents[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const office = (await get('/api/hsds/organizations')).body.contents.find(
      (o: { name: string }) => o.name === '劲松街道办事处',
    );
    expect(office.id).toBe(v5(`street:${JINSONG}`, HSDS_NAMESPACE));
  });

  it('finds records by search in the name, address or operator', async () => {
    await seedVaried();
    const names = async (q: string) =>
      (await get(`/api/hsds/services?search=${encodeURIComponent(q)}`)).body.contents.map(
        (s: { name: string }) => s.name,
      );
    expect(await names('养老')).toEqual(['劲松养老驿站']);
    expect(await names('劲松北路')).toEqual(['劲松北社区驿站']);
    expect(await names('总工会')).toEqual(['劲松北社区驿站']);
    expect(await names('100%')).toEqual([]);
    const orgs = (await get('/api/hsds/organizations?search=潘家园')).body;
    expect(orgs.contents.map((o: { name: string }) => o.name)).toEqual(['潘家园街道办事处']);
  });

  it('keeps only records modified on or after modified_after', async () => {
    const { park } = await seedVaried();
    await env.DB.prepare("UPDATE sites SET updated_at = '2020-01-01T00:00:00.000Z' WHERE id != ?").bind(park).run();
    await env.DB.prepare("UPDATE sites SET updated_at = '2026-12-01T00:00:00.000Z' WHERE id = ?").bind(park).run();
    const services = (await get('/api/hsds/services?modified_after=2026-12-01T07:00:00%2B08:00')).body;
    expect(services.contents.map((s: { name: string }) => s.name)).toEqual(['潘家园口袋公园']);
    expect(services.contents[0].last_modified).toBe('2026-12-01T00:00:00.000Z');
    expect((await get('/api/hsds/services?modified_after=2026-12-02')).body.total_items).toBe(0);
    const orgs = (await get('/api/hsds/organizations?modified_after=2026-11-30')).body;
    expect(orgs.contents.map((o: { name: string }) => o.name)).toEqual(['潘家园街道办事处']);
  });

  it('lists the services an organization provides with organization_id', async () => {
    await seedVaried();
    const names = async (org: string) =>
      (await get(`/api/hsds/services?organization_id=${org}`)).body.contents.map((s: { name: string }) => s.name);
    expect(await names(v5('operator:北京市总工会', HSDS_NAMESPACE))).toEqual(['劲松北社区驿站']);
    expect(await names(v5(`street:${JINSONG}`, HSDS_NAMESPACE))).toEqual(['劲松养老驿站']); // the station has its own operator
    expect(await names(v5('street:110102013', HSDS_NAMESPACE))).toEqual([]);
    const bad = await get('/api/hsds/services?organization_id=jinsong');
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_params).toMatchObject([{ name: 'organization_id', in: 'query' }]);
  });

  it('tells a sync with modified_after of the sites retired since, as defunct services', async () => {
    const { retired } = await seedVaried();
    const since = (await get('/api/hsds/services?modified_after=2000-01-01')).body;
    expect(pageErrors('service', since)).toBe('');
    expect(since.contents.find((s: { id: string }) => s.id === serviceId(retired)).status).toBe('defunct');
    expect(since.total_items).toBe(4);
    await env.DB.prepare("UPDATE sites SET updated_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(retired).run();
    expect(
      (await get('/api/hsds/services?modified_after=2021-01-01')).body.contents.map((s: { id: string }) => s.id),
    ).not.toContain(serviceId(retired));
    expect((await get('/api/hsds/locations?modified_after=2000-01-01')).body.total_items).toBe(3);
  });

  it.each(LISTS)(
    '%s?format=ndjson exports every record, one valid JSON object per line, without pagination',
    async (path, entity) => {
      await seedVaried();
      for (let i = 0; i < 3; i++) await insertSite({ name: `驿站${i}`, lat: 39.88 + i / 1000 });
      const res = await callWorker(`${BASE}${path}?format=ndjson&per_page=1`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/x-ndjson');
      const lines = (await res.text()).split('\n');
      expect(lines.pop()).toBe('');
      const records = lines.map((l) => JSON.parse(l));
      expect(records).toHaveLength(entity === 'organization' ? 3 : 6);
      for (const r of records) expect(hsdsErrors(entity, r)).toBe('');
    },
  );
});

describe('HSDS services carry what linli knows', () => {
  it('derives weekly schedules from the opening hours, keeping the OSM value', async () => {
    const { station, elder } = await seedVaried();
    const services = (await get('/api/hsds/services')).body.contents;
    const byId = (id: number) => services.find((s: { id: string }) => s.id === serviceId(id));
    expect(byId(station).schedules.map((s: Record<string, unknown>) => [s.byday, s.opens_at, s.closes_at])).toEqual([
      ['MO,TU,WE,TH,FR', '08:00+08:00', '18:00+08:00'],
      ['SA', '09:00+08:00', '12:00+08:00'],
    ]);
    expect(byId(station).schedules[0]).toMatchObject({
      freq: 'WEEKLY',
      timezone: 8,
      notes: 'opening_hours=Mo-Fr 08:00-18:00; Sa 09:00-12:00; PH off',
    });
    expect(byId(station).schedules[0].description).toContain('public holidays differ');
    expect(byId(elder).schedules).toMatchObject([
      { byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '00:00+08:00', closes_at: '24:00+08:00' },
    ]);
  });

  it('says the status, assured_date from verified_at, phones, accessibility and the provider', async () => {
    const { station, elder, park } = await seedVaried();
    const services = (await get('/api/hsds/services')).body.contents;
    const p = services.find((x: { id: string }) => x.id === serviceId(park));
    expect(p.attributes.filter((a: Record<string, string>) => a.link_type!.startsWith('park_'))).toMatchObject([
      { link_type: 'park_type', value: 'garden', label: '游园 / Small garden or pocket park' },
      { link_type: 'park_grade', value: 'grade_4', label: '四级 / Grade 4' },
    ]);
    const s = services.find((x: { id: string }) => x.id === serviceId(station));
    expect(s).toMatchObject({
      status: 'active',
      assured_date: '2026-11-20',
      url: 'https://example.org/news/1',
      alternate_name: 'Jinsong North station',
    });
    expect(s.phones.map((p: Record<string, string>) => [p.number, p.type])).toEqual([
      ['010-67712345', 'voice'],
      ['13800000000', 'cell'],
    ]);
    expect(
      s.attributes
        .filter((a: Record<string, string>) => a.link_type === 'amenity')
        .map((a: Record<string, string>) => a.value),
    ).toEqual(['toilet', 'charging']);
    const e = services.find((x: { id: string }) => x.id === serviceId(elder));
    expect(e.status).toBe('temporarily closed');
    expect(e.assured_date).toBeUndefined();
    const orgs = (await get('/api/hsds/organizations')).body.contents;
    expect(orgs.find((o: { id: string }) => o.id === s.organization_id).name).toBe('北京市总工会');
    expect(orgs.find((o: { id: string }) => o.id === e.organization_id).name).toBe('劲松街道办事处');

    const locations = (await get('/api/hsds/locations')).body.contents;
    const here = locations.find((l: { name: string }) => l.name === '劲松北社区驿站');
    expect(here).toMatchObject({
      location_type: 'physical',
      latitude: 39.8836,
      longitude: 116.4612,
      external_identifier: 'news:jinsong-north',
    });
    // One HSDS accessibility record per feature; the step-free entrance keeps the id it was first published with.
    expect(here.accessibility).toEqual([
      {
        id: v5(`site:${station}:accessibility`, HSDS_NAMESPACE),
        location_id: here.id,
        description: '无障碍出入口 / Step-free entrance',
        details: 'Step-free entrance',
      },
      {
        id: v5(`site:${station}:accessibility:accessible_toilet`, HSDS_NAMESPACE),
        location_id: here.id,
        description: '无障碍厕所 / Accessible toilet',
        details: 'Accessible toilet',
      },
      {
        id: v5(`site:${station}:accessibility:handrails`, HSDS_NAMESPACE),
        location_id: here.id,
        description: '扶手 / Handrails',
        details: 'Handrails',
      },
      {
        id: v5(`site:${station}:accessibility:armrest_seating`, HSDS_NAMESPACE),
        location_id: here.id,
        description: '扶手座椅 / Seats with armrests',
        details: 'Seats with armrests',
      },
    ]);
    expect(here.addresses).toMatchObject([
      { address_1: '劲松北路1号', region: '朝阳区', city: '北京市', country: 'CN' },
    ]);
    expect(locations.find((l: { name: string }) => l.name === '劲松养老驿站').accessibility).toEqual([]);
  });

  it('joins each service to its location in service_at_locations', async () => {
    const { station } = await seedVaried();
    const sal = (await get('/api/hsds/service_at_locations')).body.contents;
    const one = sal.find((x: { service_id: string }) => x.service_id === serviceId(station));
    expect(one.location_id).toBe(v5(`site:${station}:location`, HSDS_NAMESPACE));
    expect(one.location.name).toBe('劲松北社区驿站');
    expect(one.schedules).toHaveLength(2);
  });
});

describe('GET /api/hsds/{entity}/{id}', () => {
  it.each([
    ['services', 'service'],
    ['locations', 'location'],
    ['service_at_locations', 'service_at_location'],
  ] as const)('answers one %s by its id, valid against the schema', async (path, entity) => {
    await seedVaried();
    const listed = (await get(`/api/hsds/${path}`)).body.contents[0];
    const res = await get(`/api/hsds/${path}/${listed.id}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(listed.id);
    expect(hsdsErrors(entity, res.body)).toBe('');
  });

  it('nests the service_at_locations and their location in a single service', async () => {
    const { station } = await seedVaried();
    const res = await get(`/api/hsds/services/${serviceId(station)}`);
    expect(res.body.service_at_locations[0].location.latitude).toBe(39.8836);
    expect((await get(`/api/hsds/services/${serviceId(station).toUpperCase()}`)).body.id).toBe(serviceId(station));
  });

  it('answers one organization by its id', async () => {
    await seedVaried();
    const id = v5(`street:${PANJIAYUAN}`, HSDS_NAMESPACE);
    const res = await get(`/api/hsds/organizations/${id}`);
    expect(res.status).toBe(200);
    expect(hsdsErrors('organization', res.body)).toBe('');
    expect(res.body.organization_identifiers[0].identifier).toBe(PANJIAYUAN);
  });

  it('is a 404 for a retired site or an unknown id, and a 400 naming id for a non-UUID', async () => {
    const { retired } = await seedVaried();
    expect((await get(`/api/hsds/services/${serviceId(retired)}`)).status).toBe(404);
    expect((await get(`/api/hsds/organizations/${v5('street:110102013', HSDS_NAMESPACE)}`)).status).toBe(404);
    const bad = await get('/api/hsds/services/42');
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.invalid_params).toMatchObject([{ name: 'id', in: 'path' }]);
  });
});

describe('HSDS parameters', () => {
  it.each([
    ['per_page=0', 'per_page'],
    ['per_page=501', 'per_page'],
    ['page=0', 'page'],
    ['page=x', 'page'],
    ['modified_after=yesterday', 'modified_after'],
    ['modified_after=2026-13-45', 'modified_after'],
    ['format=xml', 'format'],
  ])('?%s is a 400 problem naming %s', async (query, name) => {
    const res = await get(`/api/hsds/services?${query}`);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.invalid_params).toMatchObject([{ name, in: 'query' }]);
  });
});

describe('GET /api/hsds', () => {
  it('says the HSDS version and where the OpenAPI document is, which lists the HSDS endpoints', async () => {
    const about = await get('/api/hsds');
    expect(about.body).toMatchObject({ version: '3.1', openapi_url: 'http://linli.test/api/v1/openapi.json' });
    const doc = (await get('/api/v1/openapi.json')).body;
    for (const path of [
      '/api/hsds/organizations',
      '/api/hsds/services',
      '/api/hsds/locations',
      '/api/hsds/service_at_locations',
      '/api/hsds/services/{id}',
    ]) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    expect(doc.paths['/api/hsds/services'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['search', 'modified_after', 'page', 'per_page', 'format']),
    );
  });
});
