// The database itself refuses data that would break the product, whatever path it came by.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { cellOf } from '../../worker/core/geo/cell';

const insert = (fields: Record<string, unknown>) => {
  const row = {
    kind: 'rest_station',
    name: '测试驿站',
    street_code: '110105017',
    lat: 39.88,
    lng: 116.46,
    source: 'street_office',
    ...fields,
  } as Record<string, unknown>;
  row.cell ??= cellOf(Number(row.lat) || 0, Number(row.lng) || 0);
  const columns = Object.keys(row);
  return env.DB.prepare(`INSERT INTO sites (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
    .bind(...columns.map((c) => row[c] as string | number | null))
    .run();
};

describe('the sites table', () => {
  it('accepts a well-formed site with defaults for status, version and timestamps', async () => {
    await insert({});
    const row = await env.DB.prepare('SELECT status, version, created_at, coord_system FROM sites').first();
    expect(row).toMatchObject({ status: 'open', version: 1, coord_system: 'wgs84' });
    expect(String(row?.created_at)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it.each([
    ['an unknown kind', { kind: 'hospital' }, /sites_kind/],
    ['a latitude above 90', { lat: 91 }, /sites_lat/],
    ['a longitude below -180', { lng: -181 }, /sites_lng/],
    ['an empty name', { name: '   ' }, /sites_name/],
    ['an unknown status', { status: 'deleted' }, /sites_status/],
    ['an unknown coordinate system', { coord_system: 'mercator' }, /sites_coord_system/],
    ['beds on a rest station', { beds: 10 }, /sites_beds/],
    ['a park type on an elder-care centre', { kind: 'elder_care', park_type: 'garden' }, /sites_park_type/],
    ['a park type of the former list', { kind: 'park', park_type: 'pocket' }, /sites_park_type/],
    ['a park grade outside 一级–四级', { kind: 'park', park_grade: 'grade_5' }, /sites_park_grade/],
    ['accessibility that is not JSON', { accessibility: 'ramp' }, /sites_json/],
    ['amenities that are not JSON', { amenities: 'toilet' }, /sites_json/],
  ])('rejects %s', async (_what, fields, constraint) => {
    await expect(insert(fields)).rejects.toThrow(constraint);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM sites').first('n')).toBe(0);
  });

  it('rejects a street code that is not a known street', async () => {
    await expect(insert({ street_code: '110105999' })).rejects.toThrow(/FOREIGN KEY/);
  });

  it('keeps external ids unique, so a re-import cannot duplicate a site', async () => {
    await insert({ external_id: 'office:1' });
    await expect(insert({ external_id: 'office:1' })).rejects.toThrow(/UNIQUE/);
  });
});
