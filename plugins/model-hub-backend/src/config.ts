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
import { adminRef, OverrideRules } from './service/policyOverrides';
import {
  DEFAULT_MAX_CATEGORIES,
  DEFAULT_MAX_COLUMNS,
} from '@model-hub/model-hub-drift';
import {
  DEFAULT_DRIFT_WORKER_THREADS,
  DEFAULT_DRIFT_WORKER_QUEUE,
  DEFAULT_DRIFT_WORKER_HEAP_MB,
  DEFAULT_DRIFT_WORKER_NICE,
  DEFAULT_DRIFT_WORKER_THRESHOLD,
  DriftWorkerOptions,
} from './drift/DriftWorkerPool';
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

/** Which environments and aliases count as production. */
export type ProductionTargets = { environments: string[]; aliases: string[] };

/**
 * `modelHub.environments`: the environments (`production`, default
 * `production` and `prod`) and aliases (`productionAliases`, none by
 * default) that serve production, and so move only to versions approved
 * for production. The scaffolder's policy step reads the same key.
 */
export function readProductionTargets(config: Config): ProductionTargets {
  const environments = config.getOptionalConfig('modelHub.environments');
  return {
    environments: environments?.getOptionalStringArray('production') ?? [
      'production',
      'prod',
    ],
    aliases: environments?.getOptionalStringArray('productionAliases') ?? [],
  };
}

/**
 * Who may override a model's policy and how far:
 * `modelHub.governance.admins` and `.levels.<level>.overrideFloor`.
 */
export function readOverrideRules(config: Config): OverrideRules {
  const governance = config.getOptionalConfig('modelHub.governance');
  const admins = (governance?.getOptionalStringArray('admins') ?? []).map(
    ref => {
      try {
        return adminRef(ref);
      } catch (error) {
        throw new Error(
          `Invalid config at modelHub.governance.admins: ${
            (error as Error).message
          }`,
        );
      }
    },
  );
  const floors: OverrideRules['floors'] = {};
  for (const level of RISK_LEVELS) {
    const key = `modelHub.governance.levels.${level}.overrideFloor`;
    const floor = config.getOptionalConfig(key);
    if (!floor) continue;
    const read = readLevelPolicy(floor, key, {} as GovernanceLevelPolicy);
    floors[level] = Object.fromEntries(
      Object.entries(read).filter(([, v]) => v !== undefined),
    );
  }
  return { admins, floors };
}

/** Whom each service token may name as the person it acts for. */
export type ServiceActors = Map<string, string[]>;

/** `modelHub.governance.serviceActors`: token subject to user or group refs. */
export function readServiceActors(config: Config): ServiceActors {
  const result: ServiceActors = new Map();
  for (const entry of config.getOptionalConfigArray(
    'modelHub.governance.serviceActors',
  ) ?? []) {
    const subject = entry.getString('subject');
    const actsFor = entry.getStringArray('actsFor').map(ref => {
      try {
        return adminRef(ref);
      } catch (error) {
        throw new Error(
          `Invalid config at modelHub.governance.serviceActors (${subject}).actsFor: ${
            (error as Error).message
          }`,
        );
      }
    });
    result.set(subject, [...(result.get(subject) ?? []), ...actsFor]);
  }
  return result;
}

/** `modelHub.drift.<key>`: a whole number of at least `min`, or the fallback when unset. */
function readDriftWholeNumber(
  config: Config,
  key: string,
  fallback: number,
  min: 0 | 1,
): number {
  const value = config.getOptionalNumber(`modelHub.drift.${key}`);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new Error(
      `Invalid config at modelHub.drift.${key}: ${value} is not ${
        min === 1 ? 'a positive whole number' : 'a whole number of at least 0'
      }`,
    );
  }
  return value;
}

/** `modelHub.drift.workerNice`: 0 to 19, default 10. */
function readWorkerNice(config: Config): number {
  const nice = readDriftWholeNumber(
    config,
    'workerNice',
    DEFAULT_DRIFT_WORKER_NICE,
    0,
  );
  if (nice > 19) {
    throw new Error(
      `Invalid config at modelHub.drift.workerNice: ${nice} is not a nice value from 0 to 19`,
    );
  }
  return nice;
}

/** Caps on the shape of drift data: columns per table, categories per column. */
export type DriftShapeLimits = { maxColumns: number; maxCategories: number };

/**
 * `modelHub.drift.maxColumns` (default 1,000) and `.maxCategories` (default
 * 10,000): a reference or window past them is refused with a 400 naming the
 * cap, for rows and profiles alike, so that no submission makes the engine,
 * the stored report or the caches grow without bound.
 */
export function readDriftShapeLimits(config: Config): DriftShapeLimits {
  const read = (key: string, fallback: number) =>
    readDriftWholeNumber(config, key, fallback, 1);
  return {
    maxColumns: read('maxColumns', DEFAULT_MAX_COLUMNS),
    maxCategories: read('maxCategories', DEFAULT_MAX_CATEGORIES),
  };
}

/**
 * `modelHub.drift.workerThreshold` (values, rows times columns of the
 * reference and the window together; default 100,000) and
 * `.workerThreads` (default 1; 0 judges every window on the event loop) and
 * `.workerQueue` (default 16 waiting; past them 503) and `.workerHeapMb`
 * (default 256; a window that needs more gets 413) and `.workerNice`
 * (default 10: the threads give way to the event loop):
 * windows past the threshold, and windows sent as large bodies, are judged
 * in worker threads.
 */
export function readDriftWorkerOptions(config: Config): DriftWorkerOptions {
  return {
    threshold: readDriftWholeNumber(
      config,
      'workerThreshold',
      DEFAULT_DRIFT_WORKER_THRESHOLD,
      0,
    ),
    threads: readDriftWholeNumber(
      config,
      'workerThreads',
      DEFAULT_DRIFT_WORKER_THREADS,
      0,
    ),
    queue: readDriftWholeNumber(
      config,
      'workerQueue',
      DEFAULT_DRIFT_WORKER_QUEUE,
      1,
    ),
    heapMb: readDriftWholeNumber(
      config,
      'workerHeapMb',
      DEFAULT_DRIFT_WORKER_HEAP_MB,
      1,
    ),
    nice: readWorkerNice(config),
  };
}
