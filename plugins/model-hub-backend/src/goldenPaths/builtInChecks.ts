import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { addMonths } from '@model-hub/backstage-plugin-model-hub-common';
import type {
  GoldenPathThresholds,
  ModelCardField,
  ModelFacts,
  ServiceFacts,
} from './facts';

/*
 * Model Hub's own golden-path checks: pure functions of facts gathered
 * beforehand, so each is tested directly with passing and failing entities.
 */

export type Verdict = {
  result: 'pass' | 'fail' | 'not-applicable';
  reason: string;
  remedy?: string;
};

export type BuiltInCheck<F> = {
  id: string;
  title: string;
  description: string;
  severity: 'error' | 'warning';
  /**
   * A service check whose verdict tells something of the models the service
   * uses (approval, lifecycle, risk, fallback): shown only with what the
   * caller may read of them.
   */
  readsModels?: boolean;
  evaluate(facts: F, thresholds: GoldenPathThresholds): Verdict;
};

const pass = (reason: string): Verdict => ({ result: 'pass', reason });
const fail = (reason: string, remedy: string): Verdict => ({
  result: 'fail',
  reason,
  remedy,
});
const notApplicable = (reason: string): Verdict => ({
  result: 'not-applicable',
  reason,
});
const HIGH = ['High', 'Severe'];

function present(facts: ModelFacts, field: ModelCardField): boolean {
  const { entity } = facts;
  if (field === 'description') return Boolean(entity.metadata.description);
  if (field === 'intendedUse') {
    return Boolean(entity.spec.intendedUse?.useCases?.length);
  }
  const value = (entity.spec as Record<string, unknown>)[field];
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

export const MODEL_CHECKS: BuiltInCheck<ModelFacts>[] = [
  {
    id: 'model-owner-team-size',
    title: 'The owning team has at least two members',
    description:
      'A model known to one person is lost when that person leaves (the "skills no longer available" risk).',
    severity: 'error',
    evaluate(facts, { minOwnerTeamSize }) {
      const owner = facts.entity.spec.owner;
      if (facts.ownerMembers === undefined) {
        return fail(
          `The owner ${owner} is not a group in the catalog`,
          'Make a group with its members the owner of the model',
        );
      }
      return facts.ownerMembers >= minOwnerTeamSize
        ? pass(`${owner} has ${facts.ownerMembers} members`)
        : fail(
            `${owner} has ${facts.ownerMembers} member(s); at least ${minOwnerTeamSize} are needed`,
            'Add a second maintainer to the owning group, and document the model so they can run it',
          );
    },
  },
  {
    id: 'model-card-complete',
    title: 'The model card is complete for the risk level',
    description:
      'Operations teams need the intended use, limitations and evaluation to run a model well.',
    severity: 'error',
    evaluate(facts, { modelCardFields }) {
      const missing = modelCardFields[facts.riskLevel].filter(
        field => !present(facts, field),
      );
      return missing.length === 0
        ? pass(`Every field a ${facts.riskLevel} model needs is documented`)
        : fail(
            `A ${facts.riskLevel} model's card needs ${missing.join(', ')}`,
            `Add ${missing.join(', ')} to the model's catalog-info.yaml`,
          );
    },
  },
  {
    id: 'model-risk-assessment-current',
    title: 'The risk assessment is present and reviewed within its cadence',
    description:
      'Risk is assessed at the start and again at the interval the risk level sets.',
    severity: 'error',
    evaluate(facts) {
      const { assessedAt } = facts.entity.spec.risk;
      const cadence = facts.policy.reviewCadenceMonths;
      if (!assessedAt) {
        return fail(
          'The risk assessment has no date (spec.risk.assessedAt)',
          'Review the four risks and record assessedAt and assessedBy',
        );
      }
      const due = addMonths(new Date(assessedAt), cadence);
      return due.getTime() >= facts.now.getTime()
        ? pass(`Assessed ${assessedAt}; due ${due.toISOString().slice(0, 10)}`)
        : fail(
            `Assessed ${assessedAt}; a ${
              facts.riskLevel
            } model is reassessed every ${cadence} months (due ${due
              .toISOString()
              .slice(0, 10)})`,
            'Reassess the four risks with the model risk team and update spec.risk',
          );
    },
  },
  {
    id: 'model-high-risk-fallback',
    title: 'High and Severe models have a fallback model',
    description: 'A fallback bridges an outage of a model whose failure hurts.',
    severity: 'error',
    evaluate(facts) {
      if (!HIGH.includes(facts.riskLevel)) {
        return notApplicable(`${facts.riskLevel} risk needs no fallback`);
      }
      return facts.entity.spec.fallbackModel
        ? pass(`Falls back to ${facts.entity.spec.fallbackModel}`)
        : fail(
            `A ${facts.riskLevel} model has no spec.fallbackModel`,
            'Name a simpler model (or rules) in spec.fallbackModel and keep it serving',
          );
    },
  },
  {
    id: 'model-high-risk-drift-monitoring',
    title: 'High and Severe models have active drift monitoring',
    description:
      'Drift must be noticed before business KPIs suffer: a fresh drift report within the cadence.',
    severity: 'error',
    evaluate(facts, { driftReportMaxAgeMs }) {
      if (!HIGH.includes(facts.riskLevel)) {
        return notApplicable(
          `${facts.riskLevel} risk: monitoring advised, not required`,
        );
      }
      const end = facts.latestDriftWindowEnd;
      const hours = Math.round(driftReportMaxAgeMs / 3600_000);
      if (!end) {
        return fail(
          'No drift report was ever submitted',
          "Submit drift windows from the serving service (model-hub drift submit, or the template's drift hook)",
        );
      }
      return facts.now.getTime() - new Date(end).getTime() <=
        driftReportMaxAgeMs
        ? pass(`Latest drift window ended ${end}`)
        : fail(
            `The latest drift window ended ${end}, more than ${hours} hours ago`,
            'Check the drift hook of the serving service; it stopped reporting',
          );
    },
  },
  {
    id: 'model-approved-version',
    title: 'An approved version exists',
    description: 'Services can only pin a version that passed review.',
    severity: 'warning',
    evaluate(facts) {
      if (['retired', 'experimental'].includes(facts.entity.spec.lifecycle)) {
        return notApplicable(
          `A ${facts.entity.spec.lifecycle} model is not served`,
        );
      }
      return facts.summary.latestApprovedVersion
        ? pass(`Version ${facts.summary.latestApprovedVersion} is approved`)
        : fail(
            `No approved version (governance: ${facts.summary.governanceStatus})`,
            'Publish a version with its evidence and request a review',
          );
    },
  },
  {
    id: 'model-unacceptable-retired',
    title: 'An unacceptable-risk model is retired',
    description: 'The EU AI Act prohibits these practices (Art. 5).',
    severity: 'error',
    evaluate(facts) {
      if (facts.entity.spec.risk.regulatoryCategory !== 'unacceptable') {
        return notApplicable('Not in the unacceptable category');
      }
      return facts.entity.spec.lifecycle === 'retired'
        ? pass('Retired')
        : fail(
            `An unacceptable-risk model is ${facts.entity.spec.lifecycle}`,
            'Stop serving the model and set its lifecycle to retired',
          );
    },
  },
];

/**
 * Models a service uses that the checks know nothing of: not in the catalog,
 * or not visible to the caller (the two read the same, so that a hidden
 * model's state cannot be told from the verdicts).
 */
const UNSEEN = 'not in the catalog or not visible';
function unseenNote(models: ServiceFacts['models']): string {
  const unseen = models.filter(m => !m.entity).map(m => m.ref);
  return unseen.length ? ` (${UNSEEN}: ${unseen.join(', ')})` : '';
}

const refOf = (ref: string, kind: string, namespace: string) =>
  stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: kind, defaultNamespace: namespace }),
  );

