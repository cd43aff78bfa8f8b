import fs from 'node:fs/promises';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
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
import {
  ModelHubService,
  ScorecardVerdict,
} from '@model-hub/backstage-plugin-model-hub-node';
import { parseAllDocuments } from 'yaml';
import {
  DeploymentGate,
  deploymentGateFor,
  entityRefOf,
  isProduction,
  modelRefOf,
  present,
} from './common';

/** What the policy found: problems block, warnings are logged and returned. */
export type PolicyFindings = { problems: string[]; warnings: string[] };

type VersionGovernance = ModelGovernanceSummary['versions'][number];

/** Why a version may not go to an environment, and what to do about it. */
function approvalProblem(
  governance: ModelGovernanceSummary,
  version: VersionGovernance,
  owner: string,
  environment: string,
  production: boolean,
): string | undefined {
  const { modelRef, latestApprovedVersion: latest } = governance;
  const subject = `Version ${version.version} of ${modelRef}`;
  const pinLatest =
    latest && latest !== version.version
      ? `pin ${latest} (its latest approved version), `
      : '';
  // Production's messages point at staging; another gated environment's
  // name only what to do.
  const orStaging = production ? 'or choose environment staging' : '';
  const finish = (text: string) => text.replace(/,\s*$/, '');
  const needs = `${environment} needs`;
  if (version.deprecated) {
    return finish(
      `${subject} is deprecated; ${needs} an approved version that is not deprecated: ${
        pinLatest ||
        `ask its owners (${owner}) to publish and approve a new one, `
      }${orStaging}`,
    );
  }
  switch (version.state) {
    case 'APPROVED':
      return undefined;
    case 'REVIEW_OVERDUE':
      return finish(
        `${subject} is REVIEW_OVERDUE: its approval expired${
          version.expiresAt ? ` on ${version.expiresAt.slice(0, 10)}` : ''
        }; ${needs} a current approval: ${pinLatest}ask its owners (${owner}) to request a new review, ${orStaging}`,
      );
    case 'REAPPROVAL_REQUIRED':
      return finish(
        `${subject} is REAPPROVAL_REQUIRED: it was approved under terms less strict than the model's current risk level or policy; ${needs} an approval under the current terms: ${pinLatest}ask its owners (${owner}) to request a new review, ${orStaging}`,
      );
    case 'REJECTED':
      return finish(
        `${subject} is REJECTED; ${needs} an approved version: ${
          pinLatest ||
          `ask its owners (${owner}) to publish a corrected version and request a review, `
        }${orStaging}`,
      );
    default:
      return finish(
        `${subject} is ${version.state}; ${needs} an approved version: ${pinLatest}ask its owners (${owner}) to request a review, ${orStaging}`,
      );
  }
}

