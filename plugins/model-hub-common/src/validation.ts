import { makeValidator, type KindValidator } from '@backstage/catalog-model';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import {
  MODEL_API_VERSIONS,
  MODEL_HUB_API_GROUP,
  MODEL_KIND,
} from './constants';
import { getModelEntityRefFields, resolveModelEntityRef } from './refs';
import { modelEntityV1alpha1Schema } from './schema';
import type { ModelEntityV1alpha1 } from './types';

/**
 * One problem found in a Model entity.
 *
 * @public
 */
export interface ModelValidationProblem {
  /** Dot path of the field, e.g. `spec.risk.assessments.skillsLoss.impact`. */
  path: string;
  /** The offending value (undefined for a missing field). */
  value: unknown;
  /** Sentence describing the problem and what is allowed. */
  message: string;
}

/**
 * Thrown by {@link modelEntityV1alpha1Validator} for an invalid Model. The
 * message has one line per problem, each naming the entity, the field, the
 * bad value and what is allowed.
 *
 * @public
 */
export class ModelValidationError extends TypeError {
  readonly problems: ModelValidationProblem[];

  constructor(name: string, problems: ModelValidationProblem[]) {
    super(
      problems.map(p => `Model "${name}" ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'ModelValidationError';
    this.problems = problems;
  }
}

/**
 * Result of {@link validateModelEntity}.
 *
 * @public
 */
export type ModelValidationResult =
  | { valid: true; entity: ModelEntityV1alpha1 }
  | { valid: false; problems: ModelValidationProblem[] };

type SchemaNode = {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
};

let compiled: ValidateFunction | undefined;

function getCompiledSchema(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    compiled = ajv.compile(modelEntityV1alpha1Schema);
  }
  return compiled;
}

function formatValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Describes what a schema node allows, e.g. "an integer from 1 to 5". */
function describeAllowed(node: SchemaNode | undefined): string {
  if (!node) {
    return 'a valid value';
  }
  if (node.enum) {
    return `one of ${node.enum.map(v => String(v)).join(', ')}`;
  }
  switch (node.type) {
    case 'integer':
    case 'number': {
      const noun = node.type === 'integer' ? 'an integer' : 'a number';
      if (node.minimum !== undefined && node.maximum !== undefined) {
        return `${noun} from ${node.minimum} to ${node.maximum}`;
      }
      return noun;
    }
    case 'string':
      if (node.pattern) {
        return `a string matching ${node.pattern}`;
      }
      return node.minLength ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return `a list of ${describeAllowed(node.items).replace(
        /^(a|an|one of) /,
        '',
      )} items`;
    case 'object': {
      const required = node.required ?? [];
      return required.length
        ? `an object with ${required.join(', ')}`
        : 'an object';
    }
    default:
      return 'a valid value';
  }
}

function toPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, segment) =>
        /^\d+$/.test(segment)
          ? `${path}[${segment}]`
          : `${path}${path ? '.' : ''}${segment}`,
      '',
    );
}

function joinPath(parent: string, child: string): string {
  return parent ? `${parent}.${child}` : child;
}

function toProblem(error: ErrorObject): ModelValidationProblem {
  const path = toPath(error.instancePath) || '<root>';
  const parentSchema = error.parentSchema as SchemaNode | undefined;
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string })
      .missingProperty;
    return {
      path: joinPath(toPath(error.instancePath), missing),
      value: undefined,
      message: `is required; must be ${describeAllowed(
        parentSchema?.properties?.[missing],
      )}`,
    };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string })
      .additionalProperty;
    const allowed = Object.keys(parentSchema?.properties ?? {});
    return {
      path: joinPath(toPath(error.instancePath), extra),
      value: (error.data as Record<string, unknown>)?.[extra],
      message: `unknown field is not allowed; allowed fields are ${allowed.join(
        ', ',
      )}`,
    };
  }
  return {
    path,
    value: error.data,
    message: `${formatValue(
      error.data,
    )} is not allowed; must be ${describeAllowed(parentSchema)}`,
  };
}

const entityNameValidator = makeValidator();

function isValidRef(
  entity: ModelEntityV1alpha1,
  field: ReturnType<typeof getModelEntityRefFields>[number],
): boolean {
  try {
    const ref = resolveModelEntityRef(entity, field);
    return (
      field.allowedKinds.includes(ref.kind.toLocaleLowerCase('en-US')) &&
      entityNameValidator.isValidNamespace(ref.namespace) &&
      entityNameValidator.isValidEntityName(ref.name)
    );
  } catch {
    return false;
  }
}

function checkRefs(entity: ModelEntityV1alpha1): ModelValidationProblem[] {
  const problems: ModelValidationProblem[] = [];
  for (const field of getModelEntityRefFields(entity)) {
    const allowed = `must be a reference to ${field.allowedKinds.join(
      ' or ',
    )} entity, [<kind>:][<namespace>/]<name>`;
    if (!isValidRef(entity, field)) {
      problems.push({
        path: field.path,
        value: field.ref,
        message: `${formatValue(field.ref)} is not allowed; ${allowed}`,
      });
    }
  }
  return problems;
}

/**
 * Validates data against the Model schema, and its entity references against
 * the kinds they may point to, and lists every problem with its field path.
 * Does not check whether the data is a Model at all; see
 * {@link modelEntityV1alpha1Validator} for that.
 *
 * @public
 */
export function validateModelEntity(data: unknown): ModelValidationResult {
  const validate = getCompiledSchema();
  if (validate(data)) {
    const entity = data as ModelEntityV1alpha1;
    const refProblems = checkRefs(entity);
    return refProblems.length
      ? { valid: false, problems: refProblems }
      : { valid: true, entity };
  }
  const problems: ModelValidationProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const problem = toProblem(error);
    // A value can fail several keywords (type and minimum, say) that all
    // produce the same sentence; report it once.
    const key = `${problem.path}\u0000${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return { valid: false, problems };
}

function entityName(data: Record<string, any>): string {
  const name = data.metadata?.name;
  return typeof name === 'string' && name ? name : '<unnamed>';
}

/**
 * Validator for `kind: Model`, in the shape of catalog-model's
 * `KindValidator`: resolves to `false` for entities that are not Models (so
 * that other processors can claim them), to `true` for valid Models, and
 * rejects with a {@link ModelValidationError} for invalid ones.
 *
 * An entity with `kind: Model` and an apiVersion of the `model-hub.io` group
 * that this version does not know is rejected too, naming the apiVersion.
 *
 * @public
 */
export const modelEntityV1alpha1Validator: KindValidator = {
  async check(data) {
    if (!data || typeof data !== 'object' || data.kind !== MODEL_KIND) {
      return false;
    }
    const apiVersion = data.apiVersion;
    if (!MODEL_API_VERSIONS.includes(apiVersion)) {
      if (
        typeof apiVersion === 'string' &&
        apiVersion.startsWith(`${MODEL_HUB_API_GROUP}/`)
      ) {
        throw new ModelValidationError(entityName(data), [
          {
            path: 'apiVersion',
            value: apiVersion,
            message: `${formatValue(
              apiVersion,
            )} is not allowed; must be one of ${MODEL_API_VERSIONS.join(', ')}`,
          },
        ]);
      }
      return false;
    }
    const result = validateModelEntity(data);
    if (!result.valid) {
      throw new ModelValidationError(entityName(data), result.problems);
    }
    return true;
  },
};
