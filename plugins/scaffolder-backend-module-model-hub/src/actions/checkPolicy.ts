import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  isModelEntity,
  ModelGovernanceSummary,
  ModelStatus,
  readinessFor,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelHubService } from '@model-hub/backstage-plugin-model-hub-node';
import { entityRefOf, isProduction, modelRefOf, present } from './common';

/** The service a model-backed template creates, as the golden paths see it. */
export function candidateService(options: {
  modelRef: string;
  version: string;
  fallbackRef?: string;
  /** The fallback's latest approved version, pinned with the model. */
  fallbackVersion?: string;
  environment: string;
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'new-model-backed-service',
      annotations: {
        'model-hub.io/pinned-versions': [
          `${options.modelRef}@${options.version}`,
          ...(options.fallbackRef && options.fallbackVersion
            ? [`${options.fallbackRef}@${options.fallbackVersion}`]
            : []),
        ].join(', '),
        'model-hub.io/drift-hook': options.environment,
      },
    },
    spec: {
      type: 'service',
      dependsOn: [
        options.modelRef,
        ...(options.fallbackRef ? [options.fallbackRef] : []),
      ],
    },
  };
}

/** What the policy found: problems block, warnings are logged and returned. */
export type PolicyFindings = { problems: string[]; warnings: string[] };

type VersionGovernance = ModelGovernanceSummary['versions'][number];

/** Why a version may not go to production, and what to do about it. */
function approvalProblem(
  governance: ModelGovernanceSummary,
  version: VersionGovernance,
  owner: string,
): string | undefined {
  const { modelRef, latestApprovedVersion: latest } = governance;
  const subject = `Version ${version.version} of ${modelRef}`;
  const pinLatest =
    latest && latest !== version.version
      ? `pin ${latest} (its latest approved version), `
      : '';
  const orStaging = 'or choose environment staging';
  if (version.deprecated) {
    return `${subject} is deprecated; production needs an approved version that is not deprecated: ${
      pinLatest ||
      `ask its owners (${owner}) to publish and approve a new one, `
    }${orStaging}`;
  }
  switch (version.state) {
    case 'APPROVED':
      return undefined;
    case 'REVIEW_OVERDUE':
      return `${subject} is REVIEW_OVERDUE: its approval expired${
        version.expiresAt ? ` on ${version.expiresAt.slice(0, 10)}` : ''
      }; production needs a current approval: ${pinLatest}ask its owners (${owner}) to request a new review, ${orStaging}`;
    case 'REAPPROVAL_REQUIRED':
      return `${subject} is REAPPROVAL_REQUIRED: it was approved under terms less strict than the model's current risk level or policy; production needs an approval under the current terms: ${pinLatest}ask its owners (${owner}) to request a new review, ${orStaging}`;
    case 'REJECTED':
      return `${subject} is REJECTED; production needs an approved version: ${
        pinLatest ||
        `ask its owners (${owner}) to publish a corrected version and request a review, `
      }${orStaging}`;
    default:
      return `${subject} is ${version.state}; production needs an approved version: ${pinLatest}ask its owners (${owner}) to request a review, ${orStaging}`;
  }
}

/**
 * The golden-path policy until the golden-paths engine takes over. Whether
 * the model and version are ready for the environment is Model Hub's one
 * readiness rule (`readinessFor` in model-hub-common); this policy only
 * decides what each reason does: a retired or prohibited model is refused
 * everywhere; an unapproved (or deprecated, or overdue) version, a
 * deprecated model or one drifting in the environment is refused for
 * production and a warning elsewhere. A High or Severe model also needs a
 * fallback model that is in the catalog.
 */
