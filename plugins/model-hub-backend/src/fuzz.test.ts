import { mockCredentials } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';
import { loadOpenApiSpec } from './schema/spec';

/*
 * Reliability: every operation of the contract, fed thousands of generated
 * invalid requests, answers 4xx with an error that names something, never
 * 5xx, and stores nothing, not even in part. The operations and what makes a
 * request invalid are read from src/schema/openapi.yaml, so a new operation
 * or field is fuzzed without touching this file.
 *
 * Each request is a valid example with one thing broken, so that its 4xx is
 * owed to that one thing:
 * - schema: a value the contract refuses (wrong type or null, missing
 *   required or unknown property, out of range, too short or long, pattern
 *   or enum miss, not a date-time, too few or many items), in the body, a
 *   path or a query parameter, or a query parameter it does not know;
 * - malformed: a body that is not JSON, not an object, or not sent as JSON;
 * - unusable: JSON nested far too deep, or with NUL characters (which
 *   PostgreSQL cannot store), anywhere in the body;
 * - unknown: path parameters that are well formed but name nothing;
 * - edge: values the contract lets through but that are easy to mishandle
 *   (junk in free-form objects, odd date-times, huge numbers, odd strings).
 *   Reads may answer them 2xx; writes get them on an example refused at the
 *   end anyway (ANCHORED_EXAMPLES), after the service has looked at them.
 */

// Requests per operation and database (4,600 with today's 23 operations);
// MODEL_HUB_FUZZ_RUNS sets more for a longer local run.
const RUNS_PER_OPERATION = Number(process.env.MODEL_HUB_FUZZ_RUNS ?? 200);

jest.setTimeout(240_000);

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const rita = mockCredentials.user.header('user:default/rita');
/** A governance admin: the only one who overrides a policy. */
const gail = mockCredentials.user.header('user:default/gail');
const modelName = 'credit-scoring-pd';

type Schema = Record<string, any>;
type Pointer = Array<string | number>;
type Param = { name: string; in: string; schema: Schema };

type Operation = {
  id: string;
  method: string;
  template: string;
  pathParams: Param[];
  queryParams: Param[];
  body?: { schema: Schema; required: boolean };
  /** Stores nothing: GETs, and the POSTs that only compute an answer. */
  readOnly: boolean;
};

/** A request: path and query values, body, caller (dana by default). */
type Example = {
  path?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  auth?: string;
};

type FuzzCase = {
  /** What was broken, for the failure message. */
  label: string;
  /** `rejected`: must be 4xx; `no-server-error`: anything below 500. */
  expect: 'rejected' | 'no-server-error';
  path: Record<string, string>;
  query: Array<[string, string]>;
  body?: { json: unknown } | { text: string; contentType: string };
  auth?: string;
};

/** What the seed stored, for examples and for telling what names nothing. */
type Seed = { reviewId: string; versions: string[]; reviewIds: string[] };

// POSTs that compute an answer and store nothing (the state check holds
// them to it).
const READ_ONLY_POSTS = new Set(['EvaluateGoldenPaths', 'GetStatuses']);

const spec = loadOpenApiSpec();

/** Follows `$ref`s within the spec; sibling keys such as `description` stay. */
function deref(node: any): Schema {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    const { $ref, ...rest } = current;
    const target = ($ref as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce((n: any, key) => n?.[key], spec);
    current = { ...target, ...rest };
  }
  return current ?? {};
}

function operationsOf(): Operation[] {
  const result: Operation[] = [];
  for (const [template, item] of Object.entries<any>(spec.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const params: Param[] = [
        ...(item.parameters ?? []),
        ...(op.parameters ?? []),
      ].map(p => {
        const param = deref(p);
        return { name: param.name, in: param.in, schema: deref(param.schema) };
      });
      const requestBody = op.requestBody ? deref(op.requestBody) : undefined;
      const bodySchema = requestBody?.content?.['application/json']?.schema;
      result.push({
        id: op.operationId,
        method: method.toUpperCase(),
        template,
        pathParams: params.filter(p => p.in === 'path'),
        queryParams: params.filter(p => p.in === 'query'),
        body: bodySchema && {
          schema: deref(bodySchema),
          required: Boolean(requestBody?.required),
        },
        readOnly: method === 'get' || READ_ONLY_POSTS.has(op.operationId),
      });
    }
  }
  return result;
}

const operations = operationsOf();

// ---------------------------------------------------------------------------
// Valid examples. An operation without one gets a minimal request built from
// its schema, so a new operation is fuzzed all the same.

const modelPath = { namespace: 'default', name: modelName };

