import { parseEntityRef } from '@backstage/catalog-model';
import type { z as zod } from 'zod/v3';
import { InputError } from '@backstage/errors';
import { ModelName } from '../service/ModelAccess';

/** Reads `model:default/name`, `default/name` or `name` as a Model's name. */
export function parseModelRef(ref: string): ModelName {
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: 'model',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(`model: ${(error as Error).message}`);
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'model') {
    throw new InputError(
      `model: "${ref}" is a ${parsed.kind}, not a Model; use an entity ref such as model:default/credit-scoring-pd`,
    );
  }
  return { namespace: parsed.namespace, name: parsed.name };
}

/** The `model` input every Model Hub action takes. */
export function modelInput(z: typeof zod) {
  return z
    .string()
    .describe('Entity ref of the model, e.g. model:default/credit-scoring-pd');
}
