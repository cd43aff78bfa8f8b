import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import { DatasetProfile } from '@model-hub/model-hub-drift';
import { ModelReview, PublishVersionInput } from '../database/types';
import { DriftService } from '../service/DriftService';
import { GovernanceService } from '../service/GovernanceService';
import { ModelName } from '../service/ModelAccess';
import { ModelVersionService } from '../service/ModelVersionService';
import { demoUserCredentials } from './demoCredentials';
import { DEMO_TIMELINE, DemoStep } from './demoPlan';
import { DemoModelPlan } from './demoScenario';
import { referenceProfile, signatureOf, windowProfile } from './syntheticData';

/** What the steps of one model share while it is seeded. */
export type DemoModelContext = {
  plan: DemoModelPlan;
  model: ModelName;
  entity: ModelEntity;
  /** Drift reference of each published version. */
  references: Map<string, DatasetProfile>;
  /** The latest state of each version's review. */
  reviews: Map<string, ModelReview>;
};

/**
 * Runs one step of a model's demo history through Model Hub's services,
 * as the example user the step names.
 */
export async function runDemoStep(
  services: {
    versions: ModelVersionService;
    governance: GovernanceService;
    drift: DriftService;
  },
  context: DemoModelContext,
  step: DemoStep,
): Promise<void> {
  const { versions, governance, drift } = services;
  const { model, plan, references, reviews } = context;
  const credentials = demoUserCredentials(step.as);
  switch (step.kind) {
    case 'publish': {
      const { input, profile } = versionInput(context, step.versionIndex);
      references.set(input.version, profile);
      await versions.publish(model, input, credentials);
      return;
    }
    case 'deploy': {
      const { environment, version, alias } = step;
      await versions.setDeployment(model, environment, version, credentials);
      if (alias) await versions.setAlias(model, alias, version, credentials);
      return;
    }
    case 'deprecate':
      await versions.deprecate(model, step.version, step.reason, credentials);
      return;
    case 'requestReview': {
      // Attach links for the evidence the policy asks for and the version lacks.
      const summary = await governance.summary(model, credentials);
      const items =
        summary.versions.find(v => v.version === step.version)?.evidence
          .items ?? [];
      const evidence = Object.fromEntries(
        items
          // Only attached evidence takes a link; derived evidence comes
          // from the entity and the version, or is missing.
          .filter(item => !item.complete && item.source === 'attached')
          .map(item => [
            item.kind,
            `https://docs.example.com/models/${plan.name}/${step.version}/${item.kind}`,
          ]),
      );
      const comment = `Please review ${plan.name} ${step.version}.`;
      reviews.set(
        step.version,
        await governance.requestReview(
          model,
          step.version,
          { evidence, comment },
          credentials,
        ),
      );
      return;
    }
    case 'approve': {
      // The policy decides how many approvals count: once approved, the
      // remaining approvers have nothing to decide.
      const review = reviews.get(step.version);
      if (review?.state !== 'WAITING_FOR_APPROVAL') return;
      // A reviewer does not approve what lacks evidence (e.g. a Severe model
      // without a fallback): they ask for changes, naming what is missing.
      const summary = await governance.summary(model, credentials);
      const missing = (
        summary.versions.find(v => v.version === step.version)?.evidence
          .items ?? []
      ).filter(item => !item.complete);
      reviews.set(
        step.version,
        await governance.decide(
          model,
          review.id,
          missing.length === 0
            ? { decision: 'APPROVED', comment: step.comment }
            : {
                decision: 'CHANGES_REQUESTED',
                comment: `Missing evidence: ${missing
                  .map(item => item.title)
                  .join('; ')}.`,
              },
          credentials,
        ),
      );
      return;
    }
    case 'drift': {
      const seed = `${plan.name}/${step.environment}/window-${step.windowIndex}`;
      const profile = windowProfile(
        plan.features,
        references.get(step.version)!,
        DEMO_TIMELINE.windowRows,
        seed,
        step.drift,
      );
      await drift.submit(
        model,
        step.version,
        {
          environment: step.environment,
          windowStart: step.windowStart.toISOString(),
          windowEnd: step.windowEnd.toISOString(),
          profile,
        },
        credentials,
      );
      return;
    }
    default:
      return;
  }
}

/** What a version publishes; the same on every run, so publishing is idempotent. */
function versionInput(
  { plan, entity }: DemoModelContext,
  index: number,
): { input: PublishVersionInput; profile: DatasetProfile } {
  const version = plan.versions[index];
  const stepsBack = plan.versions.length - 1 - index;
  const profile = referenceProfile(
    plan.features,
    DEMO_TIMELINE.referenceRows,
    `${plan.name}/${version}/reference`,
  );
  const input: PublishVersionInput = {
    version,
    artifactUri: `s3://acme-models/${plan.name}/${version}/`,
    format: entity.spec.format?.name,
    trainingRunUrl: `https://mlflow.example.com/#/models/${plan.name}/versions/${version}`,
    datasets: (entity.spec.trainingData ?? []).map(data =>
      stringifyEntityRef(
        parseEntityRef(data.dataset, {
          defaultKind: 'resource',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    ),
    // The catalog's metrics are the latest version's; earlier ones did a little worse.
    metrics: (entity.spec.metrics ?? []).map(metric => ({
      name: metric.name,
      value: earlierValue(metric.name, metric.value, stepsBack),
      ...(metric.slice ? { slice: metric.slice } : {}),
      ...(metric.dataset ? { dataset: metric.dataset } : {}),
    })),
    signature: signatureOf(plan.features, plan.output),
    referenceProfile: { profile },
    evidence: {},
  };
  return { input, profile };
}

function earlierValue(name: string, value: number, stepsBack: number) {
  const lowerIsBetter = /mape|mae|rmse|brier|latency|loss|error/i.test(name);
  const factor = lowerIsBetter ? 1 + 0.04 * stepsBack : 1 - 0.03 * stepsBack;
  return Number((value * factor).toPrecision(4));
}