function publishBody(version: string) {
  return {
    version,
    artifactUri: `s3://models/pd/${version}`,
    format: 'onnx',
    trainingRunUrl: 'https://mlflow.example.com/runs/42',
    datasets: ['dataset:default/loans-2026'],
    metrics: [{ name: 'auc', value: 0.81, slice: 'all', dataset: 'holdout' }],
    signature: {
      inputs: [{ name: 'income', type: 'double' }],
      outputs: [{ name: 'pd', type: 'double' }],
    },
    referenceProfile: { rows: incomeRows(300, 0) },
    driftSettings: { methods: { income: 'psi' }, thresholds: { income: 0.2 } },
    evidence: { independentValidation: 'https://wiki.example.com/validation' },
  };
}

function validExamples(seed: Pick<Seed, 'reviewId'>): Record<string, Example> {
  return {
    ListModels: { query: { limit: '10', offset: '0', search: 'credit' } },
    GetModelOverview: { path: modelPath },
    ListVersions: { path: modelPath, query: { limit: '10', offset: '0' } },
    // The seed published it: the same content again is a 200.
    PublishVersion: { path: modelPath, body: publishBody('1.0.0') },
    GetVersion: { path: { ...modelPath, version: '1.0.0' } },
    DeprecateVersion: {
      path: { ...modelPath, version: '0.9.0' },
      body: { reason: 'Superseded by 1.0.0' },
    },
    SetAlias: {
      path: { ...modelPath, alias: 'champion' },
      body: { version: '1.0.0' },
    },
    // Production serves only approved versions: the example is staging.
    SetDeployment: {
      path: { ...modelPath, environment: 'staging' },
      body: { version: '1.0.0' },
    },
    RequestReview: {
      path: { ...modelPath, version: '1.0.0' },
      body: {
        evidence: { humanOversightPlan: 'https://wiki.example.com/oversight' },
        comment: 'Ready for sign-off',
      },
    },
    ListReviews: { path: modelPath, query: { limit: '10', offset: '0' } },
    // Four eyes: someone other than the publisher decides.
    DecideReview: {
      path: { ...modelPath, reviewId: seed.reviewId },
      body: { decision: 'CHANGES_REQUESTED', comment: 'Add the fairness run' },
      auth: rita,
    },
    GetGovernance: { path: modelPath },
    OverridePolicy: {
      path: modelPath,
      body: {
        policy: {
          approvals: 2,
          reviewCadenceMonths: 12,
          evidence: ['modelCard', 'owner', 'evaluationReport'],
        },
        reason: 'Pilot with a stricter cadence',
      },
      auth: gail,
    },
    SubmitDrift: {
      path: { ...modelPath, version: '1.0.0' },
      body: {
        environment: 'production',
        windowStart: '2026-11-30T09:00:00Z',
        windowEnd: '2026-11-30T10:00:00Z',
        rows: incomeRows(300, 500),
        columns: ['income', 'region'],
        methods: { income: 'psi' },
        thresholds: { income: 0.1 },
      },
    },
    ListDriftReports: {
      path: modelPath,
      query: {
        environment: 'production',
        from: '2026-01-01T00:00:00Z',
        to: '2027-01-01T00:00:00Z',
        limit: '10',
      },
    },
    ListAuditEvents: { path: modelPath, query: { limit: '10', offset: '0' } },
    GetOperationsMetrics: { path: modelPath },
    GetReviewInbox: { query: { expiringWithinDays: '30' } },
    ListGoldenPathChecks: {},
    EvaluateGoldenPaths: {
      body: {
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'loan-api',
            namespace: 'default',
            tags: ['java'],
            annotations: {
              'model-hub.io/pinned-versions': `model:default/${modelName}@1.0.0`,
            },
          },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner: 'group:default/credit-risk',
            dependsOn: [`model:default/${modelName}`],
          },
        },
      },
    },
    GetScorecardOverview: { query: { kind: 'model' } },
    GetEntityScorecard: { path: { kind: 'model', ...modelPath } },
    GetStatuses: { body: { entityRefs: [`model:default/${modelName}`] } },
  };
}

/**
 * Writes whose free-form content is fuzzed on an example the service refuses
 * in the end, after it has looked at that content: so they must be 4xx.
 */
const ANCHORED_EXAMPLES: Record<string, (valid: Example) => Example> = {
  // 1.0.0 is published with other content: a conflict, found after the
  // reference profile was checked and the content hashed.
  PublishVersion: valid => ({
    ...valid,
    body: { ...(valid.body as object), artifactUri: 's3://models/pd/other' },
  }),
  // A window that ends before it starts, found after the drift engine ran.
  // Edge date-times keep within these years, so it stays reversed.
  SubmitDrift: valid => ({
    ...valid,
    body: {
      ...(valid.body as object),
      windowStart: '9999-12-31T23:59:59Z',
      windowEnd: '1970-01-01T00:00:00Z',
    },
  }),
};

