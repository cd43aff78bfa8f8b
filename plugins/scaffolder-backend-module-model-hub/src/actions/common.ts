import type { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * A full entity ref; `defaultKind` and `default/` may be left out. Bad refs
 * are an InputError naming the field.
 */
export function entityRefOf(
  ref: string,
  field: string,
  defaultKind = 'model',
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
}

/** A model ref in full: `model:` and `default/` may be left out. */
export function modelRefOf(ref: string, field: string): string {
  return entityRefOf(ref, field, 'model');
}

/**
 * Environments where only an approved version may be pinned, by default:
 * `modelHub.environments.production` sets them, for the Model Hub backend's
 * deployment gate and for these actions alike.
 */
export const PRODUCTION_ENVIRONMENTS = ['production', 'prod'];

/** `modelHub.environments.production`, or the default. */
export function readProductionEnvironments(
  config: Pick<RootConfigService, 'getOptionalStringArray'>,
): string[] {
  return (
    config.getOptionalStringArray('modelHub.environments.production') ??
    PRODUCTION_ENVIRONMENTS
  );
}

export function isProduction(
  environment: string,
  productionEnvironments: string[] = PRODUCTION_ENVIRONMENTS,
): boolean {
  const name = environment.toLocaleLowerCase('en-US');
  return productionEnvironments.some(
    env => env.toLocaleLowerCase('en-US') === name,
  );
}

/**
 * Template inputs rendered from an absent step output arrive as empty
 * strings: treat them as absent.
 */
export function present(value: string | undefined | null): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}
