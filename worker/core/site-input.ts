// What a street office may write about a site, validated without I/O: the request
// shapes (zod, also the OpenAPI schemas), the rules that span fields (kind-specific
// fields, opening hours), and the conversion of entered positions to WGS-84.
import { z } from '@hono/zod-openapi';
import { toWgs84 } from './geo/coordinates';
import { haversine } from './geo/distance';
import { readHours } from './hours/hours-input';
import type { InvalidParam } from './invalid-param';
import {
  AccessibilitySchema,
  AmenitySchema,
  CoordPrecisionSchema,
  CoordSystemSchema,
  ElderServiceSchema,
  KindSchema,
  ParkGradeSchema,
  ParkTypeSchema,
  type Site,
  SourceSchema,
  StatusSchema,
} from './site';
import { isWebUrl, rendersVisibly, textProblem } from './text-rules';

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value) ?? (rendersVisibly(value) ? null : 'must contain a visible character');
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** Keys the CSV import gives sites without an external_id: `auto:<street_code>:<name>`. */
export const AUTO_KEY_PREFIX = 'auto:';
/** The key that makes a re-import idempotent: `external_id`, else `auto:<street_code>:<name>`. */
export const importKey = (values: Pick<SiteValues, 'external_id' | 'street_code' | 'name'>) =>
  values.external_id ?? `${AUTO_KEY_PREFIX}${values.street_code}:${values.name}`;
const AUTO_KEY_REASON = `${AUTO_KEY_PREFIX} keys are given by the CSV import; choose another external_id`;
const optionalText = (max: number) => text(max).nullable().optional();
const unique = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .max(30)
    .refine((list) => new Set(list).size === list.length, 'lists a value twice');

/** Every writable field; on creation the first five are required. */
const fields = {
  external_id: optionalText(200)
    .refine((id) => !id?.startsWith(AUTO_KEY_PREFIX), AUTO_KEY_REASON)
    .openapi({
      description: `The owner's stable key; makes re-imports idempotent (not starting with \`${AUTO_KEY_PREFIX}\`)`,
    }),
  kind: KindSchema,
  name: text(200),
  name_en: optionalText(200),
  address: optionalText(300),
  street_code: z
    .string()
    .regex(/^[0-9]{9}$/, 'must be a 9-digit street code')
    .openapi({ example: '110105017' }),
  lat: z
    .number()
    .min(-90, 'must be between -90 and 90')
    .max(90, 'must be between -90 and 90')
    .openapi({ description: 'Latitude in `coord_system`' }),
  lng: z
    .number()
    .min(-180, 'must be between -180 and 180')
    .max(180, 'must be between -180 and 180')
    .openapi({ description: 'Longitude in `coord_system`' }),
  coord_system: CoordSystemSchema.optional().openapi({
    description: 'The system lat/lng are given in (default wgs84); the server stores WGS-84',
  }),
  coord_precision: CoordPrecisionSchema.optional(),
  phones: unique(
    z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{3,30}$/, 'must be a phone number'),
  ).optional(),
  opening_hours: optionalText(500).openapi({
    description:
      'OSM opening_hours syntax, or a common Chinese phrasing (周一至周五 8:00-20:00；节假日休息), stored converted to OSM',
    example: 'Mo-Fr 08:00-18:00; PH off',
  }),
  follows_workday_calendar: z.boolean().optional().openapi({
    description:
      'Open with weekday hours on make-up working days; default true for elder_care, false for parks and rest stations',
  }),
  amenities: unique(AmenitySchema).optional(),
  elder_services: unique(ElderServiceSchema).optional(),
  accessibility: unique(AccessibilitySchema).optional(),
  beds: z.number().int('must be a whole number').min(0).max(100_000).nullable().optional(),
  park_type: ParkTypeSchema.nullable().optional(),
  park_grade: ParkGradeSchema.nullable().optional(),
  area_ha: z.number().positive('must be positive').max(100_000).nullable().optional(),
  operator: optionalText(200),
  description: optionalText(2000),
  status: z
    .enum(['open', 'temporarily_closed'])
    .optional()
    .openapi({ description: 'Retire with DELETE and reopen with /restore, not through this field' }),
  source: SourceSchema.optional(),
  source_url: z.string().trim().max(500).refine(isWebUrl, 'must be an http:// or https:// URL').nullable().optional(),
  confirm_far: z
    .boolean()
    .optional()
    .openapi({ description: 'Accept a position far from the other sites of its district' }),
};