/** A minimal value the schema allows, for operations without an example. */
function synthesize(schema: Schema): unknown {
  const s = deref(schema);
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  switch ([s.type].flat()[0]) {
    case 'object':
      return Object.fromEntries(
        (s.required ?? []).map((key: string) => [
          key,
          synthesize(s.properties?.[key] ?? {}),
        ]),
      );
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () =>
        synthesize(s.items ?? {}),
      );
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      return s.format === 'date-time'
        ? '2026-11-30T09:00:00Z'
        : 'a'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return {};
  }
}

function exampleFor(op: Operation, seed: Pick<Seed, 'reviewId'>): Example {
  const known = validExamples(seed)[op.id];
  if (known) return known;
  const byName: Record<string, string> = {
    ...modelPath,
    version: '1.0.0',
    reviewId: seed.reviewId,
    kind: 'model',
  };
  return {
    path: Object.fromEntries(
      op.pathParams.map(p => [p.name, byName[p.name] ?? 'fuzz']),
    ),
    body: op.body ? synthesize(op.body.schema) : undefined,
  };
}

// ---------------------------------------------------------------------------
// Generators. Each makes values that surely break the schema it is given.

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return (
        typeof value === 'object' && value !== null && !Array.isArray(value)
      );
    default:
      return false;
  }
}

function typesOf(schema: Schema): string[] | undefined {
  return schema.type === undefined ? undefined : [schema.type].flat();
}

/** Nested arrays and objects, up to where the body check refuses them. */
const deepJunk = fc
  .tuple(fc.integer({ min: 20, max: 1000 }), fc.jsonValue({ maxDepth: 1 }))
  .map(([depth, leaf]) => {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) {
      value = i % 2 ? [value] : { junk: value };
    }
    return value;
  });

/** Any JSON value, from scalars to deep nesting. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  deepJunk,
);

/** A value of none of the JSON types the schema allows; often null. */
function wrongType(types: string[]): fc.Arbitrary<unknown> {
  return fc
    .oneof(anyJson, fc.constant(null))
    .filter(value => !types.some(type => hasType(value, type)));
}

/** An ASCII string of exactly `length` characters. */
function stringOfLength(length: number): fc.Arbitrary<string> {
  return fc
    .string({ maxLength: 16 })
    .map(s => (s + 'x'.repeat(length)).slice(0, length));
}

/** Strings of all kinds, with characters that break patterns and parsers. */
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    ' ',
    '/',
    '%',
    '%00',
    '\u0000',
    "'; drop table model_versions; --",
    '../../etc/passwd',
    'model:default/',
    ':::',
    '\u00e9t\u00e9',
    '\ud83d\ude80',
    'a'.repeat(64),
  ),
);

// Anything that is a date-time starts like this.
const looksLikeDateTime = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/;

/** Invalid strings for a string schema, as `[what, generator]` pairs. */
function invalidStrings(
  schema: Schema,
  maxLongLength: number,
): Array<[string, fc.Arbitrary<string>]> {
  const out: Array<[string, fc.Arbitrary<string>]> = [];
  if (schema.minLength > 0) {
    out.push(['too short', fc.string({ maxLength: schema.minLength - 1 })]);
  }
  if (typeof schema.maxLength === 'number') {
    const min = schema.maxLength + 1;
    const max = Math.max(min, Math.min(maxLongLength, min * 50));
    out.push(['too long', fc.integer({ min, max }).chain(stringOfLength)]);
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    // A near miss: a matching string with one foreign character in it.
    const nearMiss = fc
      .tuple(fc.stringMatching(new RegExp(schema.pattern)), fc.nat(), anyString)
      .map(([s, n, bad]) => {
        const at = n % (s.length + 1);
        return s.slice(0, at) + bad + s.slice(at);
      });
    out.push([
      'pattern mismatch',
      fc.oneof(anyString, nearMiss).filter(s => !pattern.test(s)),
    ]);
  }
  if (Array.isArray(schema.enum)) {
    out.push(['not in enum', anyString.filter(s => !schema.enum.includes(s))]);
  }
  if (schema.format === 'date-time') {
    const date = fc.date({ noInvalidDate: true });
    out.push([
      'not a date-time',
      fc
        .oneof(
          anyString,
          date.map(d => d.toUTCString()),
          date.map(d => String(d.getTime())),
          date.map(d => d.toISOString().slice(0, 10)),
        )
        .filter(s => !looksLikeDateTime.test(s)),
    ]);
  }
  return out;
}

function pad(n: number) {
  return String(n).padStart(2, '0');
}

/**
 * Date-times the format check lets through, or nearly: day 00, hour 24,
 * leap seconds, odd offsets, long fractions, lower case.
 */
