import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  modelHubReadPermission,
  ModelStatus,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelHubStores } from '../database/ModelHubStores';
import { DriftService } from './DriftService';
import { GovernanceService } from './GovernanceService';
import { ModelAccess } from './ModelAccess';
import { ModelCatalog } from './ModelCatalog';

/**
 * Everything the service "Models" tab and the model list need about many
 * models in one round trip.
 */
export class StatusService {
  constructor(
    private readonly deps: {
      stores: Pick<ModelHubStores, 'versions'>;
      models: ModelCatalog;
      access: ModelAccess;
      governance: GovernanceService;
      drift: DriftService;
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
    const items = await Promise.all(
      refs.map(async (entityRef, index): Promise<ModelStatus> => {
        const entity = models.get(entityRef);
        if (!entity) {
          return { entityRef: entityRefs[index], found: false as const };
        }
        try {
          await this.deps.access.authorize(
            modelHubReadPermission,
            entityRef,
            credentials,
          );
        } catch {
          return { entityRef, found: false as const };
        }
        const [governance, drift, deployments] = await Promise.all([
          this.deps.governance.summarize(entity, entityRef),
          this.deps.drift.statusOf(entityRef),
          this.deps.stores.versions.listDeployments(entityRef),
        ]);
        const stateOf = new Map(
          governance.versions.map(v => [v.version, v.state]),
        );
        return {
          entityRef,
          found: true as const,
          title: entity.metadata.title ?? entity.metadata.name,
          riskLevel: governance.riskLevel,
          regulatoryCategory: governance.regulatoryCategory,
          governanceStatus: governance.status,
          latestApprovedVersion: governance.latestApprovedVersion,
          approvedVersions: governance.versions
            .filter(v => v.state === 'APPROVED' && !v.deprecated)
            .map(v => v.version),
          fallbackModel: entity.spec.fallbackModel,
          driftStatus: drift.status,
          drift: drift.environments,
          deployments: deployments.map(d => ({
            environment: d.environment,
            version: d.version,
            deployedAt: d.deployedAt,
            governanceStatus: stateOf.get(d.version) ?? 'NOT_STARTED',
            approved: stateOf.get(d.version) === 'APPROVED',
          })),
        };
      }),
    );
    return { items };
  }
}
