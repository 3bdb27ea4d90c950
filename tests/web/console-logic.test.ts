// The console's pure logic (coordinates, site input, merges, diffs, routes, problem
// answers, freshness), tested directly in Node: none of it needs a page or the server.
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../web/src/api/problem';
import type { Site } from '../../web/src/api/types';
import { parseLngLat, toWgs84 } from '../../web/src/console/coords';
import { daysSince } from '../../web/src/console/freshness';
import { diffSites } from '../../web/src/console/history-diff';
import { retryMinutes } from '../../web/src/console/login-view';
import { hrefOf, parseRoute } from '../../web/src/console/routes';
import {
  checkValues,
  emptyValues,
  mergeEdits,
  type Position,
  toInput,
  toPatch,
  valuesOf,
} from '../../web/src/console/site-input';

describe('console logic', () => {
  describe('parseLngLat', () => {
    it('reads "lng,lat" with ASCII or full-width commas and spaces', () => {
      expect(parseLngLat('116.404,39.915')).toEqual({ ok: true, point: { lng: 116.404, lat: 39.915 } });
      expect(parseLngLat(' 116.404， 39.915 ')).toEqual({ ok: true, point: { lng: 116.404, lat: 39.915 } });
      expect(parseLngLat('116.404 39.915')).toEqual({ ok: true, point: { lng: 116.404, lat: 39.915 } });
    });
    it('names what is wrong with a paste it cannot use', () => {
      expect(parseLngLat('  ')).toEqual({ ok: false, reason: 'empty' });
      expect(parseLngLat('劲松三区')).toEqual({ ok: false, reason: 'format' });
      expect(parseLngLat('39.915,116.404')).toEqual({ ok: false, reason: 'swapped' });
      expect(parseLngLat('200,100')).toEqual({ ok: false, reason: 'range' });
    });
  });

  describe('toWgs84', () => {
    it('undoes GCJ-02 and BD-09 exactly as gcoord does, and leaves WGS-84 alone', () => {
      const gcj = { lng: 116.41024449916938, lat: 39.91640428150164 };
      const back = toWgs84(gcj, 'gcj02');
      expect(back.lng).toBeCloseTo(116.404, 6);
      expect(back.lat).toBeCloseTo(39.915, 6);
      const [bdLng, bdLat] = gcoord.transform([116.404, 39.915], gcoord.WGS84, gcoord.BD09);
      const fromBaidu = toWgs84({ lng: bdLng, lat: bdLat }, 'bd09');
      expect(fromBaidu.lng).toBeCloseTo(116.404, 5);
      expect(fromBaidu.lat).toBeCloseTo(39.915, 5);
      expect(toWgs84({ lng: 116.404, lat: 39.915 }, 'wgs84')).toEqual({ lng: 116.404, lat: 39.915 });
    });
  });

  describe('site input', () => {
    const base = { ...emptyValues('110105017'), name: ' 劲松驿站 ', phones: '010-1, 010-2\n010-3' };
    const here: Position = {
      entered: { lng: 116.463, lat: 39.885 },
      system: 'gcj02',
      wgs84: { lng: 116.457, lat: 39.884 },
    };

    it('sends the position as entered, with its system, and drops fields of other kinds', () => {
      const input = toInput(
        { ...base, beds: '12', area_ha: '3', park_type: 'garden', elder_services: ['meals'] },
        here,
      );
      expect(input).toMatchObject({
        name: '劲松驿站',
        lng: 116.463,
        lat: 39.885,
        coord_system: 'gcj02',
        phones: ['010-1', '010-2', '010-3'],
      });
      expect([input.beds, input.area_ha, input.park_type, input.elder_services]).toEqual([null, null, null, []]);
      const park = toInput({ ...base, kind: 'park', area_ha: '3.5', park_type: 'garden' }, here);
      expect([park.area_ha, park.park_type]).toEqual([3.5, 'garden']);
    });

    it('refuses a missing name or position and unreadable numbers before sending', () => {
      expect(
        checkValues({ ...emptyValues('110105017'), kind: 'elder_care', beds: 'twelve' }).map((p) => p.name),
      ).toEqual(['name', 'lat', 'beds']);
      expect(checkValues({ ...base, position: here })).toEqual([]);
    });

    it('patches only what changed, and the position only when it moved', () => {
      const site = siteFixture();
      const same = toInput(valuesOf(site), valuesOf(site).position!);
      expect(toPatch(site, same)).toEqual({ version: 3 });
      const edited = toInput({ ...valuesOf(site), opening_hours: '24/7' }, here);
      expect(toPatch(site, edited)).toEqual({
        version: 3,
        opening_hours: '24/7',
        lng: 116.463,
        lat: 39.885,
        coord_system: 'gcj02',
      });
    });
  });

  describe('mergeEdits', () => {
    it('puts the editor’s own changes over the current record and keeps everyone else’s', () => {
      const base = valuesOf(siteFixture());
      const mine = { ...base, opening_hours: '24/7', amenities: [...base.amenities, 'charging' as const] };
      const theirs = { ...base, operator: '劲松街道办事处', opening_hours: 'Mo-Fr 08:00-18:00' };
      expect(mergeEdits(base, mine, theirs)).toEqual({
        ...theirs,
        opening_hours: '24/7',
        amenities: ['toilet', 'charging'],
      });
    });
  });

  describe('diffSites', () => {
    it('lists changed fields only, ignoring bookkeeping', () => {
      const before = siteFixture();
      const after = { ...before, status: 'retired' as const, version: 4, updated_at: '2026-11-25T00:00:00Z' };
      expect(diffSites(before, after)).toEqual([{ field: 'status', before: 'open', after: 'retired' }]);
      expect(diffSites(null, before).map((c) => c.field)).toContain('name');
    });
  });

  describe('routes', () => {
    it('round-trips every console place through the URL hash', () => {
      for (const route of [
        { view: 'sites' },
        { view: 'new-site' },
        { view: 'edit-site', id: 7 },
        { view: 'history', id: 7 },
        { view: 'import' },
        { view: 'reports' },
        { view: 'accounts' },
      ] as const) {
        expect(parseRoute(hrefOf(route))).toEqual(route);
      }
      expect(parseRoute('#/sites?q=劲松')).toEqual({ view: 'sites' });
      expect(parseRoute('#/sites/0')).toEqual({ view: 'sites' });
    });
  });

  describe('problem answers', () => {
    it('keeps field messages, import rows, the current record and Retry-After', () => {
      const error = toApiError(
        409,
        {
          title: 'Conflict',
          detail: 'changed',
          invalid_params: [{ name: 'phones.0', in: 'body', reason: 'bad' }],
          errors: [{ row: 3, column: 'lat', reason: 'not a number' }],
          current: siteFixture(),
        },
        '120',
      );
      expect([
        error.status,
        error.detail,
        error.invalidParams[0]?.name,
        error.rowErrors[0]?.row,
        error.current?.id,
        error.retryAfter,
      ]).toEqual([409, 'changed', 'phones.0', 3, 41, 120]);
      expect(toApiError(502, '<html>bad gateway</html>', null).detail).toBe('HTTP 502');
      expect(retryMinutes(61)).toBe(2);
      expect(retryMinutes(null)).toBe(1);
    });
  });

  describe('daysSince', () => {
    it('counts whole days, and null for never', () => {
      const now = new Date('2026-11-25T12:00:00Z');
      expect(daysSince('2026-05-29T11:00:00Z', now)).toBe(180);
      expect(daysSince(null, now)).toBeNull();
      expect(daysSince('not a date', now)).toBeNull();
    });
  });
});

function siteFixture(): Site {
  return {
    id: 41,
    external_id: null,
    kind: 'rest_station',
    name: '劲松驿站',
    name_en: null,
    address: null,
    street_code: '110105017',
    street_name: '劲松街道',
    district_code: '110105',
    district_name: '朝阳区',
    lat: 39.884,
    lng: 116.457,
    coord_system: 'wgs84',
    coord_precision: 'surveyed',
    phones: ['010-1'],
    opening_hours: null,
    follows_workday_calendar: false,
    amenities: ['toilet'],
    elder_services: [],
    accessibility: [],
    beds: null,
    park_type: null,
    park_grade: null,
    area_ha: null,
    operator: null,
    description: null,
    status: 'open',
    source: 'street_office',
    source_url: null,
    verified_at: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    version: 3,
  };
}
