import type { z as zod, ZodTypeAny } from 'zod/v3';
import { loadOpenApiSpec } from '../schema/spec';

/*
 * Action inputs made from the REST contract's own schemas
 * (src/schema/openapi.yaml), so that an action refuses what the REST API
 * refuses (the same patterns, lengths, ranges and shapes) and lists the
 * contract's descriptions. Only the JSON Schema keywords below are
 * understood; any other keyword in a schema an action uses throws when the
 * action is registered, so that no rule of the contract is silently dropped.
 */

type Schema = Record<string, any>;

const ANNOTATIONS = new Set(['description', 'examples', 'example', 'title']);
const KEYWORDS: Record<string, Set<string>> = {
  string: new Set([
    'type',
    'enum',
    'pattern',
    'minLength',
    'maxLength',
    'format',
  ]),
  number: new Set(['type', 'minimum', 'maximum']),
  integer: new Set(['type', 'minimum', 'maximum']),
  boolean: new Set(['type']),
  array: new Set(['type', 'items', 'minItems', 'maxItems']),
  object: new Set([
    'type',
    'properties',
    'required',
    'additionalProperties',
    'minProperties',
    'maxProperties',
    'propertyNames',
  ]),
};

let components: Record<string, Schema> | undefined;

/** A schema of the contract's components, its `$ref`s followed. */
export function contractSchema(name: string): Schema {
  components ??= loadOpenApiSpec().components.schemas as Record<string, Schema>;
  const schema = components[name];
  if (!schema) throw new Error(`The contract has no schema ${name}`);
  return schema;
}

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref);
  if (!match) throw new Error(`Unsupported $ref ${schema.$ref}`);
  // Annotations next to a $ref (OpenAPI 3.1) win over the target's.
  const { $ref, ...siblings } = schema;
  return { ...resolve(contractSchema(match[1])), ...siblings };
}

const where = (path: string) => (path ? `${path}: ` : '');

/** Messages, naming the field, for a missing value or one of another type. */
const typeErrors = (path: string, what: string) => ({
  required_error: `${where(path)}is required`,
  invalid_type_error: `${where(path)}must be ${what}`,
});

function checkKeywords(schema: Schema, type: string, path: string) {
  for (const keyword of Object.keys(schema)) {
    if (!KEYWORDS[type]?.has(keyword) && !ANNOTATIONS.has(keyword)) {
      throw new Error(
        `${where(
          path,
        )}the contract keyword "${keyword}" (type ${type}) has no action counterpart`,
      );
    }
  }
}

/** A string's length or a list's size kept within the contract's bounds. */
function bounded<
  T extends {
    min(n: number, m: { message: string }): T;
    max(n: number, m: { message: string }): T;
  },
>(
  type: T,
  min: number | undefined,
  max: number | undefined,
  prefix: string,
  unit: string,
): T {
  let result = type;
  if (min !== undefined) {
    result = result.min(min, { message: `${prefix} at least ${min} ${unit}` });
  }
  if (max !== undefined) {
    result = result.max(max, { message: `${prefix} at most ${max} ${unit}` });
  }
  return result;
}

function stringType(z: typeof zod, s: Schema, path: string): ZodTypeAny {
  if (s.enum) {
    return z.enum(s.enum as [string, ...string[]], {
      errorMap: (_issue, ctx) => ({
        message:
          ctx.data === undefined
            ? `${where(path)}is required`
            : `${where(path)}must be one of ${s.enum.join(', ')}`,
      }),
    });
  }
  let type = bounded(
    z.string(typeErrors(path, 'a string')),
    s.minLength,
    s.maxLength,
    `${where(path)}must have`,
    'characters',
  );
  if (s.pattern !== undefined) {
    type = type.regex(new RegExp(s.pattern, 'u'), {
      message: `${where(path)}must match the pattern ${s.pattern}`,
    });
  }
  if (s.format !== undefined) {
    if (s.format !== 'date-time') {
      throw new Error(`${where(path)}unsupported format ${s.format}`);
    }
    type = type.datetime({
      offset: true,
      message: `${where(path)}must be a date-time such as 2026-11-30T09:00:00Z`,
    });
  }
  return type;
}

function numberType(z: typeof zod, s: Schema, path: string): ZodTypeAny {
  let type = z.number(typeErrors(path, 'a number'));
  if (s.type === 'integer') {
    type = type.int({ message: `${where(path)}must be an integer` });
  }
  if (s.minimum !== undefined) {
    type = type.gte(s.minimum, {
      message: `${where(path)}must be at least ${s.minimum}`,
    });
  }
  if (s.maximum !== undefined) {
    type = type.lte(s.maximum, {
      message: `${where(path)}must be at most ${s.maximum}`,
    });
  }
  return type;
}

function arrayType(z: typeof zod, s: Schema, path: string): ZodTypeAny {
  return bounded(
    z.array(
      s.items ? fromSchema(z, s.items, `${path}[]`) : z.unknown(),
      typeErrors(path, 'a list'),
    ),
    s.minItems,
    s.maxItems,
    `${where(path)}must have`,
    'items',
  );
}

