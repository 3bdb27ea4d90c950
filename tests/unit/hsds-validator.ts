/// <reference types="vite/client" />
// Validates responses against the HSDS 3.1 JSON Schemas of Open Referral (CC BY-SA 4.0),
// read from ../shared/reference/hsds-3.1/ beside the repository, with ajv's 2020-12 draft.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const files = import.meta.glob<{ default: Record<string, unknown> }>('../../../shared/reference/hsds-3.1/*.json', {
  eager: true,
});
const BASE = 'https://hsds.schemas.test/';

// strict: false because the schemas carry Frictionless Data keywords (name, core, constraints …).
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const [path, module] of Object.entries(files)) {
  const file = path.split('/').pop()!;
  if (file !== 'openapi.json') ajv.addSchema(module.default, `${BASE}${file}`);
}
const openapi = Object.entries(files).find(([p]) => p.endsWith('/openapi.json'))?.[1].default as
  | { components: { schemas: { Page: Record<string, unknown> } } }
  | undefined;
if (!openapi || Object.keys(files).length < 20)
  throw new Error('the HSDS 3.1 schemas are missing from ../shared/reference/hsds-3.1/');
const pageValidator = ajv.compile(openapi.components.schemas.Page);

export type Entity = 'organization' | 'service' | 'location' | 'service_at_location' | 'schedule';

const show = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');

/** The schema violations of one record, '' when it is valid. */
export function hsdsErrors(entity: Entity, record: unknown): string {
  const validate = ajv.getSchema(`${BASE}${entity}.json`);
  if (!validate) throw new Error(`no HSDS schema for ${entity}`);
  return validate(record) ? '' : show(validate.errors);
}

/** The violations of a paginated response: the Page envelope and every record. */
export function pageErrors(entity: Entity, body: { contents?: unknown[] }): string {
  const problems = pageValidator(body) ? [] : [`page: ${show(pageValidator.errors)}`];
  if (!Array.isArray(body.contents)) problems.push('contents is not an array');
  (body.contents ?? []).forEach((record, i) => {
    const errors = hsdsErrors(entity, record);
    if (errors) problems.push(`contents[${i}]: ${errors}`);
  });
  return problems.join('\n');
}