const edgeDateTime = fc
  .record({
    year: fc.integer({ min: 1971, max: 9998 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: undefined }),
    separator: fc.constantFrom('T', 't', ' '),
    zone: fc.oneof(
      fc.constantFrom('Z', 'z', '+00:00', '-00:00'),
      fc
        .tuple(
          fc.constantFrom('+', '-'),
          fc.integer({ min: 0, max: 24 }),
          fc.integer({ min: 0, max: 60 }),
        )
        .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
    ),
  })
  .map(
    d =>
      `${d.year}-${pad(d.month)}-${pad(d.day)}${d.separator}${pad(d.hour)}:` +
      `${pad(d.minute)}:${pad(d.second)}${d.fraction ? `.${d.fraction}` : ''}` +
      `${d.zone}`,
  );

/** A copy of `object` with `key` set as an own property, even `__proto__`. */
function withKey(object: unknown, key: string, value: unknown) {
  const copy = { ...(object as object) } as Record<string, unknown>;
  Object.defineProperty(copy, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** Invalid values for a place of the body, as `[what, generator]` pairs. */
function invalidBodyValues(
  schema: Schema,
  value: unknown,
): Array<[string, fc.Arbitrary<unknown>]> {
  const out: Array<[string, fc.Arbitrary<unknown>]> = [];
  const types = typesOf(schema);
  if (types) out.push(['wrong type or null', wrongType(types)]);
  if (!types || types.includes('string')) {
    out.push(...invalidStrings(schema, 200_000));
  }
  if (types?.includes('integer') || types?.includes('number')) {
    if (typeof schema.minimum === 'number') {
      out.push([
        'below minimum',
        fc.oneof(
          fc.constant(schema.minimum - 1),
          fc.integer({ max: schema.minimum - 1 }),
          fc.constant(-1e300),
        ),
      ]);
    }
    if (typeof schema.maximum === 'number') {
      out.push([
        'above maximum',
        fc.oneof(
          fc.constant(schema.maximum + 1),
          fc.integer({ min: schema.maximum + 1 }),
          fc.constant(1e300),
        ),
      ]);
    }
    if (!types.includes('number')) {
      out.push([
        'not an integer',
        fc
          .double({ noNaN: true, min: -1e6, max: 1e6 })
          .filter(n => !Number.isInteger(n)),
      ]);
    }
  }
  if (types?.includes('array')) {
    const items = Array.isArray(value) ? value : [];
    if (schema.minItems > 0) {
      out.push([
        'too few items',
        fc.constant(items.slice(0, schema.minItems - 1)),
      ]);
    }
    // Padded with a copy of a valid item, so only the count is wrong.
    if (typeof schema.maxItems === 'number' && items.length > 0) {
      out.push([
        'too many items',
        fc
          .integer({ min: schema.maxItems + 1, max: schema.maxItems + 3 })
          .map(n => Array.from({ length: n }, () => items[0])),
      ]);
    }
  }
  if (types?.includes('object')) {
    out.push(...invalidObjects(schema, value));
  }
  return out;
}

function invalidObjects(
  schema: Schema,
  value: unknown,
): Array<[string, fc.Arbitrary<unknown>]> {
  const out: Array<[string, fc.Arbitrary<unknown>]> = [];
  const object = hasType(value, 'object')
    ? (value as Record<string, unknown>)
    : undefined;
  const required: string[] = schema.required ?? [];
  const present = required.filter(key => object && key in object);
  if (present.length > 0) {
    out.push([
      'missing required property',
      fc.constantFrom(...present).map(key => {
        const { [key]: _dropped, ...rest } = object!;
        return rest;
      }),
    ]);
  }
  if (required.length > 0 || schema.minProperties > 0) {
    out.push(['empty object', fc.constant({})]);
  }
  const known = Object.keys(schema.properties ?? {});
  if (schema.additionalProperties === false) {
    const names = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'id',
        'modelRef',
        'publishedBy',
      ),
    );
    out.push([
      'unknown property',
      fc
        .tuple(names, anyJson)
        .filter(([key]) => !known.includes(key))
        .map(([key, junk]) => withKey(object ?? synthesize(schema), key, junk)),
    ]);
  }
  const propertyNames = schema.propertyNames && deref(schema.propertyNames);
  const allowedNames: string[] | undefined = propertyNames?.enum;
  if (allowedNames) {
    out.push([
      'property name not allowed',
      fc
        .tuple(
          anyString.filter(key => !allowedNames.includes(key)),
          fc.string({ minLength: 1 }),
        )
        .map(([key, v]) => withKey(object ?? {}, key, v)),
    ]);
  }
  const extra = schema.additionalProperties;
  const extraTypes = typeof extra === 'object' && typesOf(deref(extra));
  if (extraTypes) {
    const key =
      allowedNames?.[0] ??
      Object.keys(object ?? {}).find(k => !known.includes(k)) ??
      'fuzz';
    out.push([
      'additional property of the wrong type',
      wrongType(extraTypes).map(v => withKey(object ?? {}, key, v)),
    ]);
  }
  return out;
}