/**
 * The model rules of the policy step. Whether the model and version are
 * ready for the environment is Model Hub's one readiness rule
 * (`readinessFor` in model-hub-common); this only decides what each reason
 * does: a retired or prohibited model is refused everywhere; an unapproved
 * (or deprecated, or overdue) version, a deprecated model or one drifting in
 * the environment follows the environment's deployment gate (`block`:
 * refused, `warn`: a warning, `off`: not checked; by default `block` for
 * production and `warn` elsewhere). A High or Severe model also needs a
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
  /** The environment's deployment gate (default: block for production, warn elsewhere). */
  gate?: DeploymentGate;
}): PolicyFindings {
  const { modelRef, owner, environment, governance, version } = options;
  const production = isProduction(environment, options.productionEnvironments);
  const gate = options.gate ?? (production ? 'block' : 'warn');
  const blocks = gate === 'block';
  const problems: string[] = [];
  const warnings: string[] = [];
  /** A finding of the deployment gate: refused, a warning, or not checked. */
  const gated = (message: string) => {
    if (gate === 'off') return;
    (blocks ? problems : warnings).push(message);
  };
  const advice = production
    ? `the deployment gate of ${environment} is ${gate}`
    : 'it will not be allowed in production';
  const driftAdvice = production
    ? advice
    : 'it will not be allowed in production while it does';

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
        gated(
          `${modelRef} is deprecated (spec.lifecycle); ${
            blocks ? `${environment} needs a model that is not` : advice
          }: choose its successor, or ask its owners (${owner})`,
        );
        break;
      case 'version-not-approved':
        gated(
          blocks
            ? approvalProblem(
                governance,
                version,
                owner,
                environment,
                production,
              ) ?? reason.message
            : `Version ${version.version} of ${modelRef} is ${
                version.deprecated ? 'deprecated' : version.state
              }: ${
                production
                  ? `wired for ${environment} because its deployment gate is ${gate}, but it is not approved`
                  : `fine for ${environment}, but it cannot go to production until it is approved`
              }`,
        );
        break;
      case 'drifting':
        gated(
          `${modelRef} drifts in ${environment}${
            status?.drift.some(d => d.environment === environment)
              ? ''
              : ' (it never reported from there, and drifts elsewhere)'
          }; ${
            blocks ? `${environment} needs a model that does not` : driftAdvice
          }: ask its owners (${owner}) to retrain it and get the new version approved, or choose another model`,
        );
        break;
      default:
        gated(`${modelRef}: ${reason.message}`);
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
 * Golden-path checks whose failure means an unapproved or retiring model: on
 * a scaffold they follow the environment's deployment gate (as long as
 * their configured severity is `error`), not their severity alone.
 */
export const GATED_CHECKS: readonly string[] = [
  'service-pinned-approved',
  'service-no-deprecated-models',
];

/** A failing golden-path check of the entity a template is about to register. */
export type FailedCheck = {
  checkId: string;
  title: string;
  severity: 'error' | 'warning';
  /** Whether it stops the template (see {@link blocksScaffold}). */
  blocking: boolean;
  reason: string;
  remedy?: string;
  /** The entity it was found on, when the file holds more than one. */
  entity?: string;
};

/**
 * Whether a failing check stops a scaffold: checks of severity `error`
 * (`modelHub.goldenPaths.checks.<id>.severity`) do; the approval checks
 * ({@link GATED_CHECKS}) only where the environment's gate is `block`.
 */
export function blocksScaffold(
  verdict: Pick<ScorecardVerdict, 'checkId' | 'severity'>,
  gate: DeploymentGate,
): boolean {
  if (verdict.severity !== 'error') return false;
  return GATED_CHECKS.includes(verdict.checkId) ? gate === 'block' : true;
}

/** One line for the task log and the error message. */
export function describeFailedCheck(check: FailedCheck): string {
  return `Golden path "${check.title}" (${check.severity}${
    check.blocking ? ', blocking' : ''
  })${check.entity ? ` on ${check.entity}` : ''}: ${check.reason}${
    check.remedy ? `. ${check.remedy}` : ''
  }`;
}