export const SERVICE_CHECKS: BuiltInCheck<ServiceFacts>[] = [
  {
    id: 'service-pinned-approved',
    title: 'Every model is pinned to an approved version',
    description:
      'A service states which version it calls (model-hub.io/pinned-versions), and that version is approved.',
    severity: 'error',
    readsModels: true,
    evaluate({ models }) {
      const problems = models.flatMap(m => {
        if (!m.pinnedVersion) return [`${m.ref} is not pinned`];
        if (!m.entity) {
          return [`${m.ref}@${m.pinnedVersion} is ${UNSEEN}`];
        }
        if (!m.summary?.approvedVersions.includes(m.pinnedVersion)) {
          return [`${m.ref}@${m.pinnedVersion} is not approved`];
        }
        return [];
      });
      return problems.length === 0
        ? pass('Every model is pinned to an approved version')
        : fail(
            problems.join('; '),
            'Pin each model to its latest approved version in the model-hub.io/pinned-versions annotation',
          );
    },
  },
  {
    id: 'service-no-deprecated-models',
    title: 'No deprecated or retired model',
    description: 'Deprecated models lose support; retired ones must not serve.',
    severity: 'error',
    readsModels: true,
    evaluate({ models }) {
      const old = models.filter(m =>
        ['deprecated', 'retired'].includes(m.entity?.spec.lifecycle ?? ''),
      );
      return old.length === 0
        ? pass(`No deprecated or retired model${unseenNote(models)}`)
        : fail(
            old.map(m => `${m.ref} is ${m.entity!.spec.lifecycle}`).join('; '),
            'Move to the model that replaces it (see its page) and remove it from dependsOn',
          );
    },
  },
  {
    id: 'service-drift-hook',
    title: 'The drift-profile hook is configured',
    description:
      'The service reports its inputs to Model Hub (annotation model-hub.io/drift-hook), so drift is noticed.',
    severity: 'warning',
    evaluate({ entity }) {
      const hook = entity.metadata.annotations?.['model-hub.io/drift-hook'];
      return hook
        ? pass(`Drift hook: ${hook}`)
        : fail(
            'No model-hub.io/drift-hook annotation',
            'Submit drift profiles of the model inputs (the templates wire this) and set model-hub.io/drift-hook',
          );
    },
  },
  {
    id: 'service-fallback-wired',
    title: 'The fallback is wired where the model requires one',
    description:
      'For High and Severe models the service also depends on the fallback model, so it can switch.',
    severity: 'error',
    readsModels: true,
    evaluate({ entity, models, dependsOn }) {
      const namespace = entity.metadata.namespace ?? 'default';
      const needing = models.filter(
        m => m.riskLevel && HIGH.includes(m.riskLevel),
      );
      if (needing.length === 0) {
        return notApplicable(`No High or Severe model${unseenNote(models)}`);
      }
      const missing = needing.filter(m => {
        const fallback = m.entity?.spec.fallbackModel;
        return (
          !fallback ||
          !dependsOn.includes(
            refOf(fallback, 'model', m.entity!.metadata.namespace ?? namespace),
          )
        );
      });
      return missing.length === 0
        ? pass(
            `Each High or Severe model has its fallback in dependsOn${unseenNote(
              models,
            )}`,
          )
        : fail(
            missing
              .map(m =>
                m.entity?.spec.fallbackModel
                  ? `${m.ref} falls back to ${m.entity.spec.fallbackModel}, which the service does not use`
                  : `${m.ref} has no fallback model`,
              )
              .join('; '),
            'Call the fallback model when the model fails or times out, and add it to spec.dependsOn',
          );
    },
  },
];
