import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ServerPermissionClient } from '@backstage/plugin-permission-node';
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
