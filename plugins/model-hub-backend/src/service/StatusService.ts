import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  assessModelRisk,
  modelHubReadPermission,
  ModelStatus,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelSummaryStore } from '../database/ModelSummaryStore';
import { ModelCatalog } from './ModelCatalog';
import { summarizeModel } from './modelSummary';
import { authorizeOrUnavailable } from './ModelAccess';

/**
 * Everything the service "Models" tab and the model list need about many
 * models in one round trip: one catalog call, one permission call and a few
 * set-based queries for the whole batch, however many models it names.
 */
export class StatusService {
  constructor(
    private readonly deps: {
      summaries: ModelSummaryStore;
      models: ModelCatalog;
      permissions: PermissionsService;
      clock: () => Date;
      staleAfterMs: number;
    },
  ) {}

  async statuses(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<{ items: ModelStatus[] }> {
    const refs = entityRefs.map(ref => {
      try {
        return stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: 'model',
            defaultNamespace: 'default',
          }),
        );
      } catch {
        return ref;
      }
    });
    const models = await this.deps.models.getModels(refs, credentials);
    const found = [...new Set(refs.filter(ref => models.has(ref)))];
    // A model the caller may not read is "not found", as the catalog hides
    // entities; a permission backend that fails is an outage (503), never
    // read as "not found".
    const decisions = await authorizeOrUnavailable(
      this.deps.permissions,
      found.map(resourceRef => ({
        permission: modelHubReadPermission,
        resourceRef,
      })),
      credentials,
    );
    const readable = found.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
    const rows = await this.deps.summaries.summaryRows(readable);
    const now = this.deps.clock();

    const items = refs.map((entityRef, index): ModelStatus => {
      const entity = models.get(entityRef);
      const modelRows = rows.get(entityRef);
      if (!entity || !modelRows) {
        return { entityRef: entityRefs[index], found: false as const };
      }
      const summary = summarizeModel(modelRows, now, this.deps.staleAfterMs);
      return {
        entityRef,
        found: true as const,
        title: entity.metadata.title ?? entity.metadata.name,
        riskLevel: assessModelRisk(entity.spec.risk).level,
        regulatoryCategory: entity.spec.risk.regulatoryCategory,
        governanceStatus: summary.governanceStatus,
        latestApprovedVersion: summary.latestApprovedVersion,
        approvedVersions: summary.approvedVersions,
        fallbackModel: entity.spec.fallbackModel,
        driftStatus: summary.driftStatus,
        drift: summary.drift,
        deployments: summary.deployments,
      };
    });
    return { items };
  }
}
