// RFC 9457 problem details: every error linli returns has this shape, served as
// application/problem+json, with `invalid_params` naming each offending field.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { InvalidParam } from '../core/invalid-param';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  invalid_params?: InvalidParam[];
  [extension: string]: unknown;
}

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['invalid-request', 'The request is not valid'],
  401: ['unauthenticated', 'Log in first'],
  403: ['forbidden', 'Not allowed'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'The record changed since it was read'],
  413: ['too-large', 'The request is too large'],
  415: ['unsupported-media-type', 'Unsupported content type'],
  422: ['unprocessable', 'The data cannot be accepted'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal', 'Internal error'],
  503: ['unavailable', 'Service unavailable'],
};

/** Builds a problem body; `type` is a relative URI naming the kind of problem. */
function problemBody(status: number, fields: Partial<Problem> = {}): Problem {
  const [slug, title] = TITLES[status] ?? ['error', 'Error'];
  return { type: `/problems/${slug}`, title, status, ...fields };
}

export function problem(c: Context, status: ContentfulStatusCode, fields: Partial<Problem> = {}): Response {
  return c.body(JSON.stringify(problemBody(status, fields)), status, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

/** Thrown anywhere in a request to end it with a problem response. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly fields: Partial<Problem> = {},
  ) {
    super(fields.detail ?? fields.title ?? `HTTP ${status}`);
  }
}

/** Turns a zod error for one request part into named invalid parameters. */
export function invalidParams(error: ZodError, where: string): InvalidParam[] {
  return error.issues.map((issue) => ({
    name: issue.path.length ? issue.path.map(String).join('.') : where,
    in: where,
    reason: issue.message,
  }));
}

export function describe(params: InvalidParam[]): string {
  return params.map((p) => `${p.name}: ${p.reason}`).join('; ');
}
