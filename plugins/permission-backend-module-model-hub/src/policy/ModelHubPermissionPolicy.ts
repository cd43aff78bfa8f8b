import { Config } from '@backstage/config';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogIngestionManagePermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isReadPermission,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  actionExecutePermission,
  RESOURCE_TYPE_SCAFFOLDER_TASK,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  modelHubPolicyOverridePermission,
  modelHubReadPermission,
  modelHubReviewDecidePermission,
  modelHubVersionPublishPermission,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelHubRoles, readModelHubRoles } from './roles';

/**
 * Who may do something, from the most open to the narrowest.
 *
 * @public
 */
export type ModelHubPolicyRule =
  /** Every signed-in user. */
  | 'signedIn'
  /** Members of the entity's owning group (a conditional decision). */
  | 'entityOwners'
  /** Members of the entity's owning group, and portal admins. */
  | 'entityOwnersAndPortalAdmins'
  /** Whoever started the scaffolder task, and portal admins. */
  | 'taskOwnersAndPortalAdmins'
  /** Members of a reviewer group, or listed reviewers. */
  | 'reviewers'
  /** `modelHub.governance.admins`. */
  | 'governanceAdmins'
  /** `modelHub.permissionPolicy.portalAdmins`. */
  | 'portalAdmins'
  /** Nobody: a Model Hub permission this policy has no rule for yet. */
  | 'nobody';

/**
 * The rule of each permission the policy knows by name. A permission not
 * listed here is allowed to every signed-in user when it reads (its action
 * attribute is `read`), and otherwise to portal admins, or to nobody when it
 * is Model Hub's (`model-hub.*`): a new governance power gets a rule here
 * before anyone holds it.
 *
 * @public
 */
export const modelHubPolicyRules: Readonly<Record<string, ModelHubPolicyRule>> =
  {
    // Model Hub. Governance roles are not portal admin powers: a portal admin
    // publishes, reviews or overrides only when they also hold the role.
    [modelHubReadPermission.name]: 'signedIn',
    [modelHubVersionPublishPermission.name]: 'entityOwners',
    // Submitting drift windows (modelHubDriftSubmitPermission).
    'model-hub.drift.submit': 'entityOwners',
    [modelHubReviewDecidePermission.name]: 'reviewers',
    [modelHubPolicyOverridePermission.name]: 'governanceAdmins',

    // Catalog: everyone reads, and registers entities (the templates'
    // catalog:register step registers as the user; what kinds may be
    // registered is up to `catalog.rules`). Owners refresh their entities;
    // removing anything from the catalog is for portal admins.
    [catalogEntityReadPermission.name]: 'signedIn',
    [catalogLocationReadPermission.name]: 'signedIn',
    [catalogEntityCreatePermission.name]: 'signedIn',
    [catalogLocationCreatePermission.name]: 'signedIn',
    [catalogLocationAnalyzePermission.name]: 'signedIn',
    [catalogEntityValidatePermission.name]: 'signedIn',
    [catalogEntityRefreshPermission.name]: 'entityOwnersAndPortalAdmins',
    [catalogEntityDeletePermission.name]: 'portalAdmins',
    [catalogLocationDeletePermission.name]: 'portalAdmins',
    [catalogIngestionManagePermission.name]: 'portalAdmins',

    // Scaffolder: everyone runs templates and follows their own tasks;
    // editing and dry-running templates, and other users' tasks, are for
    // portal admins.
    [templateParameterReadPermission.name]: 'signedIn',
    [templateStepReadPermission.name]: 'signedIn',
    [taskCreatePermission.name]: 'signedIn',
    [actionExecutePermission.name]: 'signedIn',
    [taskReadPermission.name]: 'taskOwnersAndPortalAdmins',
    [taskCancelPermission.name]: 'taskOwnersAndPortalAdmins',
    [templateDryRunPermission.name]: 'portalAdmins',
    [templateManagementPermission.name]: 'portalAdmins',
  };

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** The rule of a permission {@link modelHubPolicyRules} does not list. */
function defaultRule(permission: Permission): ModelHubPolicyRule {
  if (isReadPermission(permission)) {
    return 'signedIn';
  }
  return permission.name.startsWith('model-hub.') ? 'nobody' : 'portalAdmins';
}

/** Allowed on the catalog entities the user's groups own (conditional). */
function ownedEntity(
  permission: Permission,
  ownershipEntityRefs: string[],
): PolicyDecision {
  if (!isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
    return DENY;
  }
  return createCatalogConditionalDecision(
    permission,
    catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
  );
}

/** Allowed on the scaffolder tasks the user started (conditional). */
function ownTask(
  permission: Permission,
  userEntityRef: string,
): PolicyDecision {
  if (!isResourcePermission(permission, RESOURCE_TYPE_SCAFFOLDER_TASK)) {
    return DENY;
  }
  return createScaffolderTaskConditionalDecision(
    permission,
    scaffolderTaskConditions.isTaskOwner({ createdBy: [userEntityRef] }),
  );
}

/**
 * Model Hub's permission policy: model owners publish, reviewers decide
 * reviews, governance admins override policies, portal admins run the
 * catalog and the scaffolder, and every signed-in user reads. Requests
 * without a signed-in user are denied. Service tokens never reach a policy:
 * their access restrictions decide (`backend.auth.externalAccess`).
 *
 * @public
 */
export class ModelHubPermissionPolicy implements PermissionPolicy {
  /** The policy with the roles of app-config (see {@link readModelHubRoles}). */
  static fromConfig(config: Config): ModelHubPermissionPolicy {
    return new ModelHubPermissionPolicy(readModelHubRoles(config));
  }

  constructor(private readonly roles: ModelHubRoles) {}

  /** Decides one request by the rule of its permission (see {@link modelHubPolicyRules}). */
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return DENY;
    }
    const { permission } = request;
    const { userEntityRef, ownershipEntityRefs } = user.info;
    const holds = (role: string[]) =>
      [userEntityRef, ...ownershipEntityRefs].some(ref =>
        role.includes(ref.toLocaleLowerCase('en-US')),
      );
    const rule =
      modelHubPolicyRules[permission.name] ?? defaultRule(permission);

    switch (rule) {
      case 'signedIn':
        return ALLOW;
      case 'entityOwners':
        return ownedEntity(permission, ownershipEntityRefs);
      case 'entityOwnersAndPortalAdmins':
        return holds(this.roles.portalAdmins)
          ? ALLOW
          : ownedEntity(permission, ownershipEntityRefs);
      case 'taskOwnersAndPortalAdmins':
        return holds(this.roles.portalAdmins)
          ? ALLOW
          : ownTask(permission, userEntityRef);
      case 'reviewers':
        return holds(this.roles.reviewers) ? ALLOW : DENY;
      case 'governanceAdmins':
        return holds(this.roles.governanceAdmins) ? ALLOW : DENY;
      case 'portalAdmins':
        return holds(this.roles.portalAdmins) ? ALLOW : DENY;
      case 'nobody':
      default:
        return DENY;
    }
  }
}
