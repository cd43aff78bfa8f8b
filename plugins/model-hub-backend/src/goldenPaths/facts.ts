import type { Entity } from '@backstage/catalog-model';
import type {
  GovernanceLevelPolicy,
  ModelEntity,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';
import type { ModelSummary } from '../service/modelSummary';

/** What the built-in model checks know about a model: gathered in batches, then checked without I/O. */
export type ModelFacts = {
  entity: ModelEntity;
  riskLevel: RiskLevel;
  /** The governance policy of the model's level (review cadence, evidence). */
  policy: GovernanceLevelPolicy;
  /** Members of the owning group; undefined when the owner is not a group in the catalog. */
  ownerMembers?: number;
  summary: ModelSummary;
  /** The newest drift window end over all environments. */
  latestDriftWindowEnd?: string;
  now: Date;
};

/** A model a service depends on, as the service checks see it. */
export type UsedModelFacts = {
  ref: string;
  /** Undefined when the model is not in the catalog. */
  entity?: ModelEntity;
  riskLevel?: RiskLevel;
  summary?: ModelSummary;
  /** The version the service pins (model-hub.io/pinned-versions). */
  pinnedVersion?: string;
};

/** What the built-in service checks know about a service that uses models. */
export type ServiceFacts = {
  entity: Entity;
  models: UsedModelFacts[];
  /** Refs the service depends on (normalised), to see whether fallbacks are wired. */
  dependsOn: string[];
};

/** Thresholds and cadences of the built-in checks (`modelHub.goldenPaths`). */
export type GoldenPathThresholds = {
  minOwnerTeamSize: number;
  /** A drift report older than this does not count as active monitoring. */
  driftReportMaxAgeMs: number;
  /** Model card fields each risk level requires. */
  modelCardFields: Record<RiskLevel, ModelCardField[]>;
};

export const MODEL_CARD_FIELDS = [
  'description',
  'intendedUse',
  'limitations',
  'metrics',
  'outOfScopeUses',
  'tradeoffs',
  'ethicalConsiderations',
  'trainingData',
] as const;
export type ModelCardField = (typeof MODEL_CARD_FIELDS)[number];
