import { InputError } from '@backstage/errors';
import {
  GovernanceLevelPolicy,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';
import { groupRef, Reviewer } from './separationOfDuties';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/*
 * Who may override a model's policy, and how far: pure, tested directly.
 * An override is an act of governance, never of the team whose model it
 * governs: otherwise the owners lower their own bar and a teammate approves.
 */

/** Who may override, and the floor per level (`modelHub.governance`). */
export type OverrideRules = {
  /** User or group refs of governance admins; empty: nobody overrides. */
  admins: string[];
  /** Per level, what an override may not go below; unset fields: the level's policy. */
  floors: Partial<Record<RiskLevel, Partial<GovernanceLevelPolicy>>>;
};

/** The people an override must be independent of. */
export type OverrideParties = {
  /** The model's owning group, as in `spec.owner`. */
  modelOwner: string;
  /** Who published (or was named as publishing) a version of the model. */
  publishers: string[];
  /** Who requested (or was named as requesting) a review still open. */
  openRequesters: string[];
};

/**
 * Why this person may not override the model's policy, or undefined when
 * they may: a governance admin who neither belongs to the owning team nor
 * published a version nor asked for an open review.
 */
export function overrideRefusal(
  caller: Reviewer,
  parties: OverrideParties,
  rules: OverrideRules,
): string | undefined {
  const me = caller.userEntityRef;
  const memberships = new Set(caller.ownershipEntityRefs.map(r => normal(r)));
  if (!rules.admins.some(admin => memberships.has(normal(admin)))) {
    return rules.admins.length === 0
      ? 'No governance admins are configured (modelHub.governance.admins); policy overrides are disabled'
      : `${me} is not a governance admin (modelHub.governance.admins)`;
  }
  const owner = normal(parties.modelOwner, 'group');
  if (memberships.has(owner)) {
    return `${me} is a member of ${owner}, which owns the model; its policy is overridden outside its owning team`;
  }
  if (parties.publishers.includes(me)) {
    return `${me} published a version of this model and cannot override its policy`;
  }
  if (parties.openRequesters.includes(me)) {
    return `${me} requested an open review of this model and cannot override its policy`;
  }
  return undefined;
}

/**
 * The policy a model gets with an override, refused (400 naming the field)
 * where it goes below the floor: fewer approvals, evidence the floor keeps,
 * or a longer review cadence.
 */
export function assertAboveFloor(
  overridden: GovernanceLevelPolicy,
  floor: GovernanceLevelPolicy,
  riskLevel: RiskLevel,
): void {
  if (overridden.approvals < floor.approvals) {
    throw new InputError(
      `policy.approvals: ${overridden.approvals} is below the floor of ${floor.approvals} for ${riskLevel} models`,
    );
  }
  const dropped = floor.evidence.filter(k => !overridden.evidence.includes(k));
  if (dropped.length > 0) {
    throw new InputError(
      `policy.evidence: ${riskLevel} models must keep ${dropped.join(', ')}`,
    );
  }
  if (overridden.reviewCadenceMonths > floor.reviewCadenceMonths) {
    throw new InputError(
      `policy.reviewCadenceMonths: ${overridden.reviewCadenceMonths} is longer than the floor of ${floor.reviewCadenceMonths} months for ${riskLevel} models`,
    );
  }
}

/** The floor of a level: the configured one over the model's own policy. */
export function overrideFloor(
  rules: OverrideRules,
  riskLevel: RiskLevel,
  policy: GovernanceLevelPolicy,
): GovernanceLevelPolicy {
  return { ...policy, ...rules.floors[riskLevel] };
}

function normal(ref: string, defaultKind?: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind }));
  } catch {
    return ref;
  }
}

/** Normalises a configured admin ref (a user or a group). */
export function adminRef(ref: string): string {
  const parsed = parseEntityRef(ref);
  const kind = parsed.kind.toLocaleLowerCase('en-US');
  if (kind !== 'user' && kind !== 'group') {
    throw new Error(`"${ref}" is not a user or group reference`);
  }
  return kind === 'group' ? groupRef(ref) : stringifyEntityRef(parsed);
}
