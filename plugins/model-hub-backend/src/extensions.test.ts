import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { DEFAULT_GOVERNANCE_POLICY } from '@model-hub/backstage-plugin-model-hub-common';
import {
  ModelHubNotification,
  modelHubGovernanceExtensionPoint,
  modelHubNotifiersExtensionPoint,
} from '@model-hub/backstage-plugin-model-hub-node';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');

describe.each(ids)('model-hub-node extension points on %s', databaseId => {
  it('uses a policy provider and notifiers added by another module', async () => {
    const chat: Array<{
      modelRef: string;
      notification: ModelHubNotification;
    }> = [];
    const adopterModule = createBackendModule({
      pluginId: 'model-hub',
      moduleId: 'acme-governance',
      register(reg) {
        reg.registerInit({
          deps: {
            governance: modelHubGovernanceExtensionPoint,
            notifiers: modelHubNotifiersExtensionPoint,
          },
          async init({ governance, notifiers }) {
            // Acme asks three approvals for every model in consumer credit.
            governance.setPolicyProvider({
              async getPolicy(model) {
                if (model.spec.risk.businessDomain !== 'consumer-credit') {
                  return DEFAULT_GOVERNANCE_POLICY;
                }
                const levels = { ...DEFAULT_GOVERNANCE_POLICY.levels };
                levels.Low = { ...levels.Low, approvals: 3 };
                return { ...DEFAULT_GOVERNANCE_POLICY, levels };
              },
            });
            notifiers.addNotifier(
              {
                async notifyModelOwners() {
                  throw new Error('chat is down');
                },
              },
              {
                async notifyModelOwners(modelRef, notification) {
                  chat.push({ modelRef, notification });
                },
              },
            );
          },
        });
      },
    });
    const { backend, base, sent } = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
      extraFeatures: [adopterModule],
    });
    try {
      const model = `${base}/models/default/credit-scoring-pd`;
      const governance = await callJson(`${model}/governance`, { auth: dana });
      expect(governance.body.riskLevel).toBe('Low');
      expect(governance.body.policy.approvals).toBe(3);

      await callJson(`${model}/versions`, {
        auth: dana,
        body: {
          version: '1.0.0',
          artifactUri: 's3://m/1.0.0',
          referenceProfile: { rows: incomeRows(300, 0) },
        },
      });
      const report = await callJson(`${model}/versions/1.0.0/drift-reports`, {
        auth: dana,
        body: { environment: 'production', rows: incomeRows(300, 25000) },
      });
      expect(report.status).toBe(201);
      // The failing notifier neither stopped the others nor the report.
      expect(chat).toEqual([
        {
          modelRef: 'model:default/credit-scoring-pd',
          notification: expect.objectContaining({
            topic: 'model-hub.drift',
            severity: 'high',
          }),
        },
      ]);
      expect(sent).toHaveLength(1);
    } finally {
      await backend.stop();
    }
  });
});