export function evaluatePolicy(options: {
  modelRef: string;
  owner: string;
  lifecycle: string;
  environment: string;
  governance: ModelGovernanceSummary;
  version: VersionGovernance;
  /** The model's status (drift per environment); without it, drift is not judged. */
  status?: ModelStatus;
  declaredFallback?: string;
  fallback?: { ref: string; found: boolean; endpoint?: string };
  fallbackStatus?: ModelStatus;
  /** Environments that count as production (`modelHub.environments.production`). */
  productionEnvironments?: string[];
}): PolicyFindings {
  const { modelRef, owner, environment, governance, version } = options;
  const production = isProduction(environment, options.productionEnvironments);
  const problems: string[] = [];
  const warnings: string[] = [];
  const blockInProduction = (message: string) =>
    (production ? problems : warnings).push(message);

  const status = options.status?.found ? options.status : undefined;
  const readiness = readinessFor(
    {
      lifecycle: options.lifecycle,
      regulatoryCategory: governance.regulatoryCategory,
      version: {
        version: version.version,
        state: version.state,
        deprecated: version.deprecated,
      },
      driftStatus: status?.driftStatus,
      drift: status?.drift,
    },
    environment,
  );
  for (const reason of readiness.reasons) {
    switch (reason.code) {
      case 'retired':
        problems.push(
          `${modelRef} is retired and cannot be wired into new code; choose another model`,
        );
        break;
      case 'prohibited':
        problems.push(
          `${modelRef} is in the EU AI Act category unacceptable (a prohibited practice) and cannot be wired into new code; choose another model`,
        );
        break;
      case 'deprecated':
        blockInProduction(
          `${modelRef} is deprecated (spec.lifecycle); ${
            production
              ? 'production needs a model that is not'
              : 'it will not be allowed in production'
          }: choose its successor, or ask its owners (${owner})`,
        );
        break;
      case 'version-not-approved':
        blockInProduction(
          production
            ? approvalProblem(governance, version, owner) ?? reason.message
            : `Version ${version.version} of ${modelRef} is ${
                version.deprecated ? 'deprecated' : version.state
              }: fine for ${environment}, but it cannot go to production until it is approved`,
        );
        break;
      case 'drifting':
        blockInProduction(
          `${modelRef} drifts in ${environment}${
            status?.drift.some(d => d.environment === environment)
              ? ''
              : ' (it never reported from there, and drifts elsewhere)'
          }; ${
            production
              ? 'production needs a model that does not'
              : 'it will not be allowed in production while it does'
          }: ask its owners (${owner}) to retrain it and get the new version approved, or choose another model`,
        );
        break;
      default:
        blockInProduction(`${modelRef}: ${reason.message}`);
    }
  }

  const risk = governance.riskLevel;
  if (risk === 'High' || risk === 'Severe') {
    if (!options.declaredFallback) {
      problems.push(
        `${modelRef} is a ${risk} risk model without a fallback model; ask its owners (${owner}) to declare spec.fallbackModel (a model that takes over when it is unavailable), or choose a model that has one`,
      );
    } else if (!options.fallback?.found) {
      problems.push(
        `${modelRef} is a ${risk} risk model and its fallback model ${options.declaredFallback} is not in the catalog; ask its owners (${owner}) to fix spec.fallbackModel`,
      );
    }
  }
  if (options.fallback?.found && !options.fallback.endpoint) {
    warnings.push(
      `The fallback model ${options.fallback.ref} has no serving endpoint (spec.serving.endpoint); set MODEL_FALLBACK_ENDPOINT for the service, or the fallback path cannot answer`,
    );
  }
  const fallbackStatus = options.fallbackStatus;
  if (
    production &&
    fallbackStatus?.found &&
    !fallbackStatus.latestApprovedVersion
  ) {
    warnings.push(
      `The fallback model ${options.fallback?.ref} has no approved version yet`,
    );
  }
  return { problems, warnings };
}

/**
 * `model-hub:policy:check`: refuses, before anything is published, to wire a
 * model version that the golden-path policy does not allow, with a message
 * that says what to do. Runs in dry-runs too: it only reads.
 *
 * @public
 */