/** The properties of an object schema as a zod shape. */
function shapeOf(
  z: typeof zod,
  s: Schema,
  path: string,
): Record<string, ZodTypeAny> {
  const required = new Set<string>(s.required ?? []);
  const shape = Object.fromEntries(
    Object.entries<Schema>(s.properties ?? {}).map(([key, property]) => {
      const type = fromSchema(z, property, path ? `${path}.${key}` : key);
      return [key, required.has(key) ? type : type.optional()];
    }),
  );
  for (const key of required) {
    if (!(key in shape)) {
      throw new Error(`${where(path)}required ${key} has no schema`);
    }
  }
  return shape;
}

function objectType(
  z: typeof zod,
  s: Schema,
  path: string,
  shape: Record<string, ZodTypeAny> = shapeOf(z, s, path),
): ZodTypeAny {
  const allowed = Object.keys(shape).join(', ');
  let type: ZodTypeAny = z.object(shape, {
    errorMap: (issue, ctx) => {
      if (issue.code === 'unrecognized_keys') {
        return {
          message: `${where(path)}unknown property ${issue.keys.join(
            ', ',
          )}; allowed: ${allowed}`,
        };
      }
      if (issue.code === 'invalid_type') {
        return {
          message:
            ctx.data === undefined
              ? `${where(path)}is required`
              : `${where(path)}must be an object`,
        };
      }
      return { message: ctx.defaultError };
    },
  });
  const additional = s.additionalProperties;
  if (additional === false) {
    type = (type as zod.AnyZodObject).strict();
  } else if (additional && additional !== true) {
    type = (type as zod.AnyZodObject).catchall(
      fromSchema(z, additional, path ? `${path}.*` : '*'),
    );
  } else {
    type = (type as zod.AnyZodObject).passthrough();
  }
  const names = s.propertyNames ? resolve(s.propertyNames) : undefined;
  if (names && !names.enum) {
    throw new Error(`${where(path)}propertyNames needs an enum`);
  }
  const { minProperties, maxProperties } = s;
  if (!names && minProperties === undefined && maxProperties === undefined) {
    return type;
  }
  return type.superRefine((value, ctx) => {
    const keys = Object.keys(value as object);
    for (const key of keys) {
      if (names && !names.enum.includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${where(
            path ? `${path}.${key}` : key,
          )}not one of ${names.enum.join(', ')}`,
        });
      }
    }
    if (minProperties !== undefined && keys.length < minProperties) {
      ctx.addIssue({
        code: 'custom',
        message: `${where(path)}must have at least ${minProperties} properties`,
      });
    }
    if (maxProperties !== undefined && keys.length > maxProperties) {
      ctx.addIssue({
        code: 'custom',
        message: `${where(path)}must have at most ${maxProperties} properties`,
      });
    }
  });
}

/**
 * The zod (v3, as the actions registry takes it) counterpart of a contract
 * schema; error messages start with the field's path, as the REST API's
 * do.
 */
export function fromSchema(
  z: typeof zod,
  schema: Schema,
  path = '',
): ZodTypeAny {
  const s = resolve(schema);
  const type = Array.isArray(s.type) ? undefined : s.type;
  if (!type || !KEYWORDS[type]) {
    throw new Error(`${where(path)}unsupported schema type ${s.type}`);
  }
  checkKeywords(s, type, path);
  let result: ZodTypeAny;
  if (type === 'string') result = stringType(z, s, path);
  else if (type === 'number' || type === 'integer')
    result = numberType(z, s, path);
  else if (type === 'boolean')
    result = z.boolean(typeErrors(path, 'true or false'));
  else if (type === 'array') result = arrayType(z, s, path);
  else result = objectType(z, s, path);
  return s.description ? result.describe(s.description) : result;
}

/**
 * An action's input: its own fields (such as `model`), then those of a
 * contract object schema with the contract's rules, unknown properties
 * included; `omit` leaves out properties the action does not take.
 */
export function contractObject(
  z: typeof zod,
  name: string,
  options: { own?: Record<string, ZodTypeAny>; omit?: string[] } = {},
): zod.AnyZodObject {
  const { own = {}, omit = [] } = options;
  const schema = resolve(contractSchema(name));
  if (schema.type !== 'object') {
    throw new Error(`${name} is not an object schema`);
  }
  checkKeywords(schema, 'object', '');
  const kept = {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(schema.properties ?? {}).filter(
        ([k]) => !omit.includes(k),
      ),
    ),
    required: (schema.required ?? []).filter((k: string) => !omit.includes(k)),
  };
  const type = objectType(z, kept, '', {
    ...own,
    ...shapeOf(z, kept, ''),
  });
  // The registry takes a plain object: no rule on the object as a whole.
  if (!('shape' in type)) {
    throw new Error(`${name} has rules on the whole object; not an input`);
  }
  const object = type as zod.AnyZodObject;
  return schema.description ? object.describe(schema.description) : object;
}
