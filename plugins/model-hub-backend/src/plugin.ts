import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  GoldenPathCheck,
  modelHubGoldenPathsExtensionPoint,
  modelHubGovernanceExtensionPoint,
  ModelHubGovernancePolicyProvider,
  ModelHubNotifier,
  modelHubNotifiersExtensionPoint,
} from '@model-hub/backstage-plugin-model-hub-node';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { modelHubPermissions } from '@model-hub/backstage-plugin-model-hub-common';
import {
  readDuration,
  readGovernanceCheckSchedule,
  readModelIndexSchedule,
  configGovernancePolicyProvider,
  readMaxRequestBodySize,
  readReviewerRules,
  readProductionTargets,
  readOverrideRules,
  readServiceActors,
  readDriftShapeLimits,
  readDriftWorkerOptions,
} from './config';
import { DriftWorkerPool } from './drift/DriftWorkerPool';
import { catalogPeopleDirectory } from './service/accountablePeople';
import { DatabaseModelHubStores } from './database/DatabaseModelHubStores';
import {
  registerReadActions,
  registerScorecardActions,
  registerWriteActions,
} from './actions';
import { DatabaseScorecardStore } from './database/DatabaseScorecardStore';
import {
  changeTrackingStores,
  debouncedEvaluator,
} from './goldenPaths/changeTracking';
import { readGoldenPathConfig } from './goldenPaths/config';
import { GoldenPathService } from './goldenPaths/GoldenPathService';
import { createRouter } from './router';
import { assertProductionPosture } from './productionPosture';
import { DriftService } from './service/DriftService';
import { DEFAULT_MAX_CLOCK_SKEW } from './service/driftTerms';
import { GovernanceService } from './service/GovernanceService';
import { ModelAccess } from './service/ModelAccess';
import { CatalogModelCatalog } from './service/ModelCatalog';
import {
  BackstageModelHubNotifier,
  FanOutModelHubNotifier,
} from './service/ModelHubNotifier';
import { ModelVersionService } from './service/ModelVersionService';
import { OperationsMetricsService } from './service/OperationsMetricsService';
import { StatusService } from './service/StatusService';
import { scheduleDemoDataSeeding } from './demo/DemoDataSeeder';
import { ModelListService } from './service/ModelListService';
import { ReviewInboxService } from './service/ReviewInboxService';
import { DatabaseModelSummaryStore } from './database/DatabaseModelSummaryStore';
import { DatabaseModelRevisionStore } from './database/DatabaseModelRevisionStore';
import { DatabaseModelIndexStore } from './database/DatabaseModelIndexStore';
import { ModelIndexService } from './service/ModelIndexService';
import { ApprovalTermsService } from './service/ApprovalTermsService';
import { DatabasePolicyOverrideStore } from './database/DatabasePolicyOverrideStore';
import { durationToMilliseconds } from '@backstage/types';

/**
 * Model Hub backend plugin: versions, drift reports, reviews and the audit
 * trail of catalog models.
 *
 * @public
 */
