// OpenAPI response pieces shared by the routes: problems, JSON answers, and the site
// with its open state (one site, and the items of searches).
import { z } from '@hono/zod-openapi';
import { SiteSchema } from '../core/site';

const InvalidParamSchema = z.object({
  name: z.string(),
  in: z.string(),
  reason: z.string(),
  reason_zh: z.string().optional().openapi({ description: 'The reason in Chinese, where the check words it itself' }),
  position: z
    .number()
    .int()
    .optional()
    .openapi({ description: 'Offset in the value of the part concerned (opening hours)' }),
});

const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    invalid_params: z.array(InvalidParamSchema).optional(),
  })
  .openapi('Problem');

/** An import refused: every problem of the file by row and column (the core's RowError), or the byte that is not UTF-8. */
export const ImportProblemSchema = ProblemSchema.extend({
  errors: z
    .array(
      z.object({
        row: z.number().int().openapi({ description: 'The row as a spreadsheet numbers it: the header is row 1' }),
        column: z
          .string()
          .nullable()
          .openapi({ description: 'The column as the file heads it; null for the whole row or file' }),
        reason: z.string(),
      }),
    )
    .optional(),
  errors_total: z.number().int().optional(),
  errors_omitted: z.number().int().optional().openapi({ description: 'Problems counted but not listed' }),
  rows: z.number().int().optional().openapi({ description: 'Data rows the file holds' }),
  byte_offset: z
    .number()
    .int()
    .optional()
    .openapi({ description: 'Where the first byte that is not UTF-8 is, from 0' }),
}).openapi('ImportProblem');

/** A write refused because the site changed since it was read: `current` is the site as it is now. */
export const StaleSiteProblemSchema = ProblemSchema.extend({ current: SiteSchema.optional() }).openapi(
  'StaleSiteProblem',
);

export const problemResponse = (description: string, schema: z.ZodType = ProblemSchema) => ({
  description,
  content: { 'application/problem+json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A site's open state now, as the public reads answer it. */
const OpenSchema = {
  open_now: z.boolean().nullable().openapi({ description: 'Open now (Beijing time); null when the hours are unknown' }),
  next_change: z
    .string()
    .nullable()
    .openapi({ description: 'Next opening or closing, ISO 8601 with +08:00', example: '2026-11-25T18:00:00+08:00' }),
  hours_today: z.string().nullable().openapi({ example: '08:00-18:00' }),
};
/** A site as the public sees it: its record and whether it is open now. */
export const ViewSiteSchema = SiteSchema.extend(OpenSchema).openapi('SiteWithOpenState');

/** A whole-number query parameter within bounds: a 400 names it when it is not one, or out of range. */
export const integerQuery = (name: string, bounds: { min: number; max: number }, description: string) =>
  z
    .string()
    .regex(/^[+-]?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(bounds.min, `must be at least ${bounds.min}`)
        .max(bounds.max, `must be at most ${bounds.max}`),
    )
    .openapi({ param: { name, in: 'query', description }, type: 'integer' });
