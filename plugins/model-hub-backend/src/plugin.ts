import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { modelHubPermissions } from '@model-hub/backstage-plugin-model-hub-common';
import {
  readDuration,
  readGovernanceCheckSchedule,
  readGovernancePolicy,
  readMaxRequestBodySize,
} from './config';
import { DatabaseModelHubStores } from './database/DatabaseModelHubStores';
import { registerReadActions, registerWriteActions } from './actions';
import { createRouter } from './router';
import { DriftService } from './service/DriftService';
import { GovernanceService } from './service/GovernanceService';
import { ModelAccess } from './service/ModelAccess';
import { CatalogModelCatalog } from './service/ModelCatalog';
import { BackstageModelHubNotifier } from './service/ModelHubNotifier';
import { ModelVersionService } from './service/ModelVersionService';
import { OperationsMetricsService } from './service/OperationsMetricsService';
import { StatusService } from './service/StatusService';

/**
 * Model Hub backend plugin: versions, drift reports, reviews and the audit
 * trail of catalog models.
 *
 * @public
 */
export const modelHubPlugin = createBackendPlugin({
  pluginId: 'model-hub',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        config,
        logger,
        database,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        scheduler,
        catalog,
        notifications,
        actionsRegistry,
      }) {
        permissionsRegistry.addPermissions(modelHubPermissions);

        const clock = () => new Date();
        const stores = await DatabaseModelHubStores.create({ database });
        const models = new CatalogModelCatalog(catalog);
        const access = new ModelAccess(models, permissions);
        const notifier = new BackstageModelHubNotifier(notifications, logger);
        const versions = new ModelVersionService({ stores, access, clock });
        const governance = new GovernanceService({
          stores,
          access,
          notifier,
          clock,
          policy: readGovernancePolicy(config),
        });
        const drift = new DriftService({
          stores,
          access,
          notifier,
          clock,
          staleAfter: readDuration(config, 'modelHub.drift.staleAfter', {
            hours: 48,
          }),
        });
        const status = new StatusService({
          stores,
          models,
          access,
          governance,
          drift,
        });
        const operations = new OperationsMetricsService({
          stores,
          access,
          clock,
        });

        // Global scope: one run across all replicas of the backend.
        await scheduler.scheduleTask({
          id: 'model-hub-governance-checks',
          scope: 'global',
          ...readGovernanceCheckSchedule(config),
          fn: async () => {
            const overdue = await governance.markOverdueReviews();
            const stale = await drift.markStaleDrift();
            if (overdue || stale) {
              logger.info(
                `Marked ${overdue} reviews overdue and ${stale} drift monitors stale`,
              );
            }
          },
        });

        // The same operations for AI agents (MCP) and templates.
        registerReadActions({ actionsRegistry, catalog, status, governance });
        registerWriteActions({ actionsRegistry, versions, drift });

        httpRouter.use(
          await createRouter({
            httpAuth,
            versions,
            governance,
            drift,
            status,
            operations,
            maxRequestBodySize: readMaxRequestBodySize(config),
          }),
        );
      },
    });
  },
});