/** Markdown for a template's `output.text`: every failing check and warning. */
export function policyReport(options: {
  environment: string;
  gate: DeploymentGate;
  /** Undefined when no entity was evaluated. */
  evaluated?: number;
  failed: FailedCheck[];
  warnings: string[];
}): string {
  const { environment, gate, evaluated, failed, warnings } = options;
  const escape = (text: string) => text.replace(/([\\`*_[\]<>|])/g, '\\$1');
  const lines = [
    `**Golden paths for ${escape(environment)}** (deployment gate: ${gate})`,
    '',
  ];
  if (evaluated === undefined) {
    lines.push(
      'The golden-path checks did not run: no catalog-info.yaml was rendered before this step.',
    );
  } else if (failed.length === 0) {
    lines.push(
      `Every golden-path check passes on the catalog-info.yaml that will be registered (${evaluated} checks).`,
    );
  } else {
    const blocking = failed.filter(c => c.blocking).length;
    lines.push(
      `${
        failed.length
      } of ${evaluated} checks fail on the catalog-info.yaml that will be registered${
        blocking ? `, ${blocking} blocking` : ''
      }:`,
      '',
      ...failed.map(
        c =>
          `- ${c.blocking ? '**Blocking**' : 'Warning'}: **${escape(
            c.title,
          )}** (\`${c.checkId}\`, ${c.severity})${
            c.entity ? ` on ${escape(c.entity)}` : ''
          }: ${escape(c.reason)}${c.remedy ? `. ${escape(c.remedy)}` : ''}`,
      ),
    );
  }
  if (warnings.length > 0) {
    lines.push('', 'Warnings:', '', ...warnings.map(w => `- ${escape(w)}`));
  }
  return lines.join('\n');
}

const NOT_EVALUATED =
  'No catalog-info.yaml in the workspace yet, so the golden-path checks of the new service did not run: ' +
  'run model-hub:policy:check after fetch:template (or pass catalogInfoPath or entity)';

/**
 * The entities the template is about to register: the `entity` input, else
 * the catalog-info.yaml rendered into the workspace (`catalogInfoPath`,
 * default `catalog-info.yaml`). Undefined when no path was given and the
 * default file does not exist (a template that checks the policy before
 * rendering).
 */
async function entitiesToRegister(
  workspacePath: string,
  input: { entity?: Record<string, unknown>; catalogInfoPath?: string },
): Promise<{ source: string; entities: Entity[] } | undefined> {
  if (input.entity && Object.keys(input.entity).length > 0) {
    return { source: 'the entity input', entities: [input.entity as Entity] };
  }
  const given = present(input.catalogInfoPath);
  const relative = given ?? 'catalog-info.yaml';
  const file = resolveSafeChildPath(workspacePath, relative);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !given) {
      return undefined;
    }
    throw new InputError(
      `catalogInfoPath: cannot read ${relative} in the workspace: ${
        (error as Error).message
      }`,
    );
  }
  const entities: Entity[] = [];
  for (const [index, doc] of parseAllDocuments(text).entries()) {
    if (doc.errors.length > 0) {
      throw new InputError(
        `catalogInfoPath: ${relative} is not valid YAML (document ${
          index + 1
        }): ${doc.errors[0].message}`,
      );
    }
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new InputError(
        `catalogInfoPath: document ${
          index + 1
        } of ${relative} is not an entity`,
      );
    }
    entities.push(value as Entity);
  }
  if (entities.length === 0) {
    throw new InputError(`catalogInfoPath: ${relative} holds no entity`);
  }
  return { source: relative, entities };
}

/**
 * `model-hub:policy:check`: refuses, before anything is published, to wire a
 * model version that the policy does not allow, with a message that says
 * what to do; and evaluates the golden-path checks on the entity the
 * template is about to register (its rendered catalog-info.yaml), blocking
 * on those the configuration marks blocking. Runs in dry-runs too: it only
 * reads.
 *
 * @public
 */
