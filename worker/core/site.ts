// The public shape of a site, as JSON (snake_case, HSDS-style), with the zod schema
// that both documents it in OpenAPI and types it.
import { z } from '@hono/zod-openapi';
import {
  ACCESSIBILITY,
  AMENITIES,
  COORD_PRECISIONS,
  COORD_SYSTEMS,
  codes,
  ELDER_SERVICES,
  FORMER_CODES,
  KINDS,
  PARK_GRADES,
  PARK_TYPES,
  SOURCES,
  STATUSES,
} from './vocabulary';

export const KindSchema = z.enum(codes(KINDS)).openapi({ description: 'What the site is' });
/** A code of before migration 0007 is refused with what replaced it, so a client knows what to send. */
const replaced = (former: Record<string, string | readonly string[]>) => (issue: { input?: unknown }) => {
  const now = typeof issue.input === 'string' ? former[issue.input] : undefined;
  return now === undefined
    ? undefined
    : `"${String(issue.input)}" was replaced by ${[now]
        .flat()
        .map((c) => `"${c}"`)
        .join(' and ')}`;
};

/** Former amenities: split ones, and those that moved to the accessibility list (named as such). */
const FORMER_AMENITIES = {
  ...FORMER_CODES.amenities,
  ...Object.fromEntries(
    Object.entries(FORMER_CODES.amenity_to_accessibility).map(([old, now]) => [old, `accessibility: ${now}`]),
  ),
};
export const AmenitySchema = z.enum(codes(AMENITIES), { error: replaced(FORMER_AMENITIES) });
export const ElderServiceSchema = z.enum(codes(ELDER_SERVICES));
export const ParkTypeSchema = z.enum(codes(PARK_TYPES), { error: replaced(FORMER_CODES.park_type) }).openapi({
  description:
    'The type of 《北京市公园分类分级管理办法》 (2022): 综合公园, 社区公园, 历史名园, 专类公园, 游园 (pocket parks included), 生态公园, 自然公园',
});
export const ParkGradeSchema = z
  .enum(codes(PARK_GRADES))
  .openapi({ description: 'The grade of the same 办法, 一级 (grade_1) to 四级 (grade_4)' });
export const AccessibilitySchema = z.enum(codes(ACCESSIBILITY));
export const StatusSchema = z.enum(codes(STATUSES));
export const CoordSystemSchema = z.enum(codes(COORD_SYSTEMS));
export const CoordPrecisionSchema = z.enum(codes(COORD_PRECISIONS));
export const SourceSchema = z.enum(codes(SOURCES));

/** A positive integer id in a URL path; anything else is a 400, not a 404. */
export const SiteIdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'must be a positive integer site id')
    .transform(Number)
    .openapi({ param: { name: 'id', in: 'path' }, example: '1', type: 'string' }),
});

export const SiteSchema = z
  .object({
    id: z.number().int(),
    external_id: z.string().nullable(),
    kind: KindSchema,
    name: z.string().openapi({ example: '劲松街道磨房北里户外劳动者服务站' }),
    name_en: z.string().nullable(),
    address: z.string().nullable(),
    street_code: z.string().openapi({ example: '110105017' }),
    street_name: z.string().nullable(),
    district_code: z.string().openapi({ example: '110105' }),
    district_name: z.string().nullable(),
    lat: z.number().openapi({ description: 'WGS-84 latitude' }),
    lng: z.number().openapi({ description: 'WGS-84 longitude' }),
    coord_system: CoordSystemSchema.openapi({
      description: 'The system the position was entered in; lat/lng are always WGS-84',
    }),
    coord_precision: CoordPrecisionSchema,
    phones: z.array(z.string()),
    opening_hours: z.string().nullable().openapi({ description: 'OSM opening_hours syntax', example: '24/7' }),
    follows_workday_calendar: z.boolean().openapi({
      description:
        'Open with weekday hours on the official make-up working days (调休上班日), as offices and elder-care centres are; parks and 24-hour stations keep their own weekday',
    }),
    amenities: z.array(AmenitySchema),
    elder_services: z.array(ElderServiceSchema),
    accessibility: z.array(AccessibilitySchema).openapi({
      description: 'What makes the site usable with a wheelchair, a walker or weak legs; an empty list claims nothing',
    }),
    beds: z.number().int().nullable(),
    park_type: ParkTypeSchema.nullable(),
    park_grade: ParkGradeSchema.nullable(),
    area_ha: z.number().nullable(),
    operator: z.string().nullable(),
    description: z.string().nullable(),
    status: StatusSchema,
    source: SourceSchema.openapi({ description: '`sample` marks demo data that is not real' }),
    source_url: z.string().nullable(),
    verified_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    version: z.number().int(),
  })
  .openapi('Site');

export type Site = z.infer<typeof SiteSchema>;
