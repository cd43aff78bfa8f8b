import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  isModelEntity,
  ModelGovernanceSummary,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelHubService } from '@model-hub/backstage-plugin-model-hub-node';
import { isProduction, modelRefOf, serviceLifecycleFor } from './common';

/**
 * The version to pin for an environment: the one asked for, else the latest
 * approved one; outside production the newest non-deprecated version will do
 * when none is approved yet.
 */
export function chooseVersion(
  governance: ModelGovernanceSummary,
  environment: string,
  requested?: string,
  productionEnvironments?: string[],
) {
  const modelRef = governance.modelRef;
  if (requested) {
    const found = governance.versions.find(v => v.version === requested);
    if (!found) {
      throw new InputError(
        `version: ${modelRef} has no version ${requested}; published: ${
          governance.versions.map(v => v.version).join(', ') || 'none'
        }`,
      );
    }
    return found;
  }
  const approved = governance.versions.find(
    v => v.version === governance.latestApprovedVersion,
  );
  if (approved) return approved;
  if (isProduction(environment, productionEnvironments)) {
    throw new InputError(
      `model: ${modelRef} has no approved version for ${environment}; ask its owners to request a review, or choose a non-production environment`,
    );
  }
  const newest = governance.versions.find(v => !v.deprecated);
  if (!newest) {
    throw new InputError(
      `model: ${modelRef} has no published version yet; publish one with the model-hub CLI first`,
    );
  }
  return newest;
}

/**
 * The version of the fallback model to pin beside the model's: its latest
 * approved version; outside production, its newest non-deprecated version
 * when none is approved yet. Undefined when there is none (the golden-path
 * check `service-pinned-approved` then says so).
 */
export function chooseFallbackVersion(
  governance: ModelGovernanceSummary,
  environment: string,
  productionEnvironments?: string[],
): string | undefined {
  if (governance.latestApprovedVersion) return governance.latestApprovedVersion;
  if (isProduction(environment, productionEnvironments)) return undefined;
  return governance.versions.find(v => !v.deprecated)?.version;
}

/**
 * `model-hub:model:resolve`: turns a chosen model into what generated code
 * needs: the version to pin, its endpoint and signature, the fallback model.
 *
 * @public
 */
export function createResolveModelAction(options: {
  modelHub: ModelHubService;
  catalog: CatalogService;
  /** Environments that count as production (`modelHub.environments.production`). */
  productionEnvironments?: string[];
}) {
  const { modelHub, catalog } = options;
  return createTemplateAction({
    id: 'model-hub:model:resolve',
    description:
      'Resolves a catalog model for a target environment: the version to pin (the latest approved unless one is given), ' +
      'its serving endpoint and signature, its risk level and governance status, and its fallback model.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Pin the latest approved version of a model for production',
        example: [
          'steps:',
          '  - id: model',
          '    action: model-hub:model:resolve',
          '    input:',
          '      model: ${{ parameters.model }}',
          '      environment: production',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        model: z =>
          z.string({
            description:
              'Entity ref of the model, e.g. model:default/credit-scoring-pd',
          }),
        environment: z =>
          z
            .string({ description: 'Where the new service will run' })
            .default('production'),
        version: z =>
          z
            .string({
              description: 'A version to pin instead of the latest approved',
            })
            .optional(),
      },
      output: {
        modelRef: z => z.string(),
        version: z => z.string({ description: 'The version to pin' }),
        governanceStatus: z => z.string(),
        riskLevel: z => z.string(),
        owner: z => z.string(),
        endpoint: z => z.string().optional(),
        signature: z => z.record(z.unknown()).optional(),
        fallbackModel: z => z.string().optional(),
        fallbackEndpoint: z => z.string().optional(),
        fallbackVersion: z =>
          z
            .string({
              description:
                'The version of the fallback to pin: its latest approved (outside production, its newest when none is approved)',
            })
            .optional(),
        pinnedVersions: z =>
          z.string({
            description:
              'The model-hub.io/pinned-versions annotation of the service: <model>@<version>[, <fallback>@<version>]',
          }),
        lifecycle: z =>
          z.string({
            description:
              'The spec.lifecycle of the service: production for a production environment, else experimental',
          }),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const entity = await catalog.getEntityByRef(
        modelRefOf(ctx.input.model, 'model'),
        { credentials },
      );
      if (!entity || !isModelEntity(entity)) {
        throw new NotFoundError(
          `model: no Model ${ctx.input.model} in the catalog`,
        );
      }
      const modelRef = stringifyEntityRef(entity);
      const [governance, [status]] = await Promise.all([
        modelHub.getModelGovernance(
          { entityRef: modelRef, version: ctx.input.version || undefined },
          { credentials },
        ),
        modelHub.getModelStatuses({ entityRefs: [modelRef] }, { credentials }),
      ]);
      // Schema defaults are documentation: the scaffolder does not apply them.
      const environment = ctx.input.environment ?? 'production';
      const chosen = chooseVersion(
        governance,
        environment,
        ctx.input.version,
        options.productionEnvironments,
      );
      const version = await modelHub.getModelVersion(
        { entityRef: modelRef, version: chosen.version },
        { credentials },
      );
      const fallbackRef = entity.spec.fallbackModel;
      const fallback = fallbackRef
        ? await catalog.getEntityByRef(
            modelRefOf(fallbackRef, 'spec.fallbackModel'),
            { credentials },
          )
        : undefined;
      const fallbackRefFull = fallback
        ? stringifyEntityRef(fallback)
        : undefined;
      // The fallback is pinned beside the model: the golden paths ask for both.
      const fallbackVersion = fallbackRefFull
        ? await modelHub
            .getModelGovernance({ entityRef: fallbackRefFull }, { credentials })
            .then(
              fallbackGovernance =>
                chooseFallbackVersion(
                  fallbackGovernance,
                  environment,
                  options.productionEnvironments,
                ),
              // Not readable, or not in Model Hub: left unpinned, and the
              // policy step reports it.
              () => undefined,
            )
        : undefined;

      ctx.output('modelRef', modelRef);
      ctx.output('version', chosen.version);
      ctx.output('governanceStatus', chosen.state);
      ctx.output(
        'riskLevel',
        status?.found ? status.riskLevel : governance.riskLevel,
      );
      ctx.output('owner', entity.spec.owner);
      if (entity.spec.serving?.endpoint) {
        ctx.output('endpoint', entity.spec.serving.endpoint);
      }
      if (version.signature) ctx.output('signature', version.signature);
      if (fallback && fallbackRefFull) {
        ctx.output('fallbackModel', fallbackRefFull);
        const endpoint = (fallback.spec as any)?.serving?.endpoint;
        if (endpoint) ctx.output('fallbackEndpoint', endpoint);
        if (fallbackVersion) ctx.output('fallbackVersion', fallbackVersion);
      }
      ctx.output(
        'pinnedVersions',
        [
          `${modelRef}@${chosen.version}`,
          ...(fallbackRefFull && fallbackVersion
            ? [`${fallbackRefFull}@${fallbackVersion}`]
            : []),
        ].join(', '),
      );
      ctx.output(
        'lifecycle',
        serviceLifecycleFor(environment, options.productionEnvironments),
      );
    },
  });
}
