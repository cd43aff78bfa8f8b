import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import type { ModelHubGovernancePolicyProvider } from '@model-hub/backstage-plugin-model-hub-node';
import { HumanDuration } from '@backstage/types';
import {
  DEFAULT_REVIEWER_RULES,
  groupRef,
  ReviewerRules,
} from './service/separationOfDuties';
import { readDurationFromConfig } from '@backstage/config';
import {
  DEFAULT_GOVERNANCE_POLICY,
  EVIDENCE_KINDS,
  EvidenceKind,
  GovernanceLevelPolicy,
  GovernancePolicy,
  RISK_LEVELS,
} from '@model-hub/backstage-plugin-model-hub-common';

function readLevelPolicy(
  config: Config | undefined,
  key: string,
  defaults: GovernanceLevelPolicy,
): GovernanceLevelPolicy {
  if (!config) return defaults;
  const evidence = config.getOptionalStringArray('evidence');
  for (const kind of evidence ?? []) {
    if (!(EVIDENCE_KINDS as readonly string[]).includes(kind)) {
      throw new Error(
        `Invalid config at ${key}.evidence: "${kind}" is not an evidence kind; allowed: ${EVIDENCE_KINDS.join(
          ', ',
        )}`,
      );
    }
  }
  return {
    evidence: (evidence as EvidenceKind[] | undefined) ?? defaults.evidence,
    approvals: config.getOptionalNumber('approvals') ?? defaults.approvals,
    reviewCadenceMonths:
      config.getOptionalNumber('reviewCadenceMonths') ??
      defaults.reviewCadenceMonths,
  };
}

/** The governance policy: defaults, overridden per level in `modelHub.governance`. */
export function readGovernancePolicy(config: Config): GovernancePolicy {
  const governance = config.getOptionalConfig('modelHub.governance');
  const levels = {} as GovernancePolicy['levels'];
  for (const level of RISK_LEVELS) {
    levels[level] = readLevelPolicy(
      governance?.getOptionalConfig(`levels.${level}`),
      `modelHub.governance.levels.${level}`,
      DEFAULT_GOVERNANCE_POLICY.levels[level],
    );
  }
  return {
    levels,
    euAiActHighRisk: readLevelPolicy(
      governance?.getOptionalConfig('euAiActHighRisk'),
      'modelHub.governance.euAiActHighRisk',
      DEFAULT_GOVERNANCE_POLICY.euAiActHighRisk,
    ),
  };
}

/**
 * Who may decide reviews per risk level, from
 * `modelHub.governance.levels.<level>.reviewerGroups` and
 * `.independentOfOwner`.
 */
export function readReviewerRules(config: Config): ReviewerRules {
  const rules = {} as ReviewerRules;
  for (const level of RISK_LEVELS) {
    const key = `modelHub.governance.levels.${level}`;
    const levelConfig = config.getOptionalConfig(key);
    const groups = levelConfig?.getOptionalStringArray('reviewerGroups') ?? [];
    rules[level] = {
      reviewerGroups: groups.map(group => {
        try {
          return groupRef(group);
        } catch {
          throw new Error(
            `Invalid config at ${key}.reviewerGroups: "${group}" is not a group reference`,
          );
        }
      }),
      independentOfOwner:
        levelConfig?.getOptionalBoolean('independentOfOwner') ??
        DEFAULT_REVIEWER_RULES[level].independentOfOwner,
    };
  }
  return rules;
}

/** The default policy provider: the same policy for every model, from app-config. */
export function configGovernancePolicyProvider(
  config: Config,
): ModelHubGovernancePolicyProvider {
  const policy = readGovernancePolicy(config);
  return { getPolicy: async () => policy };
}

export function readDuration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

const BODY_SIZE = /^\d+(\.\d+)?\s*(b|kb|mb|gb)$/i;

/**
 * The largest request body the API accepts (`modelHub.maxRequestBodySize`).
 * Checked here because the parser would read a malformed size as "no limit".
 */
export function readMaxRequestBodySize(config: Config): string {
  const value = config.getOptionalString('modelHub.maxRequestBodySize');
  if (value === undefined) return '20mb';
  if (!BODY_SIZE.test(value.trim())) {
    throw new Error(
      `Invalid config at modelHub.maxRequestBodySize: "${value}" is not a size; use a number with b, kb, mb or gb, e.g. 20mb`,
    );
  }
  return value.trim();
}

/** A task schedule from config, or the default when the key is absent. */
function readSchedule(
  config: Config,
  key: string,
  defaults: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(key);
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : defaults;
}

/**
 * When the governance job (overdue reviews, stale drift) runs:
 * `modelHub.schedule`, every 15 minutes by default.
 */
export function readGovernanceCheckSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  return readSchedule(config, 'modelHub.schedule', {
    frequency: { minutes: 15 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
  });
}

/** When the model index is refreshed from the catalog (`modelHub.modelIndex.schedule`). */
export function readModelIndexSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  return readSchedule(config, 'modelHub.modelIndex.schedule', {
    frequency: { minutes: 1 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 15 },
  });
}
