import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { RiskLevel } from '@model-hub/backstage-plugin-model-hub-common';
import { ModelReview, ModelVersion } from '../database/types';

/*
 * Separation of duties (independent validation, the core control of model
 * risk management): who may decide a review. Pure, so it is tested directly.
 */

/** Who may review the models of one risk level. */
export type ReviewerRule = {
  /**
   * Groups whose members may decide. Empty: anyone the permission
   * framework allows.
   */
  reviewerGroups: string[];
  /** Members of the model's owning group never decide (its developers). */
  independentOfOwner: boolean;
};

export type ReviewerRules = Record<RiskLevel, ReviewerRule>;

/**
 * By default anyone with the decide permission reviews Low and Medium
 * models, and High and Severe models are validated outside the team that
 * owns them, as SR 11-7 asks for the highest tiers.
 */
export const DEFAULT_REVIEWER_RULES: ReviewerRules = {
  Low: { reviewerGroups: [], independentOfOwner: false },
  Medium: { reviewerGroups: [], independentOfOwner: false },
  High: { reviewerGroups: [], independentOfOwner: true },
  Severe: { reviewerGroups: [], independentOfOwner: true },
};

/** A person about to decide: their user ref and the groups they belong to. */
export type Reviewer = {
  userEntityRef: string;
  /** The user and their groups, as Backstage's user info gives them. */
  ownershipEntityRefs: string[];
};

/** The people a review must be independent of. */
export type ReviewParties = {
  riskLevel: RiskLevel;
  /** The model's owner, as in `spec.owner`. */
  modelOwner: string;
  publishedBy: string;
  /** The person a CI publish said it acted for. */
  publishedOnBehalfOf?: string;
  requestedBy: string;
  requestedOnBehalfOf?: string;
};

/** The parties of a review, from the review, its version and the model's owner. */
export function reviewParties(
  review: Pick<
    ModelReview,
    'riskLevel' | 'requestedBy' | 'requestedOnBehalfOf'
  >,
  version: Pick<ModelVersion, 'publishedBy' | 'publishedOnBehalfOf'>,
  modelOwner: string,
): ReviewParties {
  return {
    riskLevel: review.riskLevel,
    modelOwner,
    publishedBy: version.publishedBy,
    publishedOnBehalfOf: version.publishedOnBehalfOf,
    requestedBy: review.requestedBy,
    requestedOnBehalfOf: review.requestedOnBehalfOf,
  };
}

/** Normalises a group reference the way the catalog stores `spec.owner`. */
export function groupRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind: 'group',
      defaultNamespace: DEFAULT_NAMESPACE,
    }),
  );
}

/**
 * Why this reviewer may not decide this review, or undefined when they may.
 * The reason is written for the reviewer (it becomes the 403 message).
 */
export function reviewerIneligibility(
  reviewer: Reviewer,
  parties: ReviewParties,
  rules: ReviewerRules,
): string | undefined {
  const me = reviewer.userEntityRef;
  if (me === parties.publishedBy || me === parties.publishedOnBehalfOf) {
    return `${me} published this version and cannot review it`;
  }
  if (me === parties.requestedBy || me === parties.requestedOnBehalfOf) {
    return `${me} requested this review and cannot decide it`;
  }
  const rule = rules[parties.riskLevel];
  const memberships = new Set(
    reviewer.ownershipEntityRefs.map(ref => normalised(ref)),
  );
  const owner = normalised(parties.modelOwner, 'group');
  // A service that published without naming a person: anyone of the owning
  // team may be behind the pipeline, so all of them count as its publisher.
  if (
    parties.publishedBy.startsWith('service:') &&
    !parties.publishedOnBehalfOf &&
    memberships.has(owner)
  ) {
    return `${me} is a member of ${owner}, which owns the model; a service published this version without naming a person, so every member of the owning team counts as its publisher`;
  }
  if (rule.independentOfOwner && memberships.has(owner)) {
    return `${me} is a member of ${owner}, which owns the model; ${parties.riskLevel} models are validated outside their owning team`;
  }
  if (
    rule.reviewerGroups.length > 0 &&
    !rule.reviewerGroups.some(group => memberships.has(groupRef(group)))
  ) {
    return `${me} is not in a reviewer group for ${
      parties.riskLevel
    } models (${rule.reviewerGroups.join(', ')})`;
  }
  return undefined;
}

/** An entity ref in the catalog's form; refs that do not parse stay as given. */
function normalised(ref: string, defaultKind?: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind }));
  } catch {
    return ref;
  }
}
