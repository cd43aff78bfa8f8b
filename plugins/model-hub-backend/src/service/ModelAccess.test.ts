import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ServerPermissionClient } from '@backstage/plugin-permission-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ModelEntity,
  modelHubReadPermission,
  modelHubReviewDecidePermission,
  modelHubVersionPublishPermission,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelAccess } from './ModelAccess';
import { ModelCatalog } from './ModelCatalog';

/*
 * A production CI token is restricted to Model Hub's publish-side permissions
 * (app-config.production.yaml). Backstage never delegates such a token to
 * another plugin, so Model Hub must read the model from the catalog as
 * itself, after the token's restrictions allowed the operation.
 */
describe('ModelAccess with service tokens', () => {
  const auth = mockServices.auth({ pluginId: 'model-hub' });
  // Backstage's own client: it decides service principals by their access
  // restrictions without asking the permission backend.
  const permissions = ServerPermissionClient.fromConfig(
    new ConfigReader({ permission: { enabled: true } }),
    { auth, discovery: mockServices.discovery() },
  );
  const entity = {
    kind: 'Model',
    metadata: { name: 'fraud', namespace: 'default' },
  } as ModelEntity;
  let readAs: BackstageCredentials[];
  const models: ModelCatalog = {
    getModel: async (_ref, credentials) => {
      readAs.push(credentials);
      return entity;
    },
    getModels: async () => new Map(),
  };
  const access = new ModelAccess(
    models,
    permissions,
    auth,
    mockServices.userInfo(),
  );
  const model = { namespace: 'default', name: 'fraud' };
  const ciToken = mockCredentials.service('model-hub-ci', {
    permissionNames: [
      modelHubReadPermission.name,
      modelHubVersionPublishPermission.name,
    ],
  });

  beforeEach(() => {
    readAs = [];
  });

  it('lets a restricted CI token publish, reading the model as Model Hub', async () => {
    await expect(
      access.resolve(model, ciToken, modelHubVersionPublishPermission),
    ).resolves.toEqual({
      entity,
      modelRef: 'model:default/fraud',
      actor: 'service:model-hub-ci',
    });
    expect(readAs).toHaveLength(1);
    expect(auth.isPrincipal(readAs[0], 'service')).toBe(true);
    expect(readAs[0].principal).toMatchObject({ subject: 'plugin:model-hub' });
  });

  it('refuses what the token is not restricted to, before reading the catalog', async () => {
    await expect(
      access.resolve(model, ciToken, modelHubReviewDecidePermission),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'Not allowed: model-hub.review.decide on model:default/fraud',
    });
    expect(readAs).toEqual([]);
  });

  it('reads the model with the credentials of a signed-in user', async () => {
    const user = mockCredentials.user('user:default/dana');
    const userAccess = new ModelAccess(
      models,
      mockServices.permissions(),
      auth,
      mockServices.userInfo(),
    );

    await userAccess.resolve(model, user, modelHubVersionPublishPermission);

    expect(readAs).toEqual([user]);
  });
});

/*
 * Every tab of the model page reads the model's entity (governance, reviews):
 * a caller who may read every model unconditionally is answered from what
 * Model Hub read from the catalog moments ago; anyone else reads through the
 * catalog with their own credentials, every time, so a conditional policy
 * is never bypassed by what another caller read.
 */
describe('ModelAccess.readableModel', () => {
  const auth = mockServices.auth({ pluginId: 'model-hub' });
  const entity = {
    kind: 'Model',
    metadata: { name: 'fraud', namespace: 'default' },
  } as ModelEntity;
  const model = { namespace: 'default', name: 'fraud' };
  const reader = mockCredentials.user('user:default/reader');
  const conditional = mockCredentials.user('user:default/contractor');
  let readAs: BackstageCredentials[];
  const models: ModelCatalog = {
    getModel: async (_ref, credentials) => {
      readAs.push(credentials);
      return entity;
    },
    // Model Hub's own reads of cache misses come in batches.
    getModels: async (refs, credentials) => {
      readAs.push(credentials);
      return new Map(refs.map(ref => [ref, entity]));
    },
  };
  const permissions = mockServices.permissions.mock({
    async authorizeConditional(requests, options) {
      const principal = options.credentials.principal as {
        userEntityRef?: string;
      };
      return requests.map(() =>
        principal.userEntityRef === 'user:default/contractor'
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_OWNER',
                resourceType: 'catalog-entity',
                params: { claims: ['group:default/contractors'] },
              },
            }
          : { result: AuthorizeResult.ALLOW },
      );
    },
    async authorize(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  });
  const indexed = new Set(['model:default/fraud']);
  const access = () =>
    new ModelAccess(models, permissions, auth, mockServices.userInfo(), {
      isIndexed: async ref => indexed.has(ref),
    });

  beforeEach(() => {
    readAs = [];
  });

  it('reads an indexed model from the catalog once for callers who read every model', async () => {
    const modelAccess = access();

    for (let i = 0; i < 3; i++) {
      await expect(modelAccess.readableModel(model, reader)).resolves.toEqual({
        entity,
        modelRef: 'model:default/fraud',
      });
    }

    expect(readAs).toHaveLength(1);
    expect(readAs[0].principal).toMatchObject({ subject: 'plugin:model-hub' });
  });

  it('reads through the catalog with the caller’s credentials under conditions, every time', async () => {
    const modelAccess = access();
    await modelAccess.readableModel(model, reader);

    await modelAccess.readableModel(model, conditional);
    await modelAccess.readableModel(model, conditional);

    expect(readAs.slice(1)).toEqual([conditional, conditional]);
  });

  it('reads a model the index does not have from the catalog', async () => {
    const modelAccess = access();
    const other = { namespace: 'default', name: 'new-model' };

    await modelAccess.readableModel(other, reader);
    await modelAccess.readableModel(other, reader);

    expect(readAs).toEqual([reader, reader]);
  });
});
