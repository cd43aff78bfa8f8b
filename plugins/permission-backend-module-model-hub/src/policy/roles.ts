import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { RISK_LEVELS } from '@model-hub/backstage-plugin-model-hub-common';

/**
 * Who holds Model Hub's configured roles: user or group entity refs, in the
 * lower case Backstage compares them in. A signed-in user holds a role when
 * their user entity ref or one of their ownership refs (their groups) is in
 * it. Model publishers are not configured: they are the members of the
 * model's owning group, from the catalog.
 *
 * @public
 */
export interface ModelHubRoles {
  /**
   * May decide reviews (`model-hub.review.decide`): the reviewer groups of
   * every governance level, and `modelHub.permissionPolicy.reviewers`.
   */
  reviewers: string[];
  /**
   * May override a model's governance policy (`model-hub.policy.override`):
   * `modelHub.governance.admins`.
   */
  governanceAdmins: string[];
  /**
   * Run the portal: delete catalog entities, unregister locations, manage
   * templates, see every scaffolder task, and any other plugin's permission
   * that is not a read: `modelHub.permissionPolicy.portalAdmins`.
   */
  portalAdmins: string[];
}

function readRefs(config: Config, key: string): string[] {
  return (config.getOptionalStringArray(key) ?? []).map(value => {
    let ref;
    try {
      ref = parseEntityRef(value);
    } catch {
      ref = undefined;
    }
    const kind = ref?.kind.toLocaleLowerCase('en-US');
    if (!ref || (kind !== 'user' && kind !== 'group')) {
      throw new Error(
        `Invalid config at ${key}: "${value}" is not a user or group entity ref such as group:default/model-risk-management`,
      );
    }
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  });
}

/**
 * The roles from app-config: `modelHub.governance.admins`,
 * `modelHub.governance.levels.<level>.reviewerGroups`,
 * `modelHub.permissionPolicy.reviewers` and
 * `modelHub.permissionPolicy.portalAdmins`.
 *
 * @public
 */
export function readModelHubRoles(config: Config): ModelHubRoles {
  const reviewers = RISK_LEVELS.flatMap(level =>
    readRefs(config, `modelHub.governance.levels.${level}.reviewerGroups`),
  );
  reviewers.push(...readRefs(config, 'modelHub.permissionPolicy.reviewers'));
  return {
    reviewers: [...new Set(reviewers)],
    governanceAdmins: readRefs(config, 'modelHub.governance.admins'),
    portalAdmins: readRefs(config, 'modelHub.permissionPolicy.portalAdmins'),
  };
}