/** A place in the body: its schema (none where free-form) and value. */
type Slot = { at: Pointer; schema?: Schema; value: unknown; present: boolean };

/** Every place of `value` its schema reaches, and optional properties left out. */
function bodySlots(
  schema: Schema | undefined,
  value: unknown,
  at: Pointer = [],
  out: Slot[] = [],
  present = true,
): Slot[] {
  const s = schema ? deref(schema) : undefined;
  const constrained = s && Object.keys(s).some(k => k !== 'description');
  out.push({ at, schema: constrained ? s : undefined, value, present });
  if (!present) return out;
  if (hasType(value, 'object')) {
    const object = value as Record<string, unknown>;
    const properties: Record<string, Schema> = s?.properties ?? {};
    for (const [key, sub] of Object.entries(properties)) {
      bodySlots(sub, object[key], [...at, key], out, key in object);
    }
    const extra =
      typeof s?.additionalProperties === 'object'
        ? s.additionalProperties
        : undefined;
    for (const key of Object.keys(object).filter(k => !(k in properties))) {
      bodySlots(extra, object[key], [...at, key], out);
    }
  } else if (Array.isArray(value) && value.length > 0) {
    bodySlots(s?.items, value[0], [...at, 0], out);
  }
  return out;
}

/** `root` with the value at `at` replaced (or added). */
function setAt(root: unknown, at: Pointer, value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const object = (root ?? {}) as Record<string, unknown>;
  return withKey(object, String(head), setAt(object[head], rest, value));
}

/**
 * Whether a path or query string might pass for a number the schema allows;
 * the validator coerces numeric strings as ajv does (`x == +x`).
 */
function mightBeValidNumber(schema: Schema, text: string): boolean {
  const n = Number(text);
  if (text === '' || Number.isNaN(n)) return false;
  if (!typesOf(schema)?.includes('number') && !Number.isInteger(n)) {
    return false;
  }
  if (!Number.isFinite(n)) return false;
  if (typeof schema.minimum === 'number' && n < schema.minimum) return false;
  if (typeof schema.maximum === 'number' && n > schema.maximum) return false;
  return true;
}

/** Invalid strings for a path or query parameter. */
function invalidParamValues(
  param: Param,
): Array<[string, fc.Arbitrary<string>]> {
  const { schema } = param;
  const types = typesOf(schema) ?? ['string'];
  const inPath = param.in === 'path';
  const out: Array<[string, fc.Arbitrary<string>]> = [];
  if (types.includes('string')) {
    // URLs stay within the server's header size limit.
    out.push(...invalidStrings(schema, inPath ? 300 : 5000));
  }
  if (types.includes('integer') || types.includes('number')) {
    out.push([
      'not a number in range',
      fc
        .oneof(
          anyString,
          fc.integer().map(String),
          fc.double().map(String),
          fc.constantFrom(
            '',
            ' ',
            '1.5',
            '-1',
            '0',
            'NaN',
            'Infinity',
            '-Infinity',
            '1e400',
            'true',
            'null',
            '[]',
          ),
        )
        .filter(text => !mightBeValidNumber(schema, text)),
    ]);
  }
  // An empty or dot segment would change the route rather than the
  // parameter (URLs collapse `.` and `..`).
  return out.map(([what, arb]) => [
    what,
    inPath ? arb.filter(s => s !== '' && s !== '.' && s !== '..') : arb,
  ]);
}

/** Query strings the contract lets through but that are awkward. */
function edgeParamValues(param: Param): fc.Arbitrary<string> | undefined {
  const types = typesOf(param.schema) ?? ['string'];
  if (types.includes('integer') || types.includes('number')) {
    return fc.oneof(
      fc.constantFrom(
        '9007199254740991',
        '9007199254740993',
        '18446744073709551616',
        '1e21',
        '1e308',
        '0x10',
        ' 5',
        '5.0',
        '+5',
        '-0',
      ),
      fc.bigInt({ min: 2n ** 31n, max: 2n ** 70n }).map(String),
    );
  }
  if (param.schema.format === 'date-time') return edgeDateTime;
  if (!param.schema.pattern && !param.schema.enum) {
    return fc.oneof(anyString, fc.constantFrom('a\u0000b', '%', '\\', '*'));
  }
  return undefined;
}

