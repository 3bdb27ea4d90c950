// OpenAPI response pieces shared by every route.
import { z } from '@hono/zod-openapi';

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  invalid_params: z.array(z.object({ name: z.string(), in: z.string(), reason: z.string() })).optional(),
}).openapi('Problem');

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
