// The D1 schema. drizzle-kit generates the SQL migrations in drizzle/ from this file.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  COORD_PRECISIONS,
  COORD_SYSTEMS,
  codes,
  KINDS,
  PARK_GRADES,
  PARK_TYPES,
  SOURCES,
  STATUSES,
} from '../../core/vocabulary';

const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** Township-level units (街道/地区/镇/乡) from the statistics bureau's division codes. */
export const streets = sqliteTable(
  'streets',
  {
    code: text('code').primaryKey(), // 9 digits, e.g. 110105017
    name: text('name').notNull(),
    district_code: text('district_code').notNull(), // 6 digits
    district_name: text('district_name').notNull(),
    city_code: text('city_code').notNull(), // 4 digits
    city_name: text('city_name').notNull(),
    province_code: text('province_code').notNull(), // 2 digits
    province_name: text('province_name').notNull(),
  },
  (t) => [
    check('streets_code_format', sql`length(${t.code}) = 9 AND substr(${t.code}, 1, 6) = ${t.district_code}`),
    index('streets_district_idx').on(t.district_code),
  ],
);

/** A public site: a rest station, an elder-care centre or a park. Positions are WGS-84. */
export const sites = sqliteTable(
  'sites',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stable key from the data's owner (CSV `external_id`); makes re-imports idempotent. */
    external_id: text('external_id'),
    kind: text('kind', { enum: codes(KINDS) }).notNull(),
    name: text('name').notNull(),
    name_en: text('name_en'),
    address: text('address'),
    street_code: text('street_code')
      .notNull()
      .references(() => streets.code),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    /** Spatial key: Morton-ordered Web-Mercator tile at zoom 26 (worker/core/geo/cell.ts). */
    cell: integer('cell').notNull(),
    coord_system: text('coord_system', { enum: codes(COORD_SYSTEMS) })
      .notNull()
      .default('wgs84'),
    coord_precision: text('coord_precision', { enum: codes(COORD_PRECISIONS) })
      .notNull()
      .default('approximate'),
    phones: text('phones', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** OSM opening_hours syntax, e.g. `24/7` or `Mo-Fr 08:00-18:00; PH off`. */
    opening_hours: text('opening_hours'),
    /** Works the official make-up working days (调休上班) with weekday hours; default by kind (defaultFollowsWorkdayCalendar). */
    follows_workday_calendar: integer('follows_workday_calendar', { mode: 'boolean' }).notNull().default(false),
    amenities: text('amenities', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    elder_services: text('elder_services', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Step-free entrance, accessible toilet … (ACCESSIBILITY); HSDS `accessibility` records are made from it. */
    accessibility: text('accessibility', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    beds: integer('beds'),
    park_type: text('park_type', { enum: codes(PARK_TYPES) }),
    /** 一级–四级 of 《北京市公园分类分级管理办法》; null where the grade is not known. */
    park_grade: text('park_grade', { enum: codes(PARK_GRADES) }),
    area_ha: real('area_ha'),
    operator: text('operator'),
    description: text('description'),
    status: text('status', { enum: codes(STATUSES) })
      .notNull()
      .default('open'),
    source: text('source', { enum: codes(SOURCES) }).notNull(),
    source_url: text('source_url'),
    verified_at: text('verified_at'),
    created_at: text('created_at').notNull().default(now),
    updated_at: text('updated_at').notNull().default(now),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('sites_kind', oneOf('kind', codes(KINDS))),
    check('sites_status', oneOf('status', codes(STATUSES))),
    check('sites_source', oneOf('source', codes(SOURCES))),
    check('sites_coord_system', oneOf('coord_system', codes(COORD_SYSTEMS))),
    check('sites_coord_precision', oneOf('coord_precision', codes(COORD_PRECISIONS))),
    check('sites_park_type', sql`park_type IS NULL OR (kind = 'park' AND ${oneOf('park_type', codes(PARK_TYPES))})`),
    check('sites_name', sql`length(trim(${t.name})) > 0`),
    check('sites_lat', sql`${t.lat} BETWEEN -90 AND 90`),
    check('sites_lng', sql`${t.lng} BETWEEN -180 AND 180`),
    check('sites_beds', sql`${t.beds} IS NULL OR (${t.beds} >= 0 AND kind = 'elder_care')`),
    check(
      'sites_park_grade',
      sql`park_grade IS NULL OR (kind = 'park' AND ${oneOf('park_grade', codes(PARK_GRADES))})`,
    ),
    check('sites_area', sql`${t.area_ha} IS NULL OR (${t.area_ha} > 0 AND kind = 'park')`),
    check('sites_version', sql`${t.version} >= 1`),
    check(
      'sites_json',
      sql`json_valid(phones) AND json_valid(amenities) AND json_valid(elder_services) AND json_valid(accessibility)`,
    ),
    uniqueIndex('sites_external_id_idx').on(t.external_id),
    // The geo index: live sites by kind, then spatial key (see README "The index").
    index('sites_kind_cell_idx').on(t.kind, t.cell).where(sql`status != 'retired'`),
    index('sites_street_idx').on(t.street_code, t.status),
  ],
);

/**
 * Live-site counts and coordinate sums per Web-Mercator tile at a few zooms, kept
 * by triggers (drizzle/…_cell_counts_triggers.sql, zoom 18 since …_cell_counts_z18.sql). They size nearest-k searches
 * and serve map clusters without reading individual sites.
 */
export const cellCounts = sqliteTable(
  'cell_counts',
  {
    kind: text('kind').notNull(),
    z: integer('z').notNull(),
    tile: integer('tile').notNull(),
    n: integer('n').notNull(),
    sum_lat: real('sum_lat').notNull(),
    sum_lng: real('sum_lng').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.z, t.tile] })],
);

/**
 * One counter bumped by triggers on every change to `sites` (drizzle/…_geo_version.sql):
 * isolates compare it with the version of the densities and responses they hold.
 */
export const geoVersion = sqliteTable(
  'geo_version',
  {
    id: integer('id').primaryKey(),
    v: integer('v').notNull(),
  },
  () => [check('geo_version_single_row', sql`id = 1`)],
);

export type SiteRow = typeof sites.$inferSelect;
export type StreetRow = typeof streets.$inferSelect;