/** Text that is not JSON: the example's JSON cut short, or with stray characters. */
function malformedJson(body: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(body ?? {});
  const stray = fc.constantFrom(
    ',',
    '{',
    '}',
    '[',
    ']',
    ':',
    '"',
    "'",
    '\\',
    'undefined',
    'NaN',
    '\u0000',
  );
  return fc
    .oneof(
      fc.nat().map(n => text.slice(0, 1 + (n % Math.max(1, text.length - 1)))),
      fc.tuple(fc.nat(), stray).map(([n, junk]) => {
        const at = n % (text.length + 1);
        return text.slice(0, at) + junk + text.slice(at);
      }),
      fc.constantFrom(
        text.replace(/"/g, "'"),
        `${text}}`,
        `${text},`,
        `{${text}`,
        '{"a":1,}',
      ),
      fc.string({ minLength: 1 }),
    )
    .filter(s => s.trim() !== '' && !parses(s));
}

function parses(text: string) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON text nested far too deep, as text: too deep to build as a value. */
const deepJsonText = fc
  .tuple(fc.integer({ min: 100, max: 200_000 }), fc.boolean())
  .map(([depth, arrays]) => ({
    depth,
    text: arrays
      ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
      : `${'{"junk":'.repeat(depth)}1${'}'.repeat(depth)}`,
  }));

/** Stored things that path parameters of these names name. */
function identifying(seed: Seed): Record<string, string[]> {
  return {
    namespace: ['default'],
    name: [modelName],
    version: seed.versions,
    reviewId: seed.reviewIds,
    kind: ['model'],
  };
}

/** Whether `value` names the same thing as `known` (refs ignore case). */
function sameName(value: string, known: string) {
  return /^[0-9]+$/.test(value) && /^[0-9]+$/.test(known)
    ? BigInt(value) === BigInt(known)
    : value.toLocaleLowerCase('en-US') === known.toLocaleLowerCase('en-US');
}

/** All generated requests for one operation. */
function fuzzCases(op: Operation, seed: Seed): fc.Arbitrary<FuzzCase> {
  const valid = exampleFor(op, seed);
  const anchored = op.readOnly ? valid : ANCHORED_EXAMPLES[op.id]?.(valid);
  const from = (example: Example) => ({
    path: { ...example.path },
    query: Object.entries(example.query ?? {}),
    body:
      op.body && example.body !== undefined
        ? { json: example.body }
        : undefined,
    auth: example.auth,
  });
  const withPath = (name: string, v: string) => {
    const c = from(valid);
    return { ...c, path: { ...c.path, [name]: v } };
  };
  const withQuery = (name: string, v: string) => {
    const c = from(valid);
    const query = c.query.filter(([k]) => k !== name);
    return { ...c, query: [...query, [name, v]] as Array<[string, string]> };
  };
  const withBody = (body: unknown, example = valid) => ({
    ...from(example),
    body: { json: body },
  });
  const withText = (text: string, contentType = 'application/json') => ({
    ...from(valid),
    body: { text, contentType },
  });

  const cases: Array<fc.Arbitrary<FuzzCase>> = [];
  const add = (
    label: string,
    expect: FuzzCase['expect'],
    arb: fc.Arbitrary<Omit<FuzzCase, 'label' | 'expect'>>,
  ) => cases.push(arb.map(c => ({ ...c, label, expect })));
  // For generators that pick the place themselves and say which.
  const addLabelled = (
    arb: fc.Arbitrary<[string, Omit<FuzzCase, 'label' | 'expect'>]>,
  ) =>
    cases.push(
      arb.map(([label, c]) => ({ ...c, label, expect: 'rejected' as const })),
    );

  // Schema: path and query parameters, and query parameters not declared.
  for (const param of op.pathParams) {
    for (const [what, arb] of invalidParamValues(param)) {
      const label = `path ${param.name}: ${what}`;
      add(
        label,
        'rejected',
        arb.map(v => withPath(param.name, v)),
      );
    }
  }
  for (const param of op.queryParams) {
    for (const [what, arb] of invalidParamValues(param)) {
      const label = `query ${param.name}: ${what}`;
      add(
        label,
        'rejected',
        arb.map(v => withQuery(param.name, v)),
      );
    }
  }
  const declared = op.queryParams.map(p => p.name);
  add(
    'query: unknown parameter',
    'rejected',
    fc
      .tuple(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,30}$/), anyString)
      // The query parser drops names of Object.prototype.
      .filter(([k]) => !declared.includes(k) && !(k in Object.prototype))
      .map(([k, v]) => withQuery(k, v)),
  );

  if (op.body) {
    // Schema: every place of the body its schema reaches.
    const slots = bodySlots(op.body.schema, valid.body);
    for (const slot of slots.filter(s => s.schema)) {
      for (const [what, arb] of invalidBodyValues(slot.schema!, slot.value)) {
        const label = `body /${slot.at.join('/')}: ${what}`;
        add(
          label,
          'rejected',
          arb.map(v => withBody(setAt(valid.body, slot.at, v))),
        );
      }
    }
    // Malformed: not JSON, not an object, or not sent as JSON.
    add(
      'body: malformed JSON',
      'rejected',
      malformedJson(valid.body).map(t => withText(t)),
    );
    add(
      'body: not an object',
      'rejected',
      fc
        .constantFrom(
          'null',
          'true',
          '42',
          '"text"',
          '[]',
          `[${JSON.stringify(valid.body)}]`,
        )
        .map(t => withText(t)),
    );
    if (op.body.required) {
      add(
        'body: missing or not JSON',
        'rejected',
        fc
          .constantFrom(
            undefined,
            'text/plain',
            'application/x-www-form-urlencoded',
          )
          .map(type =>
            type
              ? withText(JSON.stringify(valid.body), type)
              : { ...from(valid), body: undefined },
          ),
      );
    }
    // Unusable: far too deep for recursive code, or NUL characters that
    // PostgreSQL cannot store, anywhere in the body, free-form parts included.
    const present = slots.filter(s => s.present);
    addLabelled(
      fc
        .tuple(fc.constantFrom(...present), deepJsonText)
        .map(([slot, deep]) => {
          const marker = '\u0001deep\u0001';
          const text = JSON.stringify(setAt(valid.body, slot.at, marker));
          return [
            `body /${slot.at.join('/')}: nested ${deep.depth} deep`,
            withText(text.replace(JSON.stringify(marker), deep.text)),
          ];
        }),
    );
    const strings = present.filter(s => typeof s.value === 'string');
    if (strings.length > 0) {
      addLabelled(
        fc.tuple(fc.constantFrom(...strings), fc.nat()).map(([slot, n]) => {
          const text = slot.value as string;
          const at = n % (text.length + 1);
          const nul = `${text.slice(0, at)}\u0000${text.slice(at)}`;
          return [
            `body /${slot.at.join('/')}: NUL character`,
            withBody(setAt(valid.body, slot.at, nul)),
          ];
        }),
      );
    }
    const freeObjects = present.filter(
      s => !s.schema && hasType(s.value, 'object'),
    );
    if (freeObjects.length > 0) {
      addLabelled(
        fc
          .tuple(fc.constantFrom(...freeObjects), fc.string(), anyJson)
          .map(([slot, key, v]) => [
            `body /${slot.at.join('/')}: NUL character in a property name`,
            withBody(setAt(valid.body, [...slot.at, `${key}\u0000`], v)),
          ]),
      );
    }
  }

  // Unknown: well-formed path parameters that name nothing, read or write.
  const existing = identifying(seed);
  for (const param of op.pathParams) {
    const known = existing[param.name];
    if (!known || !param.schema.pattern) continue;
    const pattern = new RegExp(param.schema.pattern, 'u');
    add(
      `path ${param.name}: names nothing`,
      'rejected',
      fc
        .stringMatching(new RegExp(param.schema.pattern))
        .filter(v => pattern.test(v) && v !== '.' && v !== '..')
        .filter(v => !known.some(k => sameName(v, k)))
        .map(v => withPath(param.name, v)),
    );
  }

  // Edge: on reads, and on writes with an anchored example.
  if (anchored) {
    const expect = op.readOnly ? 'no-server-error' : 'rejected';
    for (const param of op.queryParams) {
      const arb = edgeParamValues(param);
      const label = `query ${param.name}: edge`;
      if (arb)
        add(
          label,
          expect,
          arb.map(v => withQuery(param.name, v)),
        );
    }
    for (const slot of op.body
      ? bodySlots(op.body.schema, anchored.body)
      : []) {
      let junk: fc.Arbitrary<unknown> | undefined;
      if (slot.schema?.format === 'date-time') junk = edgeDateTime;
      else if (!slot.schema && slot.present) junk = anyJson;
      if (!junk) continue;
      add(
        `body /${slot.at.join('/')}: edge`,
        expect,
        junk.map(v => withBody(setAt(anchored.body, slot.at, v), anchored)),
      );
    }
  }
  return fc.oneof(...cases);
}