export const SiteCreateSchema = z
  .object({
    ...fields,
    kind: fields.kind,
    name: fields.name,
    street_code: fields.street_code,
    lat: fields.lat,
    lng: fields.lng,
  })
  .openapi('SiteCreate');

/**
 * A CSV row may also state that a site is retired (an export lists retired sites), and
 * carry the `auto:` key an earlier import gave it (checked by siteIssues: of its own street).
 */
export const SiteImportSchema = SiteCreateSchema.extend({
  status: StatusSchema.optional(),
  external_id: optionalText(200),
});

export const SitePatchSchema = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'The version the change is based on (optimistic concurrency)' }),
    ...(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
    }),
  })
  // Stored positions are WGS-84: a system only makes sense with the position it describes.
  .refine((p) => p.coord_system === undefined || (p.lat !== undefined && p.lng !== undefined), {
    path: ['coord_system'],
    message: 'give lat and lng together with coord_system',
  })
  .openapi('SitePatch');

export type SiteCreate = z.infer<typeof SiteCreateSchema>;
export type SiteImport = z.infer<typeof SiteImportSchema>;
export type SitePatch = z.infer<typeof SitePatchSchema>;

/** A complete site record as stored, positions in WGS-84 (the `sites` columns but id, cell, timestamps, version). */
export type SiteValues = Pick<
  Site,
  | 'external_id'
  | 'kind'
  | 'name'
  | 'name_en'
  | 'address'
  | 'street_code'
  | 'lat'
  | 'lng'
  | 'coord_system'
  | 'coord_precision'
  | 'phones'
  | 'opening_hours'
  | 'follows_workday_calendar'
  | 'amenities'
  | 'elder_services'
  | 'accessibility'
  | 'beds'
  | 'park_type'
  | 'park_grade'
  | 'area_ha'
  | 'operator'
  | 'description'
  | 'status'
  | 'source'
  | 'source_url'
  | 'verified_at'
>;

export const SITE_VALUE_KEYS = [
  'external_id',
  'kind',
  'name',
  'name_en',
  'address',
  'street_code',
  'lat',
  'lng',
  'coord_system',
  'coord_precision',
  'phones',
  'opening_hours',
  'follows_workday_calendar',
  'amenities',
  'elder_services',
  'accessibility',
  'beds',
  'park_type',
  'park_grade',
  'area_ha',
  'operator',
  'description',
  'status',
  'source',
  'source_url',
  'verified_at',
] as const satisfies readonly (keyof SiteValues)[];

/** The record a creation describes, with defaults filled in and the position in WGS-84. */
export function valuesOfCreate(
  input: SiteCreate | SiteImport,
  source: SiteValues['source'] = 'street_office',
): SiteValues {
  const system = input.coord_system ?? 'wgs84';
  return {
    external_id: input.external_id ?? null,
    kind: input.kind,
    name: input.name,
    name_en: input.name_en ?? null,
    address: input.address ?? null,
    street_code: input.street_code,
    ...toWgs84(input.lat, input.lng, system),
    coord_system: system,
    coord_precision: input.coord_precision ?? 'approximate',
    phones: input.phones ?? [],
    opening_hours: input.opening_hours ?? null,
    follows_workday_calendar: input.follows_workday_calendar ?? defaultFollowsWorkdayCalendar(input.kind),
    amenities: input.amenities ?? [],
    elder_services: input.elder_services ?? [],
    accessibility: input.accessibility ?? [],
    beds: input.beds ?? null,
    park_type: input.park_type ?? null,
    park_grade: input.park_grade ?? null,
    area_ha: input.area_ha ?? null,
    operator: input.operator ?? null,
    description: input.description ?? null,
    status: input.status ?? 'open',
    source: input.source ?? source,
    source_url: input.source_url ?? null,
    verified_at: null,
  };
}

