import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
// The tests run the real Model Hub backend next to this module, on purpose.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import modelHubPlugin from '@model-hub/backstage-plugin-model-hub-backend';
import { scaffolderModuleModelHub } from '../module';

/**
 * This module next to the real Model Hub backend plugin, which its actions
 * read through modelHubServiceRef over HTTP. The catalog is Backstage's
 * catalogServiceMock; the scaffolder is stood in for by its extension point,
 * which collects the module's actions. Notifications are dropped.
 */
export async function startActionsBackend(
  entities: Entity[],
  config?: JsonObject,
) {
  const actions: TemplateAction<any, any, any>[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        { addActions: (...added: any[]) => actions.push(...added) },
      ],
    ],
    features: [
      scaffolderModuleModelHub,
      modelHubPlugin,
      catalogServiceMock.factory({ entities }),
      ...(config ? [mockServices.rootConfig.factory({ data: config })] : []),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  return {
    backend,
    base: `http://localhost:${backend.server.port()}`,
    action(id: string) {
      const found = actions.find(a => a.id === id);
      if (!found) throw new Error(`no action ${id}`);
      return found;
    },
  };
}

/** The outputs an action gave through ctx.output, by name. */
export function outputsOf(output: unknown): Record<string, any> {
  return Object.fromEntries((output as jest.Mock).mock.calls);
}
