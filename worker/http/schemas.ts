// OpenAPI response pieces shared by the routes: problems, JSON answers, and the site
// with its open state (one site, and the items of searches).
import { z } from '@hono/zod-openapi';
import { SiteSchema } from '../core/site';

const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    invalid_params: z.array(z.object({ name: z.string(), in: z.string(), reason: z.string() })).optional(),
  })
  .openapi('Problem');

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
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