// ---------------------------------------------------------------------------
// Sending and judging.

function urlOf(base: string, op: Operation, c: FuzzCase) {
  const path = op.template.replace(/\{(\w+)\}/g, (_, name) =>
    encodeURIComponent(c.path[name] ?? ''),
  );
  const query = new URLSearchParams(c.query).toString();
  return `${base}${path}${query ? `?${query}` : ''}`;
}

async function send(base: string, op: Operation, c: FuzzCase) {
  const headers: Record<string, string> = { Authorization: c.auth ?? dana };
  let body: string | undefined;
  if (c.body && 'json' in c.body) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(c.body.json);
  } else if (c.body) {
    headers['Content-Type'] = c.body.contentType;
    body = c.body.text;
  }
  const res = await fetch(urlOf(base, op, c), {
    method: op.method,
    headers,
    body,
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text };
}

/** What is wrong with the answer, if anything. */
function judge(
  c: FuzzCase,
  res: { status: number; body: any },
): string | undefined {
  if (res.status >= 500) return `server error ${res.status}`;
  if (c.expect === 'rejected' && res.status < 400) {
    return `accepted with ${res.status}`;
  }
  const error = res.body?.error;
  const named =
    typeof error?.name === 'string' &&
    error.name !== '' &&
    typeof error.message === 'string' &&
    error.message !== '';
  if (res.status >= 400 && !named) {
    return `${res.status} without an error that names something`;
  }
  return undefined;
}

