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
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelIndexStore } from '../database/ModelIndexStore';
import { ModelSummaryStore } from '../database/ModelSummaryStore';
import { catalogWideAccess } from './catalogWideAccess';
import { ModelCatalog } from './ModelCatalog';
import { ModelSummary, summarizeModel } from './modelSummary';
import { ApprovalTermsService } from './ApprovalTermsService';
import { authorizeOrUnavailable } from './ModelAccess';

/**
 * Everything the service "Models" tab and the model list need about many
 * models in one round trip. When the caller reads the whole catalog without
 * conditions, indexed models are answered from the model index in one query
 * (their summaries recomputed from the stored rows, so time-based changes
 * show at once); otherwise, and for models not indexed yet: one catalog
 * call, one permission call and a few set-based queries for the batch.
 */
export class StatusService {
  constructor(
    private readonly deps: {
      summaries: ModelSummaryStore;
      models: ModelCatalog;
      permissions: PermissionsService;
      clock: () => Date;
      staleAfterMs: number;
      index?: ModelIndexStore;
      /** The terms approvals are held to; without it they are not checked. */
      terms?: ApprovalTermsService;
    },
  ) {}

  async statuses(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<{ items: ModelStatus[] }> {
    const refs = this.normalize(entityRefs);
    const access =
      this.deps.index &&
      (await catalogWideAccess(this.deps.permissions, credentials));
    if (!access) return this.fromCatalog(entityRefs, refs, credentials);
    // Model Hub reads denied without conditions: every model is "not found",
    // as the catalog path answers too, so there is nothing to read.
    if (!access.statusVisible) {
      return {
        items: entityRefs.map(entityRef => ({
          entityRef,
          found: false as const,
        })),
      };
    }

    const indexed = await this.deps.index!.get(refs);
    // A model whose risk cannot be assessed is the catalog's to explain.
    for (const [ref, model] of indexed) {
      if (!model.riskLevel || !model.regulatoryCategory) indexed.delete(ref);
    }
    const rest = refs
      .map((ref, index) => ({ ref, original: entityRefs[index] }))
      .filter(({ ref }) => !indexed.has(ref));
    const fromCatalog =
      rest.length > 0
        ? await this.fromCatalog(
            rest.map(r => r.original),
            rest.map(r => r.ref),
            credentials,
          )
        : { items: [] };
    const catalogAnswers = new Map(
      rest.map(({ ref }, i) => [ref, fromCatalog.items[i]]),
    );
    const now = this.deps.clock();
    const items = refs.map((entityRef): ModelStatus => {
      const model = indexed.get(entityRef);
      if (!model) return catalogAnswers.get(entityRef)!;
      return statusOf(
        entityRef,
        {
          title: model.title ?? model.name,
          lifecycle: model.lifecycle,
          riskLevel: model.riskLevel!,
          regulatoryCategory: model.regulatoryCategory!,
          fallbackModel: model.fallbackModel,
        },
        summarizeModel(model.summaryRows, now, this.deps.staleAfterMs),
      );
    });
    return { items };
  }

  private normalize(entityRefs: string[]): string[] {
    return entityRefs.map(ref => {
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
  }

  private async fromCatalog(
    entityRefs: string[],
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<{ items: ModelStatus[] }> {
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
    await this.deps.terms?.withTerms(rows, [...models.values()]);
    const now = this.deps.clock();

    const items = refs.map((entityRef, index): ModelStatus => {
      const entity = models.get(entityRef);
      const modelRows = rows.get(entityRef);
      if (!entity || !modelRows) {
        return { entityRef: entityRefs[index], found: false as const };
      }
      return statusOf(
        entityRef,
        {
          title: entity.metadata.title ?? entity.metadata.name,
          lifecycle: entity.spec.lifecycle,
          riskLevel: assessModelRisk(entity.spec.risk).level,
          regulatoryCategory: entity.spec.risk.regulatoryCategory,
          fallbackModel: entity.spec.fallbackModel,
        },
        summarizeModel(modelRows, now, this.deps.staleAfterMs),
      );
    });
    return { items };
  }
}

function statusOf(
  entityRef: string,
  model: {
    title: string;
    lifecycle?: string;
    riskLevel: RiskLevel;
    regulatoryCategory: string;
    fallbackModel?: string;
  },
  summary: ModelSummary,
): ModelStatus {
  return {
    entityRef,
    found: true as const,
    ...model,
    governanceStatus: summary.governanceStatus,
    latestApprovedVersion: summary.latestApprovedVersion,
    approvedVersions: summary.approvedVersions,
    driftStatus: summary.driftStatus,
    drift: summary.drift,
    deployments: summary.deployments,
  };
}
