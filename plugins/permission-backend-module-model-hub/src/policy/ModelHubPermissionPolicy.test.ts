import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  actionExecutePermission,
  taskReadPermission,
  templateManagementPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  modelHubPolicyOverridePermission,
  modelHubReadPermission,
  modelHubReviewDecidePermission,
  modelHubVersionPublishPermission,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelHubPermissionPolicy } from './ModelHubPermissionPolicy';

const policy = ModelHubPermissionPolicy.fromConfig(
  new ConfigReader({
    modelHub: {
      governance: {
        admins: ['group:default/governance-board', 'user:default/grace'],
        levels: {
          High: { reviewerGroups: ['group:default/model-risk-management'] },
          Severe: { reviewerGroups: ['group:default/model-risk-management'] },
        },
      },
      permissionPolicy: {
        reviewers: ['user:default/rita'],
        portalAdmins: ['group:default/platform'],
      },
    },
  }),
);

function user(name: string, groups: string[] = []): PolicyQueryUser {
  const userEntityRef = `user:default/${name}`;
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: {
      userEntityRef,
      ownershipEntityRefs: [
        userEntityRef,
        ...groups.map(group => `group:default/${group}`),
      ],
    },
  };
}

// Dana is in the team that owns the model; Mallory is in no team of it.
const dana = user('dana', ['credit-risk']);
const mallory = user('mallory', ['marketing']);
const mira = user('mira', ['model-risk-management']);
const rita = user('rita');
const grace = user('grace');
const gus = user('gus', ['governance-board']);
const paula = user('paula', ['platform']);

const driftSubmitPermission = createPermission({
  name: 'model-hub.drift.submit',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

const decide = (permission: Permission, who?: PolicyQueryUser) =>
  policy.handle({ permission }, who);

const ownerCondition = (who: PolicyQueryUser) => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: who.info.ownershipEntityRefs },
  },
});

const ALLOW = { result: AuthorizeResult.ALLOW };
const DENY = { result: AuthorizeResult.DENY };

describe('ModelHubPermissionPolicy', () => {
  it('lets members of the owning group publish and submit drift: a conditional decision on the model', async () => {
    expect(await decide(modelHubVersionPublishPermission, dana)).toEqual(
      ownerCondition(dana),
    );
    expect(await decide(driftSubmitPermission, dana)).toEqual(
      ownerCondition(dana),
    );
  });

  it('gives an unrelated user reads, and neither reviews nor overrides', async () => {
    expect(await decide(modelHubReadPermission, mallory)).toEqual(ALLOW);
    expect(await decide(catalogEntityReadPermission, mallory)).toEqual(ALLOW);
    expect(await decide(modelHubReviewDecidePermission, mallory)).toEqual(DENY);
    expect(await decide(modelHubPolicyOverridePermission, mallory)).toEqual(
      DENY,
    );
    // Publishing only where their own groups own the model.
    expect(await decide(modelHubVersionPublishPermission, mallory)).toEqual(
      ownerCondition(mallory),
    );
  });

  it('lets members of a level’s reviewer group and listed reviewers decide reviews, and nothing more', async () => {
    for (const reviewer of [mira, rita]) {
      expect(await decide(modelHubReviewDecidePermission, reviewer)).toEqual(
        ALLOW,
      );
      expect(await decide(modelHubPolicyOverridePermission, reviewer)).toEqual(
        DENY,
      );
      expect(await decide(catalogEntityDeletePermission, reviewer)).toEqual(
        DENY,
      );
    }
  });

  it('lets governance admins (users or groups) override policies, without reviewing', async () => {
    for (const admin of [grace, gus]) {
      expect(await decide(modelHubPolicyOverridePermission, admin)).toEqual(
        ALLOW,
      );
      expect(await decide(modelHubReviewDecidePermission, admin)).toEqual(DENY);
      expect(await decide(catalogEntityDeletePermission, admin)).toEqual(DENY);
    }
  });

  it('lets portal admins run the catalog and scaffolder, but not Model Hub’s governance', async () => {
    for (const permission of [
      catalogEntityDeletePermission,
      catalogLocationDeletePermission,
      catalogEntityRefreshPermission,
      templateManagementPermission,
      taskReadPermission,
      createPermission({ name: 'kubernetes.proxy', attributes: {} }),
    ]) {
      expect(await decide(permission, paula)).toEqual(ALLOW);
    }
    expect(await decide(modelHubReviewDecidePermission, paula)).toEqual(DENY);
    expect(await decide(modelHubPolicyOverridePermission, paula)).toEqual(DENY);
    expect(await decide(modelHubVersionPublishPermission, paula)).toEqual(
      ownerCondition(paula),
    );
  });

  it('gives everyone the portal a Backstage user expects: register, run templates, own tasks and entities', async () => {
    expect(await decide(catalogLocationCreatePermission, mallory)).toEqual(
      ALLOW,
    );
    expect(await decide(actionExecutePermission, mallory)).toEqual(ALLOW);
    expect(await decide(catalogEntityRefreshPermission, mallory)).toEqual(
      ownerCondition(mallory),
    );
    expect(await decide(taskReadPermission, mallory)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      resourceType: 'scaffolder-task',
      conditions: {
        rule: 'IS_TASK_OWNER',
        resourceType: 'scaffolder-task',
        params: { createdBy: ['user:default/mallory'] },
      },
    });
    expect(await decide(catalogEntityDeletePermission, mallory)).toEqual(DENY);
    expect(await decide(catalogLocationDeletePermission, mallory)).toEqual(
      DENY,
    );
    expect(await decide(templateManagementPermission, mallory)).toEqual(DENY);
  });

  it('allows another plugin’s reads to everyone and the rest to portal admins only', async () => {
    const read = createPermission({
      name: 'kubernetes.clusters.read',
      attributes: { action: 'read' },
    });
    const write = createPermission({
      name: 'kubernetes.proxy',
      attributes: {},
    });

    expect(await decide(read, mallory)).toEqual(ALLOW);
    expect(await decide(write, mallory)).toEqual(DENY);
  });

  it('gives a Model Hub permission it has no rule for to nobody, portal admins included', async () => {
    const future = createPermission({
      name: 'model-hub.model.retire',
      attributes: { action: 'delete' },
      resourceType: 'catalog-entity',
    });

    expect(await decide(future, paula)).toEqual(DENY);
    expect(await decide(future, grace)).toEqual(DENY);
  });

  it('denies everything to requests without a signed-in user', async () => {
    expect(await decide(catalogEntityReadPermission)).toEqual(DENY);
    expect(await decide(modelHubReadPermission)).toEqual(DENY);
  });

  it('compares entity refs as Backstage does, ignoring case', async () => {
    const shouting = user('Mira', ['Model-Risk-Management']);

    expect(await decide(modelHubReviewDecidePermission, shouting)).toEqual(
      ALLOW,
    );
  });

  it('names the config key of a role that is not a user or group ref', () => {
    expect(() =>
      ModelHubPermissionPolicy.fromConfig(
        new ConfigReader({
          modelHub: { governance: { admins: ['model-risk-management'] } },
        }),
      ),
    ).toThrow(
      'Invalid config at modelHub.governance.admins: "model-risk-management" is not a user or group entity ref such as group:default/model-risk-management',
    );
    expect(() =>
      ModelHubPermissionPolicy.fromConfig(
        new ConfigReader({
          modelHub: {
            governance: {
              levels: { High: { reviewerGroups: ['component:default/x'] } },
            },
          },
        }),
      ),
    ).toThrow(/modelHub\.governance\.levels\.High\.reviewerGroups/);
  });
});
