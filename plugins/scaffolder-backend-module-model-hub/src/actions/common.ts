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

/**
 * What an unapproved, deprecated or drifting model does to a scaffold for an
 * environment (`modelHub.deploymentGates.<environment>`): `block` refuses it,
 * `warn` lets it through with a warning, `off` does not check (as the
 * deployment policies of Dataiku Govern: prevent, warn, always allow).
 *
 * @public
 */
export type DeploymentGate = 'block' | 'warn' | 'off';

export const DEPLOYMENT_GATES: readonly DeploymentGate[] = [
  'block',
  'warn',
  'off',
];

/**
 * `modelHub.deploymentGates`: the gate per environment name, as configured.
 * An unknown value is a configuration error naming the key.
 */
export function readDeploymentGates(
  config: Pick<RootConfigService, 'getOptionalConfig'>,
): Record<string, DeploymentGate> {
  const node = config.getOptionalConfig('modelHub.deploymentGates');
  const gates: Record<string, DeploymentGate> = {};
  for (const environment of node?.keys() ?? []) {
    const value = node!.getString(environment);
    if (!(DEPLOYMENT_GATES as readonly string[]).includes(value)) {
      throw new Error(
        `Invalid config at modelHub.deploymentGates.${environment}: "${value}"; allowed: ${DEPLOYMENT_GATES.join(
          ', ',
        )}`,
      );
    }
    gates[environment.toLocaleLowerCase('en-US')] = value as DeploymentGate;
  }
  return gates;
}

/**
 * The gate of an environment: the configured one, else `block` for the
 * production environments and `warn` for the others.
 */
export function deploymentGateFor(
  environment: string,
  gates: Record<string, DeploymentGate> = {},
  productionEnvironments: string[] = PRODUCTION_ENVIRONMENTS,
): DeploymentGate {
  const configured = Object.entries(gates).find(
    ([name]) =>
      name.toLocaleLowerCase('en-US') ===
      environment.toLocaleLowerCase('en-US'),
  )?.[1];
  if (configured) return configured;
  return isProduction(environment, productionEnvironments) ? 'block' : 'warn';
}

/**
 * The `spec.lifecycle` of a service that runs in an environment: Backstage's
 * well-known values, `production` for a production environment and
 * `experimental` for the others.
 */
export function serviceLifecycleFor(
  environment: string,
  productionEnvironments: string[] = PRODUCTION_ENVIRONMENTS,
): 'production' | 'experimental' {
  return isProduction(environment, productionEnvironments)
    ? 'production'
    : 'experimental';
}