/** The record after a patch; a position is converted when lat or lng is given. */
export function valuesOfPatch(current: SiteValues, patch: SitePatch): SiteValues {
  const { version: _v, confirm_far: _c, lat, lng, coord_system, ...rest } = patch;
  const next: SiteValues = { ...current };
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  if (lat !== undefined || lng !== undefined) {
    const system = coord_system ?? 'wgs84';
    Object.assign(next, toWgs84(lat ?? current.lat, lng ?? current.lng, system), { coord_system: system });
  }
  return next;
}

/** Rules that span fields: what only some kinds may have, and opening hours that parse. */
export function siteIssues(values: SiteValues, where = 'body'): InvalidParam[] {
  const issues: InvalidParam[] = [];
  const only = (name: keyof SiteValues, kind: SiteValues['kind'], present: boolean) => {
    if (present && values.kind !== kind)
      issues.push({ name, in: where, reason: `only a site of kind ${kind} has ${name}` });
  };
  only('elder_services', 'elder_care', values.elder_services.length > 0);
  only('beds', 'elder_care', values.beds !== null);
  only('park_type', 'park', values.park_type !== null);
  only('park_grade', 'park', values.park_grade !== null);
  only('area_ha', 'park', values.area_ha !== null);
  // A CSV row may carry an import key, but only of its own street: no row can take over the
  // keys of another street's imports (the console refuses auto: keys altogether).
  const key = values.external_id;
  if (
    where === 'csv' &&
    key?.startsWith(AUTO_KEY_PREFIX) &&
    !key.startsWith(`${AUTO_KEY_PREFIX}${values.street_code}:`)
  ) {
    issues.push({
      name: 'external_id',
      in: where,
      reason: `an ${AUTO_KEY_PREFIX} key must be of the row's own street (${AUTO_KEY_PREFIX}${values.street_code}:…)`,
    });
  }
  if (values.opening_hours !== null) {
    const read = readHours(values.opening_hours);
    if (!read.ok)
      issues.push({
        name: 'opening_hours',
        in: where,
        reason: read.error.reason,
        ...(read.error.position !== undefined ? { position: read.error.position } : {}),
        ...(read.error.reason_zh ? { reason_zh: read.error.reason_zh } : {}),
      });
  }
  return issues;
}

/** Stores opening hours in their canonical OSM form (Chinese phrasings converted), so equal hours compare equal. */
export function canonicalHours(values: SiteValues): SiteValues {
  if (values.opening_hours === null) return values;
  const read = readHours(values.opening_hours);
  return read.ok ? { ...values, opening_hours: read.hours.text } : values;
}

/**
 * Whether a new site of a kind follows the workday calendar: elder-care centres work
 * as offices do; parks and 24-hour rest stations keep their own weekday hours.
 */
export function defaultFollowsWorkdayCalendar(kind: SiteValues['kind']): boolean {
  return kind === 'elder_care';
}

/** How far (m) from the median of its district's other sites a position may be without confirmation. */
export const FAR_METRES = 15_000;

/** The median position of a district's live sites; null with fewer than 3 (no basis to judge). */
export function districtCentre(others: readonly { lat: number; lng: number }[]): { lat: number; lng: number } | null {
  if (others.length < 3) return null;
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  return { lat: median(others.map((o) => o.lat)), lng: median(others.map((o) => o.lng)) };
}

/** Whether a position is more than FAR_METRES from a district's centre (never, without one). */
export function farFrom(point: { lat: number; lng: number }, centre: { lat: number; lng: number } | null): boolean {
  return centre !== null && haversine(point.lat, point.lng, centre.lat, centre.lng) > FAR_METRES;
}

/** Whether a position is far from the other live sites of its district (see districtCentre). */
export function isFar(point: { lat: number; lng: number }, others: readonly { lat: number; lng: number }[]): boolean {
  return farFrom(point, districtCentre(others));
}
