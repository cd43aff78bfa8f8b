import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import catalogModuleModelHub from '@model-hub/backstage-plugin-catalog-backend-module-model-hub';
import {
  modelHubPolicyOverridePermission,
  modelHubReviewDecidePermission,
  modelHubVersionPublishPermission,
} from '@model-hub/backstage-plugin-model-hub-common';
import { permissionModuleModelHub } from './module';
import { ModelHubPermissionPolicy } from './policy/ModelHubPermissionPolicy';

/*
 * The module in a real permission backend, beside the real catalog with a
 * Model entity: the roles of app-config decide reviews and overrides, and
 * whether a user may publish a model depends on the model's owner, which
 * only the catalog knows (it applies the policy's conditions).
 */

// The demo models of this repository; credit-scoring-pd is owned by
// group:default/credit-risk-analytics.
const models = path.resolve(
  __dirname,
  '../../../examples/model-hub/models.yaml',
);
const modelRef = 'model:default/credit-scoring-pd';

// Group memberships as the catalog's sign-in resolver would put them in the
// users' tokens.
const memberships: Record<string, string[]> = {
  'user:default/dana': ['group:default/credit-risk-analytics'],
  'user:default/mallory': ['group:default/marketing-analytics'],
  'user:default/mira': ['group:default/model-risk-management'],
  'user:default/grace': [],
};
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const { userEntityRef } = (
        credentials as { principal: { userEntityRef: string } }
      ).principal;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(memberships[userEntityRef] ?? []),
        ],
      };
    },
  }),
});

describe('permissionModuleModelHub', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleModelHub,
        catalogPlugin,
        catalogModuleModelHub,
        userInfoFactory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Model', 'Location'] }],
              locations: [{ type: 'file', target: models }],
            },
            modelHub: {
              governance: {
                admins: ['user:default/grace'],
                levels: {
                  High: {
                    reviewerGroups: ['group:default/model-risk-management'],
                  },
                },
              },
            },
          },
        }),
      ],
    });
    // The catalog's processing loop ingests the model.
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(
        `http://localhost:${backend.server.port()}/api/catalog/entities/by-name/model/default/credit-scoring-pd`,
        { headers: { Authorization: mockCredentials.service.header() } },
      );
      if (res.status === 200) break;
      if (attempt === 150) {
        throw new Error(`the model was never ingested: ${res.status}`);
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
  });

  async function authorize(
    userEntityRef: string,
    permission: typeof modelHubVersionPublishPermission,
  ) {
    const res = await fetch(
      `http://localhost:${backend.server.port()}/api/permission/authorize`,
      {
        method: 'POST',
        headers: {
          Authorization: mockCredentials.user.header(userEntityRef),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          items: [{ id: '1', permission, resourceRef: modelRef }],
        }),
      },
    );
    expect(res.status).toBe(200);
    const { items } = await res.json();
    return items[0].result;
  }

  /*
   * The permission backend sends the policy's conditions to the catalog,
   * which applies them to the model (the catalog accepts that request from a
   * plugin acting for the user, which the mock auth of startTestBackend
   * cannot produce, so the test sends it as a service).
   */
  async function publishDecision(userEntityRef: string) {
    const decision = await ModelHubPermissionPolicy.fromConfig(
      new ConfigReader({}),
    ).handle(
      { permission: modelHubVersionPublishPermission },
      {
        credentials: mockCredentials.user(userEntityRef),
        info: {
          userEntityRef,
          ownershipEntityRefs: [userEntityRef, ...memberships[userEntityRef]],
        },
      },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      throw new Error(
        `expected a conditional decision, got ${decision.result}`,
      );
    }
    const res = await fetch(
      `http://localhost:${backend.server.port()}/api/${
        decision.pluginId
      }/.well-known/backstage/permissions/apply-conditions`,
      {
        method: 'POST',
        headers: {
          Authorization: mockCredentials.service.header(),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          items: [
            {
              id: '1',
              resourceRef: modelRef,
              resourceType: decision.resourceType,
              conditions: decision.conditions,
            },
          ],
        }),
      },
    );
    expect(res.status).toBe(200);
    const { items } = await res.json();
    return items[0].result;
  }

  it('lets a member of the owning group publish the model, and no one else', async () => {
    expect(await publishDecision('user:default/dana')).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await publishDecision('user:default/mallory')).toBe(
      AuthorizeResult.DENY,
    );
    expect(await publishDecision('user:default/mira')).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets reviewers decide and governance admins override, from app-config', async () => {
    expect(
      await authorize('user:default/mira', modelHubReviewDecidePermission),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await authorize('user:default/dana', modelHubReviewDecidePermission),
    ).toBe(AuthorizeResult.DENY);
    expect(
      await authorize('user:default/grace', modelHubPolicyOverridePermission),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await authorize('user:default/mallory', modelHubPolicyOverridePermission),
    ).toBe(AuthorizeResult.DENY);
  });
});
