// The OpenAPI document tells the truth: every operation it lists is driven with inputs
// generated from its own schemas (valid ones and hostile ones, anonymously and logged in),
// and every answer must be a status the document gives for that operation, with a
// documented content type and a body its JSON Schema accepts.
import { Validator } from '@cfworker/json-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { BASE } from './api';
import { callWorker } from './call-worker';
import { adminCookie, editorCookie, insertSite, JINSONG, send } from './fixtures/console';
import { arbitraryOf, type Schema, validValue } from './openapi/schema-values';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Generated requests per operation and caller, besides the one with valid values. */
const RUNS = 6;
const SCHEMA_BASE = 'https://linli.test/schemas/';

/** The operations as the app declares them (read at collection time; the served document is checked below). */
const declared = app.getOpenAPI31Document({
  openapi: '3.1.0',
  info: { title: 'linli', version: '1' },
}) as unknown as Document;
const operations = Object.entries(declared.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ path, method })),
);

/** `#/components/schemas/X` → an absolute id the validator knows. */
function absoluteRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/"#\/components\/schemas\/([^"]+)"/g, `"${SCHEMA_BASE}$1"`)) as T;
}

function validatorFor(doc: Document, schema: Schema): Validator {
  const validator = new Validator(absoluteRefs(schema) as object, '2020-12', false);
  for (const [name, component] of Object.entries(doc.components.schemas)) {
    validator.addSchema(absoluteRefs({ ...component, $id: `${SCHEMA_BASE}${name}` }) as never);
  }
  return validator;
}

function resolver(doc: Document) {
  return (schema: Schema): Schema => {
    if (schema.$ref?.startsWith('#/components/schemas/')) return doc.components.schemas[schema.$ref.slice(21)] ?? {};
    return schema;
  };
}

interface Request {
  url: string;
  init: RequestInit;
  describe: string;
}

/** A request from parameter and body values (undefined leaves a parameter out). */
function buildRequest(
  path: string,
  method: string,
  op: Operation,
  values: Record<string, unknown>,
  body: unknown,
  cookie?: string,
): Request {
  let url = path;
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    const v = values[`${p.in}:${p.name}`];
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(v ?? '1')));
    else if (p.in === 'query' && v !== undefined) query.set(p.name, String(v));
  }
  const headers: Record<string, string> = { origin: BASE, 'cf-connecting-ip': '192.0.2.200' };
  if (cookie) headers.cookie = cookie;
  const contentType = op.requestBody ? Object.keys(op.requestBody.content)[0]! : undefined;
  let payload: BodyInit | undefined;
  if (contentType && body !== undefined) {
    headers['content-type'] = contentType;
    payload = contentType.includes('json') ? JSON.stringify(body) : String(body);
  }
  const qs = query.toString();
  const full = `${url}${qs ? `?${qs}` : ''}`;
  return {
    url: `${BASE}${full}`,
    init: { method: method.toUpperCase(), headers, body: payload },
    describe: `${method.toUpperCase()} ${full} ${payload === undefined ? '' : String(payload).slice(0, 120)}`,
  };
}

/** Why a response does not conform to the operation, or null. */
async function nonConformance(doc: Document, op: Operation, res: Response): Promise<string | null> {
  const documented = op.responses[String(res.status)] ?? op.responses.default;
  if (!documented)
    return `status ${res.status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`;
  const text = await res.text();
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (!documented.content)
    return text === '' ? null : `status ${res.status} documents no body, got ${type} ${text.slice(0, 80)}`;
  const media = documented.content[type];
  if (!media)
    return `content type ${type} is not documented for ${res.status} (documented: ${Object.keys(documented.content).join(', ')})`;
  if (!type.includes('json') || !media.schema) return null;
  const result = validatorFor(doc, media.schema).validate(JSON.parse(text));
  return result.valid
    ? null
    : `body of ${res.status} violates its schema: ${result.errors
        .slice(-3)
        .map((e) => `${e.instanceLocation} ${e.error}`)
        .join('; ')} — ${text.slice(0, 200)}`;
}

