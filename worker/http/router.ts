// Every route group is an OpenAPIHono whose request validation failures become
// 400 problem+json responses naming the parameter.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { describe, invalidParams, problem } from './problem';

export function router<E extends AppEnv = AppEnv>() {
  return new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (result.success) return;
      // zod-openapi calls path parameters 'param'; OpenAPI and our clients say 'path'.
      const params = invalidParams(result.error, result.target === 'param' ? 'path' : result.target);
      return problem(c, 400, { detail: describe(params), invalid_params: params });
    },
  });
}
