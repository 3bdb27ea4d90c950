// The OpenAPI document as served: what zod-openapi builds from the routes, completed with
// the answers that middleware gives any route of a kind (so no route can forget one), and
// with nullable references written the way JSON Schema validators read them.

interface Response {
  description: string;
  content?: Record<string, unknown>;
}
interface Operation {
  parameters?: unknown[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, Response>;
}
type Paths = Record<string, Record<string, Operation>>;

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

/** Answers the middleware and the router give, by what an operation takes. */
function commonAnswers(method: string, op: Operation): Record<string, string> {
  const body = op.requestBody?.content ? Object.keys(op.requestBody.content) : [];
  return {
    ...(op.parameters?.length || body.length ? { 400: 'A parameter or the body is malformed (problem names it)' } : {}),
    ...(STATE_CHANGING.has(method) ? { 403: 'The request carries no Origin, or a foreign one (CSRF)' } : {}),
    ...(body.length ? { 413: 'The body is too large', 415: `The body is not ${body.join(' or ')}` } : {}),
    500: 'Something went wrong on our side (the error is logged)',
  };
}

/**
 * `allOf: [{$ref}, {type: [..., 'null']}]` (zod-openapi's nullable reference) can never
 * accept null, as the referenced object rejects it: say `anyOf: [{$ref}, {type: 'null'}]`.
 */
function fixNullableRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fixNullableRefs);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, fixNullableRefs(v)] as const);
  const obj = Object.fromEntries(entries) as Record<string, unknown>;
  const all = obj.allOf;
  if (Array.isArray(all) && all.length === 2) {
    const [ref, nullable] = all as [Record<string, unknown>, Record<string, unknown>];
    const types = nullable?.type;
    if (
      typeof ref?.$ref === 'string' &&
      Array.isArray(types) &&
      types.includes('null') &&
      Object.keys(nullable).length === 1
    ) {
      const { allOf: _allOf, ...rest } = obj;
      return { ...rest, anyOf: [ref, { type: 'null' }] };
    }
  }
  return obj;
}

export function completeDocument<T extends { paths?: Paths }>(doc: T): T {
  const fixed = fixNullableRefs(doc) as T;
  for (const item of Object.values(fixed.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      op.responses ??= {};
      for (const [status, description] of Object.entries(commonAnswers(method, op))) {
        op.responses[status] ??= { description, content: PROBLEM };
      }
    }
  }
  return fixed;
}