describe('the OpenAPI document', () => {
  it('serves the operations the app declares', async () => {
    const served = await send('GET', '/api/v1/openapi.json');
    expect(Object.keys(served.body.paths)).toEqual(Object.keys(declared.paths));
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  it("declares a creation's SiteChange.before (null) as allowed", async () => {
    const { body: doc } = await send('GET', '/api/v1/openapi.json');
    const validator = validatorFor(doc, { $ref: '#/components/schemas/SiteChange' });
    const site = validValue({ $ref: '#/components/schemas/Site' }, resolver(doc));
    const change = {
      id: 1,
      at: '2026-12-01T00:00:00Z',
      actor: 'admin',
      action: 'create',
      before: null,
      after: site,
      report_id: null,
    };
    expect(validator.validate(change).errors).toEqual([]);
    expect(validator.validate({ ...change, before: 'x' }).valid).toBe(false);
  });
});

describe.each(operations)('$method $path conforms to the document', ({ path, method }) => {
  it('answers generated requests, anonymous and logged in, only as documented', async () => {
    const { body: doc } = (await send('GET', '/api/v1/openapi.json')) as { body: Document };
    const op = doc.paths[path]![method]!;
    const resolve = resolver(doc);
    // Something to act on: a site, a report and an editor, so ids in paths can be found.
    const siteId = await insertSite();
    await send('POST', `/api/v1/sites/${siteId}/reports`, {
      json: { category: 'closed' },
      headers: { 'cf-connecting-ip': '192.0.2.1' },
    });
    const callers = [undefined, await adminCookie(), await editorCookie('jinsong', [JINSONG])];

    const valid: Record<string, unknown> = {};
    for (const p of op.parameters ?? [])
      if (p.required || p.in === 'path') valid[`${p.in}:${p.name}`] = validValue(p.schema, resolve);
    const bodySchema = op.requestBody ? Object.values(op.requestBody.content)[0]!.schema : undefined;
    const paramArbs = Object.fromEntries(
      (op.parameters ?? []).map((p) => [
        `${p.in}:${p.name}`,
        fc.option(arbitraryOf(p.schema, resolve), { nil: undefined }),
      ]),
    );
    const generated = fc.sample(
      fc.record({
        values: fc.record(paramArbs, { requiredKeys: [] }),
        body: bodySchema ? fc.option(arbitraryOf(bodySchema, resolve), { nil: undefined }) : fc.constant(undefined),
      }),
      { numRuns: RUNS, seed: 20261201 },
    );

    const failures: string[] = [];
    const statuses = new Set<number>();
    for (const cookie of callers) {
      const requests = [
        buildRequest(path, method, op, valid, bodySchema ? validValue(bodySchema, resolve) : undefined, cookie),
        ...generated.map((g) =>
          buildRequest(path, method, op, { ...valid, ...stripUndefined(g.values) }, g.body, cookie),
        ),
      ];
      // Bodies the generator does not write: not JSON at all, and the wrong media type.
      if (bodySchema) {
        const contentType = Object.keys(op.requestBody!.content)[0]!;
        const raw = buildRequest(path, method, op, valid, undefined, cookie);
        requests.push({
          ...raw,
          init: {
            ...raw.init,
            headers: { ...(raw.init.headers as object), 'content-type': contentType },
            body: '{"x": ',
          },
          describe: `${raw.describe} (truncated body)`,
        });
        requests.push({
          ...raw,
          init: {
            ...raw.init,
            headers: { ...(raw.init.headers as object), 'content-type': 'text/plain' },
            body: 'hello',
          },
          describe: `${raw.describe} (text/plain body)`,
        });
      }
      for (const request of requests) {
        const res = await callWorker(request.url, request.init);
        statuses.add(res.status);
        const problem = await nonConformance(doc, op, res);
        if (problem) failures.push(`${request.describe} as ${cookie ? 'logged in' : 'anonymous'}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    // Nothing answered 500: a generated request is a client's mistake at worst.
    expect([...statuses].filter((s) => s >= 500 && !(path === '/api/v1/health' && s === 503))).toEqual([]);
  }, 60_000);
});

function stripUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