export function createCheckPolicyAction(options: {
  modelHub: ModelHubService;
  catalog: CatalogService;
  /** Environments that count as production (`modelHub.environments.production`). */
  productionEnvironments?: string[];
}) {
  const { modelHub, catalog } = options;
  return createTemplateAction({
    id: 'model-hub:policy:check',
    description:
      'Checks the golden-path policy for wiring a model version into a new service: production needs an approved ' +
      'version of a model that is not deprecated and does not drift there, a High or Severe risk model needs a fallback model. ' +
      'Fails with what to do.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Check the version resolved by model-hub:model:resolve',
        example: [
          'steps:',
          '  - id: policy',
          '    action: model-hub:policy:check',
          '    input:',
          '      modelRef: ${{ steps.model.output.modelRef }}',
          '      version: ${{ steps.model.output.version }}',
          '      environment: ${{ parameters.environment }}',
          '      fallbackModel: ${{ steps.model.output.fallbackModel }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        modelRef: z =>
          z.string({ description: 'Entity ref of the model' }).min(1),
        version: z => z.string({ description: 'The version to pin' }).min(1),
        environment: z =>
          z
            .string({ description: 'Where the new service will run' })
            .default('production'),
        fallbackModel: z =>
          z
            .string({
              description:
                'The fallback model resolved for it (default: its spec.fallbackModel)',
            })
            .optional(),
      },
      output: {
        passed: z => z.boolean(),
        riskLevel: z => z.string(),
        governanceStatus: z => z.string(),
        owner: z => z.string(),
        fallbackModel: z => z.string().optional(),
        fallbackVersion: z =>
          z
            .string({ description: 'Latest approved version of the fallback' })
            .optional(),
        warnings: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const requested = modelRefOf(ctx.input.modelRef, 'modelRef');
      const entity = await catalog.getEntityByRef(requested, { credentials });
      if (!entity || !isModelEntity(entity)) {
        throw new InputError(`modelRef: no Model ${requested} in the catalog`);
      }
      const modelRef = stringifyEntityRef(entity);
      const owner = entityRefOf(entity.spec.owner, 'spec.owner', 'group');
      const declaredFallback = entity.spec.fallbackModel;
      const fallbackRef = present(ctx.input.fallbackModel)
        ? modelRefOf(ctx.input.fallbackModel!, 'fallbackModel')
        : declaredFallback &&
          modelRefOf(declaredFallback, 'spec.fallbackModel');
      const [governance, statuses, fallbackEntity] = await Promise.all([
        modelHub.getModelGovernance(
          { entityRef: modelRef, version: ctx.input.version },
          { credentials },
        ),
        // The model's own status (its drift) and its fallback's.
        modelHub.getModelStatuses(
          { entityRefs: [modelRef, ...(fallbackRef ? [fallbackRef] : [])] },
          { credentials },
        ),
        fallbackRef
          ? catalog.getEntityByRef(fallbackRef, { credentials })
          : undefined,
      ]);
      const version = governance.versions.find(
        v => v.version === ctx.input.version,
      );
      if (!version) {
        throw new InputError(
          `version: ${modelRef} has no published version ${
            ctx.input.version
          }; published: ${
            governance.versions.map(v => v.version).join(', ') || 'none'
          }`,
        );
      }
      const [status, fallbackStatus] = statuses;
      // Schema defaults are documentation: the scaffolder does not apply them.
      const environment = ctx.input.environment ?? 'production';
      const { problems, warnings } = evaluatePolicy({
        modelRef,
        owner,
        lifecycle: entity.spec.lifecycle,
        environment,
        governance,
        version,
        status,
        declaredFallback,
        fallback: fallbackRef
          ? {
              ref: fallbackRef,
              found: Boolean(fallbackEntity),
              endpoint: (fallbackEntity?.spec as any)?.serving?.endpoint,
            }
          : undefined,
        fallbackStatus,
        productionEnvironments: options.productionEnvironments,
      });
      if (problems.length === 0) {
        // The golden-path engine judges the service about to be created, as
        // the generated catalog-info.yaml will describe it.
        const verdicts = await modelHub.evaluateGoldenPaths(
          candidateService({
            modelRef,
            version: version.version,
            fallbackRef: fallbackEntity ? fallbackRef : undefined,
            fallbackVersion: fallbackStatus?.found
              ? fallbackStatus.latestApprovedVersion
              : undefined,
            environment,
          }),
          { credentials },
        );
        // Failing golden paths are reported with the template's warnings:
        // the rules above block; the engine's service checks would also ask
        // the fallback model to be pinned and approved on its own, which the
        // example fallbacks are not.
        for (const verdict of verdicts.filter(v => v.result === 'fail')) {
          warnings.push(
            `Golden path "${verdict.title}" (${verdict.severity}): ${
              verdict.reason
            }${verdict.remedy ? `. ${verdict.remedy}` : ''}`,
          );
        }
      }
      for (const warning of warnings) ctx.logger.warn(warning);
      if (problems.length > 0) {
        throw new InputError(problems.join('\n'));
      }
      ctx.logger.info(
        `Policy passed: ${modelRef} ${version.version} (${governance.riskLevel} risk, ${version.state}) may be wired for ${environment}`,
      );
      ctx.output('passed', true);
      ctx.output('riskLevel', governance.riskLevel);
      ctx.output('governanceStatus', version.state);
      ctx.output('owner', owner);
      if (fallbackRef && fallbackEntity) {
        ctx.output('fallbackModel', fallbackRef);
        if (fallbackStatus?.found && fallbackStatus.latestApprovedVersion) {
          ctx.output('fallbackVersion', fallbackStatus.latestApprovedVersion);
        }
      }
      ctx.output('warnings', warnings);
    },
  });
}
