import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  GovernancePolicy,
  ModelEntity,
} from '@model-hub/backstage-plugin-model-hub-common';

/**
 * A message about one model, for its owners.
 *
 * @public
 */
export type ModelHubNotification = {
  title: string;
  description: string;
  severity: 'critical' | 'high' | 'normal' | 'low';
  /** Groups notifications of one kind, e.g. `model-hub.drift`. */
  topic: string;
  link?: string;
};

/**
 * Tells the owners of a model that something happened to it (drift, a review
 * decision, an expired approval). Model Hub always sends Backstage
 * notifications; adopters add notifiers for chat, paging or ticketing.
 *
 * @public
 */
export interface ModelHubNotifier {
  notifyModelOwners(
    modelRef: string,
    notification: ModelHubNotification,
  ): Promise<void>;
}

/** @public */
export interface ModelHubNotifiersExtensionPoint {
  addNotifier(...notifiers: ModelHubNotifier[]): void;
}

/**
 * Adds notifiers next to Backstage notifications.
 *
 * @public
 */
export const modelHubNotifiersExtensionPoint =
  createExtensionPoint<ModelHubNotifiersExtensionPoint>({
    id: 'model-hub.notifiers',
  });

/**
 * Decides the governance policy (evidence, approvals, review cadence per risk
 * level) that applies to a model. The default reads `modelHub.governance` from
 * app-config; an organisation with its own model risk management rules (per
 * business domain, per regulator) provides its own.
 *
 * @public
 */
export interface ModelHubGovernancePolicyProvider {
  getPolicy(model: ModelEntity): Promise<GovernancePolicy>;
}

/** @public */
export interface ModelHubGovernanceExtensionPoint {
  setPolicyProvider(provider: ModelHubGovernancePolicyProvider): void;
}

/**
 * Replaces the governance policy provider.
 *
 * @public
 */
export const modelHubGovernanceExtensionPoint =
  createExtensionPoint<ModelHubGovernanceExtensionPoint>({
    id: 'model-hub.governance',
  });

/**
 * The verdict of a golden-path check on one entity.
 *
 * @public
 */
export type GoldenPathVerdict = {
  result: 'pass' | 'fail' | 'not-applicable';
  /** Why, in words a team can act on. */
  reason: string;
  /** What to do to pass, when it fails. */
  remedy?: string;
};

/**
 * A golden-path check of a model or of a service that uses models, such as
 * "High and Severe models have a fallback".
 *
 * @public
 */
export interface GoldenPathCheck {
  /** Stable id, e.g. `acme.model-has-runbook`. */
  id: string;
  title: string;
  description?: string;
  severity: 'error' | 'warning';
  /** Whether the check applies to this entity at all. */
  appliesTo(entity: Entity): boolean;
  evaluate(entity: Entity): Promise<GoldenPathVerdict>;
}

/** @public */
export interface ModelHubGoldenPathsExtensionPoint {
  addChecks(...checks: GoldenPathCheck[]): void;
}

/**
 * Adds custom golden-path checks next to Model Hub's own.
 *
 * @public
 */
export const modelHubGoldenPathsExtensionPoint =
  createExtensionPoint<ModelHubGoldenPathsExtensionPoint>({
    id: 'model-hub.golden-paths',
  });
