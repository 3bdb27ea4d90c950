// Request values generated from the JSON Schemas of the OpenAPI document: one valid value
// per schema (examples, enums, bounds, the patterns linli uses), and fast-check arbitraries
// that mix valid values with hostile ones (wrong types, out of range, odd Unicode).
import fc from 'fast-check';

export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  [key: string]: unknown;
}

export type Resolve = (schema: Schema) => Schema;

/** Values for the patterns of linli's parameters, which cannot be generated from the regex alone. */
const PATTERN_SAMPLES: [RegExp, string][] = [
  [/^\^\[1-9\]\[0-9\]/, '1'],
  [/^\^\[0-9\]\{9\}\$$/, '110105017'],
  [/^\^\[0-9\]\{6\}\$$/, '110105'],
];

function typeOf(schema: Schema): string | undefined {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (t) return t;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

/** A value the schema accepts (as far as a schema can say: cross-field rules are the app's). */
export function validValue(input: Schema, resolve: Resolve): unknown {
  const schema = resolve(input);
  if (schema.example !== undefined) return schema.example;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return validValue(variants.find((v) => resolve(v).type !== 'null') ?? variants[0]!, resolve);
  if (schema.allOf?.length) return validValue(schema.allOf[0]!, resolve);
  switch (typeOf(schema)) {
    case 'string': {
      const known = schema.pattern ? PATTERN_SAMPLES.find(([re]) => re.test(schema.pattern!)) : undefined;
      if (known) return known[1];
      if (schema.format === 'uri' || schema.format === 'url') return 'https://example.org/';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
      if (min !== undefined && schema.maximum !== undefined)
        return typeOf(schema) === 'integer' ? Math.ceil(min) : (min + schema.maximum) / 2;
      return min ?? Math.min(1, schema.maximum ?? 1);
    }
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => validValue(schema.items ?? {}, resolve));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key)) out[key] = validValue(prop, resolve);
      }
      return out;
    }
    default:
      return 'x';
  }
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '1e309',
    'NaN',
    'null',
    '\u0000',
    '\u200b',
    '\u202e',
    '<script>',
    "' OR 1=1 --",
    '../',
    'auto:110105017:x',
    'javascript:alert(1)',
    'x'.repeat(300),
  ),
);
const hostileNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(-1, 0, 1e15, -1e15, 2 ** 53));
const anyJson = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

/** Values of the schema's type and shape, valid or not. */
export function arbitraryOf(input: Schema, resolve: Resolve, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(input);
  const valid = fc.constant(validValue(schema, resolve));
  const enumerated = schema.enum?.length ? [fc.constantFrom(...schema.enum)] : [];
  if (depth > 3) return valid;
  switch (typeOf(schema)) {
    case 'string':
      return fc.oneof(valid, ...enumerated, hostileString);
    case 'integer':
    case 'number':
      return fc.oneof(valid, hostileNumber, hostileString);
    case 'boolean':
      return fc.oneof(valid, fc.boolean(), hostileString);
    case 'array':
      return fc.oneof(valid, fc.array(arbitraryOf(schema.items ?? {}, resolve, depth + 1), { maxLength: 3 }), anyJson);
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      const record = fc.record(Object.fromEntries(props.map(([k, p]) => [k, arbitraryOf(p, resolve, depth + 1)])), {
        requiredKeys: props.map(([k]) => k).filter((k) => schema.required?.includes(k) && depth === 0),
      });
      return fc.oneof({ weight: 3, arbitrary: record }, { weight: 1, arbitrary: anyJson });
    }
    default:
      return fc.oneof(valid, anyJson);
  }
}
