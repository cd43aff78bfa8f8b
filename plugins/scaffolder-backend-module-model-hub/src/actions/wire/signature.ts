import { InputError } from '@backstage/errors';

/** The kinds of column a generated client knows how to type and check. */
export type ColumnKind = 'float' | 'integer' | 'boolean' | 'string' | 'any';

/** One input or output column of a model signature. */
export type SignatureColumn = {
  name: string;
  /** The type as published, e.g. `double`, `long`, `string`. */
  type: string;
  kind: ColumnKind;
  required: boolean;
};

/** A model signature with its columns typed for code generation. */
export type WiringSignature = {
  inputs: SignatureColumn[];
  outputs: SignatureColumn[];
};

/** What the wire action needs to generate code for one model version. */
export type WiringSpec = {
  modelRef: string;
  version: string;
  environment: string;
  endpoint?: string;
  fallbackModel?: string;
  fallbackEndpoint?: string;
  timeoutMs: number;
  /** The Backstage backend the drift hook reports to (without /api/model-hub). */
  modelHubUrl: string;
  signature: WiringSignature;
};

/** MLflow / pandas / JSON schema type names to the kinds of column. */
const KINDS: Record<string, ColumnKind> = {
  double: 'float',
  float: 'float',
  float32: 'float',
  float64: 'float',
  number: 'float',
  long: 'integer',
  integer: 'integer',
  int: 'integer',
  int32: 'integer',
  int64: 'integer',
  boolean: 'boolean',
  bool: 'boolean',
  string: 'string',
  str: 'string',
  category: 'string',
  categorical: 'string',
  datetime: 'string',
  binary: 'string',
};

function columns(value: unknown, side: 'inputs' | 'outputs') {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new InputError(`signature.${side}: must be a list of columns`);
  }
  const seen = new Set<string>();
  return value.map((column, i): SignatureColumn => {
    const c = (column ?? {}) as Record<string, unknown>;
    const name = typeof c.name === 'string' ? c.name : undefined;
    if (!name) {
      throw new InputError(`signature.${side}[${i}]: a column needs a name`);
    }
    if (seen.has(name)) {
      throw new InputError(`signature.${side}: column "${name}" appears twice`);
    }
    seen.add(name);
    const type = typeof c.type === 'string' ? c.type : 'any';
    return {
      name,
      type,
      kind: KINDS[type.toLocaleLowerCase('en-US')] ?? 'any',
      required: c.required !== false && c.optional !== true,
    };
  });
}

/** Reads a published signature (`{ inputs, outputs }`); none gives untyped records. */
export function parseSignature(signature: unknown): WiringSignature {
  if (signature === undefined || signature === null || signature === '') {
    return { inputs: [], outputs: [] };
  }
  if (typeof signature !== 'object' || Array.isArray(signature)) {
    throw new InputError(
      'signature: must be an object with inputs and outputs',
    );
  }
  const s = signature as Record<string, unknown>;
  return {
    inputs: columns(s.inputs, 'inputs'),
    outputs: columns(s.outputs, 'outputs'),
  };
}

/** A value of the column's kind, for examples and smoke tests. */
export function exampleValue(column: SignatureColumn, index: number) {
  switch (column.kind) {
    case 'float':
      return index + 0.5;
    case 'integer':
      return index + 1;
    case 'boolean':
      return index % 2 === 0;
    case 'string':
      return column.type === 'datetime'
        ? '2025-01-01T00:00:00Z'
        : `${column.name}-value`;
    default:
      return null;
  }
}

/** A record with one example value per input column. */
export function exampleInput(signature: WiringSignature) {
  return Object.fromEntries(
    signature.inputs.map((column, i) => [column.name, exampleValue(column, i)]),
  );
}

/** Splits a model ref into the namespace and name of the API paths. */
export function modelPath(modelRef: string) {
  const match = /^model:([^/]+)\/(.+)$/.exec(modelRef);
  if (!match) throw new InputError(`modelRef: ${modelRef} is not a full ref`);
  return { namespace: match[1], name: match[2] };
}