export function createCheckPolicyAction(options: {
  modelHub: ModelHubService;
  catalog: CatalogService;
  /** Environments that count as production (`modelHub.environments.production`). */
  productionEnvironments?: string[];
  /** The deployment gate per environment (`modelHub.deploymentGates`). */
  deploymentGates?: Record<string, DeploymentGate>;
}) {
  const { modelHub, catalog } = options;
  return createTemplateAction({
    id: 'model-hub:policy:check',
    description:
      'Checks the golden-path policy for wiring a model version into a new service: retired and prohibited models ' +
      'are refused; an unapproved, deprecated or drifting model follows the deployment gate of the environment ' +
      '(block, warn or off); a High or Severe risk model needs a fallback model; and the golden-path checks run on ' +
      'the catalog-info.yaml the template will register, blocking on those of severity error. Fails with what to do; ' +
      'outputs every failing check, and a markdown report for the template output.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Check the rendered service after fetch:template and model-hub:model:wire, before publishing',
        example: [
          'steps:',
          '  - id: policy',
          '    action: model-hub:policy:check',
          '    input:',
          '      modelRef: ${{ steps.model.output.modelRef }}',
          '      version: ${{ steps.model.output.version }}',
          '      environment: ${{ parameters.environment }}',
          '      fallbackModel: ${{ steps.model.output.fallbackModel }}',
          '      catalogInfoPath: catalog-info.yaml',
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
        catalogInfoPath: z =>
          z
            .string({
              description:
                'The rendered catalog-info.yaml in the workspace, whose entities the golden-path checks judge ' +
                '(default: catalog-info.yaml, when it exists)',
            })
            .optional(),
        entity: z =>
          z
            .record(z.unknown(), {
              description:
                'The entity the template will register, instead of reading catalogInfoPath',
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
        gate: z =>
          z.string({
            description:
              'The deployment gate of the environment: block, warn or off',
          }),
        failedChecks: z =>
          z.array(
            z.object({
              checkId: z.string(),
              title: z.string(),
              severity: z.string(),
              blocking: z.boolean(),
              reason: z.string(),
              remedy: z.string().optional(),
              entity: z.string().optional(),
            }),
            {
              description:
                'Every golden-path check that fails on the entity to register',
            },
          ),
        report: z =>
          z.string({
            description:
              "Markdown: every failing check and warning, for the template's output.text",
          }),
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
      const [governance, statuses, fallbackEntity, toRegister] =
        await Promise.all([
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
          entitiesToRegister(ctx.workspacePath, {
            entity: ctx.input.entity,
            catalogInfoPath: ctx.input.catalogInfoPath,
          }),
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
      const gate = deploymentGateFor(
        environment,
        options.deploymentGates,
        options.productionEnvironments,
      );
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
        gate,
      });

      // The golden-path engine judges what the template will register: the
      // rendered catalog-info.yaml, not a stand-in.
      const failedChecks: FailedCheck[] = [];
      let evaluated: number | undefined;
      if (toRegister) {
        evaluated = 0;
        const several = toRegister.entities.length > 1;
        for (const candidate of toRegister.entities) {
          const verdicts = await modelHub.evaluateGoldenPaths(candidate, {
            credentials,
          });
          evaluated += verdicts.filter(
            v => v.result !== 'not-applicable',
          ).length;
          for (const verdict of verdicts.filter(v => v.result === 'fail')) {
            failedChecks.push({
              checkId: verdict.checkId,
              title: verdict.title,
              severity: verdict.severity,
              blocking: blocksScaffold(verdict, gate),
              reason: verdict.reason,
              ...(verdict.remedy ? { remedy: verdict.remedy } : {}),
              ...(several
                ? {
                    entity: `${candidate.kind}:${
                      candidate.metadata?.name ?? '?'
                    }`,
                  }
                : {}),
            });
          }
        }
      } else {
        warnings.push(NOT_EVALUATED);
      }
      for (const check of failedChecks) {
        (check.blocking ? problems : warnings).push(describeFailedCheck(check));
      }
      for (const warning of warnings) ctx.logger.warn(warning);
      if (problems.length > 0) {
        throw new InputError(problems.join('\n'));
      }
      ctx.logger.info(
        `Policy passed: ${modelRef} ${version.version} (${governance.riskLevel} risk, ${version.state}) may be wired for ${environment} (deployment gate ${gate})`,
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
      ctx.output('gate', gate);
      ctx.output('failedChecks', failedChecks);
      ctx.output(
        'report',
        policyReport({
          environment,
          gate,
          evaluated,
          failed: failedChecks,
          // The report lists the failing checks and this on its own.
          warnings: warnings.filter(
            w =>
              w !== NOT_EVALUATED &&
              !failedChecks.some(c => describeFailedCheck(c) === w),
          ),
        }),
      );
    },
  });
}
