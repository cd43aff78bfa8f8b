import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  assessModelRisk,
  DriftStatus,
  GovernanceState,
  ModelReadinessFacts,
  readinessFor,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelSummaryRows } from '../database/ModelSummaryStore';
import { ModelSummary } from './modelSummary';

/*
 * What the model index holds of a model, computed without I/O: the entity
 * fields the list filters, sorts and shows, and its status summary.
 */

/** The catalog fields of a Model entity that the list needs. */
export const MODEL_INDEX_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
  'spec.license',
  'spec.serving.endpoint',
  'spec.fallbackModel',
  'spec.risk',
];

export type ModelIndexEntry = {
  entityRef: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  tags: string[];
  type?: string;
  /** The owner as an entity ref, as the catalog's ownedBy relation has it. */
  owner?: string;
  system?: string;
  lifecycle?: string;
  license?: string;
  endpoint?: string;
  fallbackModel?: string;
  regulatoryCategory?: string;
  /** Undefined when the risk assessments cannot be assessed. */
  riskLevel?: RiskLevel;
};

export type ModelIndexStatus = {
  governanceStatus: GovernanceState;
  latestApprovedVersion?: string;
  driftStatus: DriftStatus;
  /** Environments with a drift report, and those whose latest one drifted. */
  reportedEnvironments: string[];
  driftingEnvironments: string[];
  /**
   * What the summary was computed from: the status call recomputes it at
   * read time, so time-based changes (stale drift, an expired approval) show
   * without waiting for a refresh.
   */
  summaryRows: ModelSummaryRows;
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function ownerRef(owner: unknown, namespace: string): string | undefined {
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    return owner;
  }
}

/** The risk level of a Model entity's assessments; undefined when invalid. */
export function riskLevelOf(risk: unknown): RiskLevel | undefined {
  try {
    return assessModelRisk(risk as any).level;
  } catch {
    // The catalog module refuses such entities; an older row may remain.
    return undefined;
  }
}

export function modelIndexEntryOf(entity: Entity): ModelIndexEntry {
  const spec = (entity.spec ?? {}) as Record<string, any>;
  const namespace = entity.metadata.namespace ?? 'default';
  return {
    entityRef: stringifyEntityRef(entity),
    namespace,
    name: entity.metadata.name,
    title: text(entity.metadata.title),
    description: text(entity.metadata.description),
    tags: Array.isArray(entity.metadata.tags)
      ? entity.metadata.tags.filter(t => typeof t === 'string')
      : [],
    type: text(spec.type),
    owner: ownerRef(spec.owner, namespace),
    system: text(spec.system),
    lifecycle: text(spec.lifecycle),
    license: text(spec.license),
    endpoint: text(spec.serving?.endpoint),
    fallbackModel: text(spec.fallbackModel),
    regulatoryCategory: text(spec.risk?.regulatoryCategory),
    riskLevel: riskLevelOf(spec.risk),
  };
}

export function modelIndexStatusOf(
  summary: ModelSummary,
  summaryRows: ModelSummaryRows,
): ModelIndexStatus {
  return {
    summaryRows,
    governanceStatus: summary.governanceStatus,
    latestApprovedVersion: summary.latestApprovedVersion,
    driftStatus: summary.driftStatus,
    reportedEnvironments: summary.drift.map(d => d.environment),
    driftingEnvironments: summary.drift
      .filter(d => d.status === 'drift')
      .map(d => d.environment),
  };
}

/**
 * What readiness is decided from, as the index keeps it: the drift status
 * of each reported environment is only known as drifting or not, which is
 * all the rule reads of it.
 */
export function indexedReadinessFacts(
  model: Pick<ModelIndexEntry, 'lifecycle' | 'regulatoryCategory'> &
    Pick<
      ModelIndexStatus,
      | 'latestApprovedVersion'
      | 'driftStatus'
      | 'reportedEnvironments'
      | 'driftingEnvironments'
    >,
): ModelReadinessFacts {
  return {
    lifecycle: model.lifecycle,
    regulatoryCategory: model.regulatoryCategory,
    latestApprovedVersion: model.latestApprovedVersion,
    driftStatus: model.driftStatus,
    drift: model.reportedEnvironments.map(environment => ({
      environment,
      status: model.driftingEnvironments.includes(environment)
        ? ('drift' as const)
        : ('ok' as const),
    })),
  };
}

/**
 * Model Hub's readiness rule (`readinessFor`) over what the index keeps.
 * The index's `readyFor` filter is the same rule in SQL
 * (DatabaseModelIndexStore), tested against `readinessFor` on shared
 * fixtures.
 */
export function isIndexedModelReadyFor(
  environment: string,
  model: Parameters<typeof indexedReadinessFacts>[0],
): boolean {
  return readinessFor(indexedReadinessFacts(model), environment).ready;
}
