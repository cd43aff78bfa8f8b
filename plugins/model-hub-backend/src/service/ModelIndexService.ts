import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ApprovalTermsService } from './ApprovalTermsService';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ModelIndexStore } from '../database/ModelIndexStore';
import { ModelSummaryStore } from '../database/ModelSummaryStore';
import {
  MODEL_INDEX_ENTITY_FIELDS,
  modelIndexEntryOf,
  ModelIndexStatus,
  modelIndexStatusOf,
} from './modelIndex';
import { outdatedApprovals, summarizeModel } from './modelSummary';
import { AggregateCache } from './aggregateCache';

const CATALOG_PAGE = 1000;
/**
 * How long an answer to "is this model indexed" is reused when this
 * instance has not changed the index meanwhile. A model removed from the
 * catalog leaves the index at the next full refresh, and this much later
 * on replicas that did not run it.
 */
const MEMBERSHIP_TTL_MS = 30_000;
const MEMBERSHIP_ENTRIES = 20_000;

/**
 * Keeps the model index: the catalog's Model entities with their statuses.
 * A full refresh (scheduled, once across replicas) copies every Model
 * entity and recomputes every status, so catalog changes and time-based
 * transitions (a drift monitor going stale, an approval expiring) show within
 * one refresh interval. Each Model Hub write refreshes its model's status
 * right after it commits, so the list shows a write at once.
 */
export class ModelIndexService {
  private firstFill: Promise<void> | undefined;
  private readonly changeListeners: Array<() => void> = [];
  private readonly outdatedListeners: Array<
    (
      modelRef: string,
      approvals: Array<{ version: string; reviewId: string }>,
    ) => Promise<void>
  > = [];
  private readonly membership: AggregateCache<boolean>;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      summaries: ModelSummaryStore;
      index: ModelIndexStore;
      clock: () => Date;
      staleAfterMs: number;
      logger: LoggerService;
      /** The terms approvals are held to; without it they are not checked. */
      terms?: ApprovalTermsService;
    },
  ) {
    this.membership = new AggregateCache<boolean>({
      ttlMs: MEMBERSHIP_TTL_MS,
      maxEntries: MEMBERSHIP_ENTRIES,
      now: () => deps.clock().getTime(),
    });
    this.onChange(() => this.membership.clear());
  }

  /**
   * Whether a model is indexed, for reads that need only its ref: the
   * answer is reused for a while (see {@link ModelIndexService.onChange}),
   * as drift and version listings ask it for every request.
   */
  isIndexed(entityRef: string): Promise<boolean> {
    return this.membership.get(entityRef, async () =>
      (await this.deps.index.indexedRefs([entityRef])).has(entityRef),
    );
  }

  /** Copies every Model entity of the catalog and recomputes its status. */
  async refreshAll(): Promise<{ models: number; removed: number }> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const seen = new Set<string>();
    let response = await this.deps.catalog.queryEntities(
      {
        filter: { kind: 'model' },
        fields: MODEL_INDEX_ENTITY_FIELDS,
        limit: CATALOG_PAGE,
      },
      { credentials },
    );
    for (;;) {
      (await this.write(response.items)).forEach(ref => seen.add(ref));
      if (!response.pageInfo.nextCursor) break;
      response = await this.deps.catalog.queryEntities(
        { cursor: response.pageInfo.nextCursor, limit: CATALOG_PAGE },
        { credentials },
      );
    }
    const removed = await this.deps.index.removeAllExcept(seen);
    if (removed > 0) this.changed();
    await this.deps.index.markFullRefresh(this.deps.clock());
    return { models: seen.size, removed };
  }

  /**
   * After a write: the statuses of these models. A model the index does not
   * have yet (registered since the last full refresh) is read from the
   * catalog and added, so a write never waits for the next refresh to show.
   */
  async refreshModels(refs: string[]): Promise<void> {
    const computedAt = this.deps.clock();
    const indexed = await this.deps.index.indexedRefs(refs);
    // The entities give the terms approvals are held to (risk, policy).
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: MODEL_INDEX_ENTITY_FIELDS },
      { credentials },
    );
    const entities = items.filter((e): e is Entity => Boolean(e));
    if (indexed.size > 0) {
      const written = await this.deps.index.updateStatuses(
        await this.statuses(
          [...indexed],
          computedAt,
          entities.filter(e => indexed.has(stringifyEntityRef(e))),
        ),
        computedAt,
      );
      if (written > 0) this.changed();
    }
    await this.write(entities.filter(e => !indexed.has(stringifyEntityRef(e))));
  }

  /**
   * Resolves once the index has been filled from the whole catalog at least
   * once (by any replica): a new install's first list request waits for it
   * instead of showing an empty or partial catalog.
   */
  async ready(): Promise<void> {
    if (!this.firstFill) {
      this.firstFill = (async () => {
        if (!(await this.deps.index.hasFullRefresh())) await this.refreshAll();
      })();
      // A failed first fill is tried again by the next request.
      this.firstFill.catch(() => {
        this.firstFill = undefined;
      });
    }
    return this.firstFill;
  }

  /** Writes these entities' rows; the refs of the models among them. */
  private async write(entities: Entity[]): Promise<string[]> {
    const models = entities
      .filter(entity => entity.kind.toLocaleLowerCase('en-US') === 'model')
      .map(modelIndexEntryOf);
    if (models.length === 0) return [];
    const statusComputedAt = this.deps.clock();
    const statuses = await this.statuses(
      models.map(m => m.entityRef),
      statusComputedAt,
      entities,
    );
    const written = await this.deps.index.upsert(
      models.map(entry => ({ entry, status: statuses.get(entry.entityRef)! })),
      { statusComputedAt },
    );
    if (written > 0) this.changed();
    return models.map(m => m.entityRef);
  }

  /**
   * Called whenever this instance writes to the index, so that what is
   * derived from it (list counts and facets) is not reused past a change.
   * What other replicas write shows here once the derived data expires.
   */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /**
   * Called with the approvals a status computation found no longer counting
   * (the terms that apply now are stricter than those they were given
   * under), so that the owners can be told.
   */
  onApprovalsOutdated(
    listener: (
      modelRef: string,
      approvals: Array<{ version: string; reviewId: string }>,
    ) => Promise<void>,
  ): void {
    this.outdatedListeners.push(listener);
  }

  private changed() {
    for (const listener of this.changeListeners) listener();
  }

  private async tellOutdated(
    modelRef: string,
    approvals: Array<{ version: string; reviewId: string }>,
  ) {
    for (const listener of this.outdatedListeners) {
      try {
        await listener(modelRef, approvals);
      } catch (error) {
        this.deps.logger.warn(
          `Telling the owners of ${modelRef} that approvals no longer count failed: ${error}`,
        );
      }
    }
  }

  private async statuses(
    refs: string[],
    now: Date,
    entities: Entity[],
  ): Promise<Map<string, ModelIndexStatus>> {
    const rows = await this.deps.summaries.summaryRows(refs);
    await this.deps.terms?.withTerms(rows, entities);
    const result = new Map<string, ModelIndexStatus>();
    for (const [ref, modelRows] of rows) {
      const outdated = outdatedApprovals(modelRows, now);
      if (outdated.length > 0) await this.tellOutdated(ref, outdated);
      result.set(
        ref,
        modelIndexStatusOf(
          summarizeModel(modelRows, now, this.deps.staleAfterMs),
          modelRows,
        ),
      );
    }
    return result;
  }
}
