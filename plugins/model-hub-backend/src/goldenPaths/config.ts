import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  RISK_LEVELS,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';
import {
  GoldenPathThresholds,
  MODEL_CARD_FIELDS,
  ModelCardField,
} from './facts';

/** Which checks run and how severe their failures are (`modelHub.goldenPaths.checks`). */
export type CheckSettings = Record<
  string,
  { enabled: boolean; severity?: 'error' | 'warning' }
>;

export type GoldenPathConfig = {
  schedule: SchedulerServiceTaskScheduleDefinition;
  thresholds: GoldenPathThresholds;
  checks: CheckSettings;
};

/** What each risk level's model card must hold; matches the governance policy's model-card evidence. */
export const DEFAULT_MODEL_CARD_FIELDS: Record<RiskLevel, ModelCardField[]> = {
  Low: ['description', 'intendedUse'],
  Medium: ['description', 'intendedUse', 'limitations', 'metrics'],
  High: [
    'description',
    'intendedUse',
    'limitations',
    'metrics',
    'outOfScopeUses',
    'ethicalConsiderations',
    'trainingData',
  ],
  Severe: [
    'description',
    'intendedUse',
    'limitations',
    'metrics',
    'outOfScopeUses',
    'tradeoffs',
    'ethicalConsiderations',
    'trainingData',
  ],
};

/**
 * Reads `modelHub.goldenPaths`. Defaults: every check on at its own
 * severity, owner teams of two, drift reports no older than
 * `modelHub.drift.staleAfter` (48 hours), evaluation every 30 minutes.
 */
export function readGoldenPathConfig(
  config: Config,
  driftStaleAfterMs: number,
): GoldenPathConfig {
  const root = config.getOptionalConfig('modelHub.goldenPaths');
  const schedule = root?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        root.getConfig('schedule'),
      )
    : {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 30 },
      };
  const modelCardFields = { ...DEFAULT_MODEL_CARD_FIELDS };
  const cards = root?.getOptionalConfig('modelCardFields');
  for (const level of RISK_LEVELS) {
    const fields = cards?.getOptionalStringArray(level);
    if (!fields) continue;
    for (const field of fields) {
      if (!(MODEL_CARD_FIELDS as readonly string[]).includes(field)) {
        throw new Error(
          `Invalid config at modelHub.goldenPaths.modelCardFields.${level}: "${field}" is not a model card field; allowed: ${MODEL_CARD_FIELDS.join(
            ', ',
          )}`,
        );
      }
    }
    modelCardFields[level] = fields as ModelCardField[];
  }
  const checks: CheckSettings = {};
  // Ids of checks added by modules may contain dots (acme.model-has-runbook):
  // in app-config those are nested keys, read back into the dotted id.
  const readChecks = (node: Config | undefined, prefix: string) => {
    for (const key of node?.keys() ?? []) {
      const entry = node!.getConfig(key);
      const id = `${prefix}${key}`;
      if (!entry.has('enabled') && !entry.has('severity')) {
        readChecks(entry, `${id}.`);
        continue;
      }
      const severity = entry.getOptionalString('severity');
      if (severity && severity !== 'error' && severity !== 'warning') {
        throw new Error(
          `Invalid config at modelHub.goldenPaths.checks.${id}.severity: "${severity}"; allowed: error, warning`,
        );
      }
      checks[id] = {
        enabled: entry.getOptionalBoolean('enabled') ?? true,
        severity: severity as 'error' | 'warning' | undefined,
      };
    }
  };
  readChecks(root?.getOptionalConfig('checks'), '');
  const maxAgeHours = root?.getOptionalNumber('driftReportMaxAgeHours');
  return {
    schedule,
    checks,
    thresholds: {
      minOwnerTeamSize: root?.getOptionalNumber('minOwnerTeamSize') ?? 2,
      driftReportMaxAgeMs:
        maxAgeHours !== undefined ? maxAgeHours * 3600_000 : driftStaleAfterMs,
      modelCardFields,
    },
  };
}