export const modelHubPlugin = createBackendPlugin({
  pluginId: 'model-hub',
  register(env) {
    // What adopters change through model-hub-node's extension points.
    const addedNotifiers: ModelHubNotifier[] = [];
    let policyProvider: ModelHubGovernancePolicyProvider | undefined;
    const goldenPathChecks = new Map<string, GoldenPathCheck>();

    env.registerExtensionPoint(modelHubNotifiersExtensionPoint, {
      addNotifier(...notifiers) {
        addedNotifiers.push(...notifiers);
      },
    });
    env.registerExtensionPoint(modelHubGovernanceExtensionPoint, {
      setPolicyProvider(provider) {
        if (policyProvider) {
          throw new Error(
            'The Model Hub governance policy provider was already set by another module',
          );
        }
        policyProvider = provider;
      },
    });
    env.registerExtensionPoint(modelHubGoldenPathsExtensionPoint, {
      addChecks(...checks) {
        for (const check of checks) {
          if (goldenPathChecks.has(check.id)) {
            throw new Error(`Golden-path check ${check.id} is added twice`);
          }
          goldenPathChecks.set(check.id, check);
        }
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        userInfo: coreServices.userInfo,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        config,
        logger,
        database,
        auth,
        httpAuth,
        httpRouter,
        permissions,
        userInfo,
        permissionsRegistry,
        scheduler,
        catalog,
        notifications,
        actionsRegistry,
        auditor,
        lifecycle,
      }) {
        assertProductionPosture(config);
        permissionsRegistry.addPermissions(modelHubPermissions);

        const clock = () => new Date();
        const knex = await database.getClient();
        const staleAfter = readDuration(config, 'modelHub.drift.staleAfter', {
          hours: 48,
        });
        const staleAfterMs = durationToMilliseconds(staleAfter);
        const governancePolicy =
          policyProvider ?? configGovernancePolicyProvider(config);
        const summaries = new DatabaseModelSummaryStore(knex);
        // Approvals count only while the terms that apply now are not
        // stricter than those they were given under.
        const terms = new ApprovalTermsService({
          policyProvider: governancePolicy,
          overrides: new DatabasePolicyOverrideStore(knex),
        });
        const modelIndexStore = new DatabaseModelIndexStore(knex);
        const modelIndex = new ModelIndexService({
          catalog,
          auth,
          summaries,
          index: modelIndexStore,
          clock,
          staleAfterMs,
          logger,
          terms,
        });
        const models = new CatalogModelCatalog(catalog);
        // Reads that need only a model's ref check it against the model index.
        const access = new ModelAccess(
          models,
          permissions,
          auth,
          userInfo,
          modelIndex,
          {
            people: catalogPeopleDirectory(catalog, auth),
            serviceActors: readServiceActors(config),
          },
        );
        const goldenPathConfig = readGoldenPathConfig(config, staleAfterMs);
        const goldenPaths = new GoldenPathService({
          catalog,
          auth,
          permissions,
          summaries,
          scorecards: new DatabaseScorecardStore(knex),
          terms,
          config: goldenPathConfig,
          customChecks: [...goldenPathChecks.values()],
          staleAfterMs,
          clock,
          logger,
          models: access,
          revisions: new DatabaseModelRevisionStore(knex, true),
        });
        // Every committed write re-evaluates the model's golden paths (and
        // those of the services that use it) shortly after, and refreshes
        // its row of the model index before the response, so that the model
        // list shows the write at once.
        const evaluateGoldenPathsLater = debouncedEvaluator({
          delayMs: 2000,
          evaluate: refs => goldenPaths.evaluateModelsAndUsers(refs),
          logger,
        });
        const stores = changeTrackingStores(
          await DatabaseModelHubStores.create({ database }),
          async refs => {
            evaluateGoldenPathsLater(refs);
            try {
              await modelIndex.refreshModels(refs);
            } catch (error) {
              // The write is committed; the next full refresh mends the row.
              logger.warn(`Model index refresh of ${refs} failed: ${error}`);
            }
          },
        );
        const reviewerRules = readReviewerRules(config);
        const notifier = new FanOutModelHubNotifier(
          [new BackstageModelHubNotifier(notifications), ...addedNotifiers],
          logger,
        );
        const driftShape = readDriftShapeLimits(config);
        const versions = new ModelVersionService({
          stores,
          access,
          clock,
          driftShape,
          terms,
          production: readProductionTargets(config),
        });
        const governance = new GovernanceService({
          stores,
          access,
          notifier,
          clock,
          terms,
          reviewerRules,
          overrideRules: readOverrideRules(config),
        });
        modelIndex.onApprovalsOutdated((ref, approvals) =>
          governance.notifyOutdatedApprovals(ref, approvals),
        );
        // Large windows are judged (and large window bodies parsed) in
        // worker threads, started with the first one.
        const driftWorkers = new DriftWorkerPool(
          readDriftWorkerOptions(config),
          logger,
        );
        lifecycle.addShutdownHook(() => driftWorkers.close());
        const drift = new DriftService({
          stores,
          access,
          notifier,
          clock,
          staleAfter,
          maxClockSkew: readDuration(
            config,
            'modelHub.drift.maxClockSkew',
            DEFAULT_MAX_CLOCK_SKEW,
          ),
          shape: driftShape,
          workers: driftWorkers,
        });
        const modelList = new ModelListService({
          catalog,
          summaries,
          permissions,
          clock,
          staleAfterMs,
          index: { store: modelIndexStore, service: modelIndex },
          terms,
        });
        const reviewInbox = new ReviewInboxService({
          stores,
          catalog,
          permissions,
          userInfo,
          reviewerRules,
          clock,
        });
        const status = new StatusService({
          summaries,
          models,
          permissions,
          clock,
          staleAfterMs,
          index: modelIndexStore,
          terms,
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

        // The model index: every Model entity and its status, once across
        // replicas (they share the table).
        await scheduler.scheduleTask({
          id: 'model-hub-model-index',
          scope: 'global',
          ...readModelIndexSchedule(config),
          fn: async () => {
            const started = Date.now();
            const run = await modelIndex.refreshAll();
            logger.debug(
              `Model index: ${run.models} models, ${run.removed} removed, in ${
                Date.now() - started
              } ms`,
            );
          },
        });

        // modelHub.demoData: a demo history for the example models, seeded
        // through the services above (src/demo). Off by default.
        if (config.getOptionalBoolean('modelHub.demoData')) {
          await scheduleDemoDataSeeding({
            scheduler,
            logger,
            stores,
            auth,
            catalog,
            permissions,
            staleAfter,
            policyProvider: governancePolicy,
            reviewerRules,
          });
        }

        // Golden paths: every model and every service that uses one, on a
        // schedule (once across replicas) and after each change.
        if (goldenPathChecks.size > 0) {
          logger.info(
            `Golden-path checks added by modules: ${[
              ...goldenPathChecks.keys(),
            ].join(', ')}`,
          );
        }
        await scheduler.scheduleTask({
          id: 'model-hub-golden-paths',
          scope: 'global',
          ...goldenPathConfig.schedule,
          fn: async () => {
            const run = await goldenPaths.evaluateAll();
            logger.info(
              `Golden paths: ${run.entities} entities, ${run.passed} checks passed, ${run.failed} failed`,
            );
          },
        });

        // The same operations for AI agents (MCP) and templates.
        registerReadActions({ actionsRegistry, catalog, status, governance });
        registerWriteActions({ actionsRegistry, versions, drift });
        registerScorecardActions({ actionsRegistry, goldenPaths });

        httpRouter.use(
          await createRouter({
            httpAuth,
            versions,
            governance,
            drift,
            status,
            modelList,
            reviewInbox,
            goldenPaths,
            operations,
            maxRequestBodySize: readMaxRequestBodySize(config),
            maxConcurrentLargeBodies:
              config.getOptionalNumber('modelHub.maxConcurrentLargeBodies') ??
              2,
            driftWorkers,
            auditor,
            logger,
          }),
        );
      },
    });
  },
});
