// The pure rules of a site write, without D1.
import { describe, expect, it } from 'vitest';
import { toWgs84 } from '../../worker/core/geo/coordinates';
import {
  isFar,
  SiteCreateSchema,
  SitePatchSchema,
  siteIssues,
  valuesOfCreate,
  valuesOfPatch,
} from '../../worker/core/site-input';

const base = { kind: 'rest_station', name: '驿站', street_code: '110105017', lat: 39.88, lng: 116.46 } as const;
const create = (fields: Record<string, unknown> = {}) => valuesOfCreate(SiteCreateSchema.parse({ ...base, ...fields }));

describe('toWgs84', () => {
  it('converts GCJ-02 (Amap) to WGS-84 as gcoord does', () => {
    expect(toWgs84(39.915, 116.404, 'gcj02')).toEqual({ lat: 39.9135957, lng: 116.3977555 });
  });

  it('converts BD-09 (Baidu) back to the same place as its GCJ-02 twin', () => {
    const fromBaidu = toWgs84(39.92133699351021, 116.41036949371029, 'bd09');
    const fromAmap = toWgs84(39.915, 116.404, 'gcj02');
    expect(fromBaidu.lat).toBeCloseTo(fromAmap.lat, 5);
    expect(fromBaidu.lng).toBeCloseTo(fromAmap.lng, 5);
  });

  it('keeps WGS-84 as given, to 1e-7 degrees', () => {
    expect(toWgs84(39.123456789, 116.987654321, 'wgs84')).toEqual({ lat: 39.1234568, lng: 116.9876543 });
  });
});

describe('valuesOfCreate', () => {
  it('fills defaults and records the entered system', () => {
    expect(create({ coord_system: 'bd09' })).toMatchObject({
      coord_system: 'bd09',
      coord_precision: 'approximate',
      status: 'open',
      source: 'street_office',
      phones: [],
      amenities: [],
      elder_services: [],
      beds: null,
      external_id: null,
    });
  });
});

describe('valuesOfPatch', () => {
  const current = create();

  it('changes only the given fields and clears a field given as null', () => {
    const next = valuesOfPatch(
      { ...current, address: '旧址' },
      SitePatchSchema.parse({ version: 1, name: '新名', address: null }),
    );
    expect(next).toEqual({ ...current, name: '新名', address: null });
  });

  it('converts a new position from its system and records the system', () => {
    const next = valuesOfPatch(
      current,
      SitePatchSchema.parse({ version: 1, lat: 39.915, lng: 116.404, coord_system: 'gcj02' }),
    );
    expect(next).toMatchObject({ lat: 39.9135957, lng: 116.3977555, coord_system: 'gcj02' });
  });

  it('refuses a coordinate system without the position it describes', () => {
    const res = SitePatchSchema.safeParse({ version: 1, coord_system: 'gcj02' });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path).toEqual(['coord_system']);
  });

  it('needs the version it is based on', () => {
    expect(SitePatchSchema.safeParse({ name: 'x' }).success).toBe(false);
  });
});

describe('siteIssues', () => {
  it('accepts kind-specific fields on the right kind', () => {
    expect(siteIssues(create({ kind: 'elder_care', beds: 20, elder_services: ['meals'] }))).toEqual([]);
    expect(
      siteIssues(
        create({ kind: 'park', park_type: 'garden', park_grade: 'grade_4', area_ha: 0.3, accessibility: ['ramp'] }),
      ),
    ).toEqual([]);
    // Accessibility belongs to every kind.
    expect(siteIssues(create({ accessibility: ['step_free_entrance', 'accessible_toilet'] }))).toEqual([]);
  });

  it.each([
    ['elder_services', { elder_services: ['meals'] }],
    ['beds', { beds: 3 }],
    ['park_type', { park_type: 'nature' }],
    ['park_grade', { park_grade: 'grade_1' }],
    ['area_ha', { area_ha: 2 }],
  ])('names %s on a rest station', (field, fields) => {
    expect(siteIssues(create(fields)).map((i) => i.name)).toEqual([field]);
  });

  it('names opening hours that do not parse, and accepts ones that do', () => {
    expect(siteIssues(create({ opening_hours: '8点到' })).map((i) => i.name)).toEqual(['opening_hours']);
    expect(siteIssues(create({ opening_hours: 'Mo-Fr 08:00-18:00; PH off' }))).toEqual([]);
  });
});

describe('isFar', () => {
  const chaoyang = [
    { lat: 39.88, lng: 116.46 },
    { lat: 39.92, lng: 116.45 },
    { lat: 39.95, lng: 116.48 },
  ];

  it('flags a position more than 15 km from the median of the district', () => {
    expect(isFar({ lat: 40.1, lng: 116.46 }, chaoyang)).toBe(true);
    expect(isFar({ lat: 39.9, lng: 116.5 }, chaoyang)).toBe(false);
  });

  it('has no opinion with fewer than 3 sites', () => {
    expect(isFar({ lat: 45, lng: 120 }, chaoyang.slice(0, 2))).toBe(false);
  });

  it('is not swayed by one outlier among the others', () => {
    expect(isFar({ lat: 39.9, lng: 116.47 }, [...chaoyang, { lat: 41, lng: 118 }])).toBe(false);
  });
});