/** Every row of every table: nothing stored shows as nothing changed. */
async function snapshot(knex: Knex) {
  const tables: string[] = /pg|postgres/.test(String(knex.client.config.client))
    ? (
        await knex.raw(
          'select tablename from pg_tables where schemaname = current_schema()',
        )
      ).rows.map((r: { tablename: string }) => r.tablename)
    : await knex('sqlite_master')
        .where('type', 'table')
        .whereNot('name', 'like', 'sqlite_%')
        .pluck('name');
  const state: Record<string, string[]> = {};
  for (const table of tables.sort()) {
    const rows = await knex(table).select();
    state[table] = rows.map(row => JSON.stringify(row)).sort();
  }
  return state;
}

/**
 * The snapshot once Model Hub is done writing: 2 s after a committed write
 * it re-evaluates golden paths (debouncedEvaluator in plugin.ts), so a write
 * that slipped through shows there too.
 */
async function settledSnapshot(knex: Knex) {
  const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
  let previous = JSON.stringify(await snapshot(knex));
  await sleep(2500);
  for (;;) {
    const current = await snapshot(knex);
    if (JSON.stringify(current) === previous) return current;
    previous = JSON.stringify(current);
    await sleep(500);
  }
}

describe.each(ids)('fuzzing every operation on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  let seed: Seed;
  let before: Record<string, string[]>;
  let sent = 0;

  beforeAll(async () => {
    started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity(modelName)],
      skipTaskRunOnStartup: true,
      config: {
        modelHub: { governance: { admins: ['user:default/gail'] } },
      },
    });
    const model = `${started.base}/models/default/${modelName}`;
    const post = async (url: string, body: unknown) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: dana, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (res.status !== 201) {
        throw new Error(
          `Seeding ${url}: ${res.status} ${JSON.stringify(json)}`,
        );
      }
      return json;
    };
    // 1.0.0 for most examples, 0.9.0 to deprecate, 1.1.0 with a review.
    for (const version of ['1.0.0', '0.9.0', '1.1.0']) {
      await post(`${model}/versions`, publishBody(version));
    }
    const review = await post(`${model}/versions/1.1.0/reviews`, {});
    seed = { reviewId: review.id, versions: [], reviewIds: [] };

    // The examples are valid, so a refused variant is refused for what was
    // broken. Built ones may be refused (they name nothing), but not fail.
    const examples = validExamples(seed);
    for (const op of operations) {
      const example = exampleFor(op, seed);
      const res = await send(started.base, op, {
        label: 'example',
        expect: 'no-server-error',
        path: { ...example.path },
        query: Object.entries(example.query ?? {}),
        body: op.body && { json: example.body },
        auth: example.auth,
      });
      if (res.status >= (examples[op.id] ? 300 : 500)) {
        throw new Error(
          `The example of ${op.id} is refused (${res.status}): ${res.text}`,
        );
      }
    }

    seed.versions = await started.knex('model_versions').pluck('version');
    seed.reviewIds = (await started.knex('model_reviews').pluck('id')).map(
      String,
    );
    before = await settledSnapshot(started.knex);
  });

  afterAll(() => started?.backend.stop());

  it('has examples only of operations the contract has', () => {
    const known = operations.map(op => op.id);
    for (const id of Object.keys(validExamples({ reviewId: '1' }))) {
      expect(known).toContain(id);
    }
  });

  it.each(operations.map(op => [op.id, op] as const))(
    'answers invalid %s requests with 4xx',
    async (_id, op) => {
      // fast-check reports the request it sent, shrunk to a smallest failing one.
      const property = fc.asyncProperty(fuzzCases(op, seed), async c => {
        const res = await send(started.base, op, c);
        sent++;
        const wrong = judge(c, res);
        if (wrong) {
          const url = urlOf('', op, c).slice(0, 300);
          throw new Error(
            `${op.method} ${url} with ${c.label}: ${wrong}: ${res.text.slice(
              0,
              500,
            )}`,
          );
        }
      });
      await expect(
        fc.assert(property, { numRuns: RUNS_PER_OPERATION }),
      ).resolves.toBeUndefined();
    },
  );

  it('stored nothing, not even in part', async () => {
    expect(sent).toBeGreaterThanOrEqual(operations.length * RUNS_PER_OPERATION);
    expect(Object.keys(before)).toContain('model_versions');
    expect(await settledSnapshot(started.knex)).toEqual(before);
  });
});
