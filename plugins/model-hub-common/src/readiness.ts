import type { DriftStatus, GovernanceState } from './governance';
import type { ModelStatus } from './status';

/**
 * Why a model is not ready for an environment, as stable codes:
 *
 * - `retired`: its `spec.lifecycle` is retired: it must not serve at all.
 * - `deprecated`: its `spec.lifecycle` is deprecated: it is being replaced.
 * - `prohibited`: its EU AI Act category is `unacceptable` (Art. 5
 *   prohibited practices): it may not be used, approved or not.
 * - `no-approved-version`: none of its versions is approved under the terms
 *   that apply now (expired and outdated approvals do not count).
 * - `version-not-approved`: the version asked for (`facts.version`) is not
 *   approved now, or is deprecated.
 * - `drifting`: its latest drift report from the environment says `drift`
 *   (or, when it never reported from there, its worst status over all
 *   environments does).
 *
 * @public
 */
export const READINESS_REASON_CODES = [
  'retired',
  'deprecated',
  'prohibited',
  'no-approved-version',
  'version-not-approved',
  'drifting',
] as const;

/**
 * A reason code of {@link READINESS_REASON_CODES}.
 *
 * @public
 */
export type ReadinessReasonCode = (typeof READINESS_REASON_CODES)[number];

/**
 * One reason a model is not ready: a stable code to act on, and a phrase to
 * show (without the model's name, which the caller knows, e.g.
 * `no approved version: not ready for production`).
 *
 * @public
 */
export type ReadinessReason = {
  code: ReadinessReasonCode;
  message: string;
};

/**
 * What readiness is decided from: what Model Hub knows of a model, as its
 * entity, its status (`POST /status`), a list item or the model index has it.
 *
 * @public
 */
export type ModelReadinessFacts = {
  /** `spec.lifecycle`. */
  lifecycle?: string;
  /** `spec.risk.regulatoryCategory` (EU AI Act). */
  regulatoryCategory?: string;
  /**
   * The newest version that is approved under the current terms and not
   * deprecated; absent when there is none.
   */
  latestApprovedVersion?: string;
  /** The worst drift status over the model's environments. */
  driftStatus?: DriftStatus;
  /** The drift status of each environment that ever reported. */
  drift?: ReadonlyArray<{ environment: string; status: DriftStatus }>;
  /**
   * A specific version to judge (one a service is about to pin) instead of
   * "an approved version exists": its effective governance state, and
   * whether it is deprecated.
   */
  version?: { version: string; state: GovernanceState; deprecated?: boolean };
};

/**
 * Whether a model is ready for an environment, and every reason it is not
 * (in the order of {@link READINESS_REASON_CODES}); `ready` is true exactly
 * when `reasons` is empty.
 *
 * @public
 */
export type ModelReadiness = {
  ready: boolean;
  reasons: ReadinessReason[];
};

/**
 * The drift status that counts for an environment: that of its latest
 * report, or the model's worst status when it never reported from there.
 *
 * @public
 */
export function driftStatusFor(
  facts: Pick<ModelReadinessFacts, 'drift' | 'driftStatus'>,
  environment: string,
): DriftStatus {
  const there = facts.drift?.find(d => d.environment === environment);
  return there?.status ?? facts.driftStatus ?? 'unknown';
}

/**
 * The readiness rule of Model Hub, the one every part applies (the model
 * list's `readyFor` filter, `readyForProduction`, the ModelPicker, the
 * `find-models` action, the scaffolder's policy check). A model is ready
 * for an environment when:
 *
 * - its lifecycle is neither `retired` nor `deprecated`;
 * - its EU AI Act category is not `unacceptable`;
 * - a version is approved under the terms that apply now (governance state
 *   `APPROVED`: not `REVIEW_OVERDUE` nor `REAPPROVAL_REQUIRED`) and not
 *   deprecated; with `facts.version`, that very version is;
 * - it does not drift in that environment: the verdict of its latest drift
 *   report from there, or its worst verdict over all environments when it
 *   never reported from there. Only `drift` counts against it: `warning`,
 *   `stale` and `unknown` do not.
 *
 * The rule is the same for every environment; what an unready model does to
 * a scaffold (block or warn) is the caller's policy. Pure: no I/O, no clock.
 *
 * @param facts - what is known of the model
 * @param environment - the environment, e.g. `production`
 * @returns whether it is ready, and why not
 * @public
 */
export function readinessFor(
  facts: ModelReadinessFacts,
  environment: string,
): ModelReadiness {
  const reasons: ReadinessReason[] = [];
  if (facts.lifecycle === 'retired') {
    reasons.push({
      code: 'retired',
      message: 'retired: it must not serve anywhere',
    });
  } else if (facts.lifecycle === 'deprecated') {
    reasons.push({
      code: 'deprecated',
      message: `deprecated, so not for ${environment}`,
    });
  }
  if (facts.regulatoryCategory === 'unacceptable') {
    reasons.push({
      code: 'prohibited',
      message:
        'EU AI Act category unacceptable (a prohibited practice): it may not be used',
    });
  }
  if (facts.version) {
    const { version, state, deprecated } = facts.version;
    if (deprecated || state !== 'APPROVED') {
      reasons.push({
        code: 'version-not-approved',
        message: `version ${version} is ${
          deprecated ? 'deprecated' : state
        }: ${environment} needs an approved version`,
      });
    }
  } else if (!facts.latestApprovedVersion) {
    reasons.push({
      code: 'no-approved-version',
      message: `no approved version: not ready for ${environment}`,
    });
  }
  if (driftStatusFor(facts, environment) === 'drift') {
    reasons.push({
      code: 'drifting',
      message: `drifts in ${environment}: not ready for it`,
    });
  }
  return { ready: reasons.length === 0, reasons };
}

/**
 * The readiness facts in a model's status (`POST /status`, `ModelStatus`
 * found), such as the ModelPicker and the actions read it.
 *
 * @public
 */
export function readinessFactsOfStatus(
  status: Pick<
    Extract<ModelStatus, { found: true }>,
    | 'lifecycle'
    | 'regulatoryCategory'
    | 'latestApprovedVersion'
    | 'driftStatus'
    | 'drift'
  >,
): ModelReadinessFacts {
  return {
    lifecycle: status.lifecycle,
    regulatoryCategory: status.regulatoryCategory,
    latestApprovedVersion: status.latestApprovedVersion,
    driftStatus: status.driftStatus,
    drift: status.drift,
  };
}
