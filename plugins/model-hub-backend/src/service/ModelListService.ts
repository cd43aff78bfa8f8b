import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  compareRiskLevels,
  DRIFT_STATUSES,
  DriftStatus,
  GOVERNANCE_STATES,
  GovernanceState,
  ModelHubApiComponents,
  ModelHubApiPaths,
} from '@model-hub/backstage-plugin-model-hub-common';
import {
  IndexedModel,
  ModelIndexFilter,
  ModelIndexPageEntry,
  ModelIndexStore,
} from '../database/ModelIndexStore';
import { AggregateCache } from './aggregateCache';
import { jsonArrayOf, jsonObjectOf } from './rawJson';
import { VersionedCache } from './versionedCache';
import { ModelSummaryStore } from '../database/ModelSummaryStore';
import { readableModelRefs } from './readableModelRefs';
import { catalogWideAccess } from './catalogWideAccess';
import {
  isIndexedModelReadyFor,
  MODEL_INDEX_ENTITY_FIELDS,
  ModelIndexEntry,
  modelIndexEntryOf,
  riskLevelOf,
} from './modelIndex';
import { ModelIndexService } from './ModelIndexService';
import { isReadyFor, ModelSummary, summarizeModel } from './modelSummary';
import { ApprovalTermsService } from './ApprovalTermsService';

export type ModelListItem = ModelHubApiComponents['schemas']['ModelListItem'];
export type ModelListPage = ModelHubApiComponents['schemas']['ModelListPage'];
export type ModelListQuery = Omit<
  NonNullable<ModelHubApiPaths['/models']['get']['parameters']['query']>,
  'limit' | 'offset'
> & { limit: number; offset: number };

/** Catalog filters for the entity's own fields: the catalog filters and pages these. */
const ENTITY_FILTERS = {
  system: 'spec.system',
  lifecycle: 'spec.lifecycle',
  type: 'spec.type',
  license: 'spec.license',
  regulatoryCategory: 'spec.risk.regulatoryCategory',
} as const;

const FACETS = {
  owner: 'relations.ownedBy',
  ...ENTITY_FILTERS,
} as const;

/** What `modelIndexEntryOf` reads: the catalog path maps entities as the index does. */
const LIST_FIELDS = MODEL_INDEX_ENTITY_FIELDS;

/** What filtering by status needs of every candidate. */
const CANDIDATE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.lifecycle',
  'spec.risk',
];

const PAGE_SIZE = 1000;

/**
 * How long counts from the model index (a list's total, the facets) are
 * reused when this instance has not changed the index meanwhile: as long as
 * another replica's change may take to show in them. Counting is the most
 * expensive part of a list request at 10,000 models.
 */
const AGGREGATES_TTL_MS = 30_000;
/** Distinct filters whose totals are kept. */
const MAX_CACHED_TOTALS = 1000;
/**
 * Bytes of list items kept, made from the model index, per status
 * visibility: an item is about 1 KB, so some 8,000 of them. Reading and
 * mapping a page's rows cost more than the query that finds them, and most
 * models change seldom.
 */
const MAX_CACHED_ITEM_BYTES = 16 * 1024 * 1024;

const riskLevelOfEntity = (entity: Entity) =>
  riskLevelOf((entity.spec as any)?.risk);

/** The `owner` parameter as the ref the ownedBy relation holds. */
function ownerRefOf(query: ModelListQuery): string | undefined {
  if (!query.owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(query.owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new InputError(`owner: "${query.owner}" is not an entity ref`);
  }
}

const byName = (a: Entity, b: Entity) =>
  (a.metadata.title ?? a.metadata.name).localeCompare(
    b.metadata.title ?? b.metadata.name,
  );

/**
 * The model catalog page's query. When the caller may read every model
 * (the permission policy decides unconditionally), it is one query over
 * Model Hub's model index. Under conditional policies the catalog filters,
 * searches and pages models with the caller's own permissions, and Model
 * Hub adds risk, governance and drift in a few set-based queries per batch.
 */
export class ModelListService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      summaries: ModelSummaryStore;
      permissions: PermissionsService;
      clock: () => Date;
      staleAfterMs: number;
      index?: { store: ModelIndexStore; service: ModelIndexService };
      /** The terms approvals are held to; without it they are not checked. */
      terms?: ApprovalTermsService;
    },
  ) {
    deps.index?.service.onChange(() => {
      this.totals.clear();
      this.facetCounts.clear();
    });
  }

  private readonly totals = new AggregateCache<number>({
    ttlMs: AGGREGATES_TTL_MS,
    maxEntries: MAX_CACHED_TOTALS,
    now: () => this.deps.clock().getTime(),
  });
  /** The facets as JSON: every page of the list carries them. */
  private readonly facetCounts = new AggregateCache<string>({
    ttlMs: AGGREGATES_TTL_MS,
    maxEntries: 1,
    now: () => this.deps.clock().getTime(),
  });
  /**
   * List items as JSON by ref, under the row's content version: one cache
   * for callers who see statuses, one for those who do not.
   */
  private readonly indexedItems = {
    withStatus: new VersionedCache<string>({ maxBytes: MAX_CACHED_ITEM_BYTES }),
    withoutStatus: new VersionedCache<string>({
      maxBytes: MAX_CACHED_ITEM_BYTES,
    }),
  };

  /** A page of the list, as the JSON of a `ModelListPage`. */
  async listJson(
    query: ModelListQuery,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const access =
      this.deps.index &&
      (await catalogWideAccess(this.deps.permissions, credentials));
    if (access) return this.listFromIndex(query, access.statusVisible);
    return JSON.stringify(await this.listFromCatalog(query, credentials));
  }

  /**
   * The page's JSON, assembled from its items' JSON (kept while a model's
   * content does not change): the part of a list request that grows with
   * the page size is then a lookup.
   */
  private async listFromIndex(
    query: ModelListQuery,
    statusVisible: boolean,
  ): Promise<string> {
    const { store, service } = this.deps.index!;
    await service.ready();
    const filter: ModelIndexFilter = {
      filters: {
        owner: ownerRefOf(query),
        system: query.system,
        lifecycle: query.lifecycle,
        type: query.type,
        license: query.license,
        regulatoryCategory: query.regulatoryCategory,
        riskLevel: query.riskLevel,
        governanceStatus: query.governanceStatus,
        driftStatus: query.driftStatus,
        readyFor: query.readyFor,
      },
      search: query.search?.trim() || undefined,
      statusVisible,
    };
    const [entries, totalItems, facets] = await Promise.all([
      store.pageEntries({
        ...filter,
        orderBy: query.orderBy ?? 'name',
        order: query.order ?? 'asc',
        limit: query.limit,
        offset: query.offset,
      }),
      this.totals.get(JSON.stringify(filter), () => store.count(filter)),
      this.facetCounts.get('all', async () =>
        JSON.stringify(await store.facets()),
      ),
    ]);
    const items = await this.itemsFromIndex(entries, statusVisible);
    return jsonObjectOf<ModelListPage>({
      items: jsonArrayOf(items),
      totalItems: JSON.stringify(totalItems),
      facets,
    });
  }

  /**
   * A page's items as JSON: those made before from the same content version
   * are reused, the others are read in one query.
   */
  private async itemsFromIndex(
    entries: ModelIndexPageEntry[],
    statusVisible: boolean,
  ): Promise<string[]> {
    const items = statusVisible
      ? this.indexedItems.withStatus
      : this.indexedItems.withoutStatus;
    // A model removed between the two reads is left out.
    return items.getAll(
      entries.map(entry => ({ key: entry.entityRef, version: entry.version })),
      async refs =>
        [...(await this.deps.index!.store.listed(refs)).values()].map(
          model => ({
            key: model.entityRef,
            version: model.version,
            value: JSON.stringify(indexedItem(model, statusVisible)),
          }),
        ),
    );
  }

  private async listFromCatalog(
    query: ModelListQuery,
    credentials: BackstageCredentials,
  ): Promise<ModelListPage> {
    const filter = this.catalogFilter(query);
    const fullTextFilter = query.search?.trim()
      ? {
          term: query.search.trim(),
          fields: [
            'metadata.name',
            'metadata.title',
            'metadata.tags',
            'spec.type',
          ],
        }
      : undefined;
    const needsStatus =
      query.riskLevel ||
      query.governanceStatus ||
      query.driftStatus ||
      query.readyFor ||
      (query.orderBy && query.orderBy !== 'name');

    const facets = this.facets(credentials);
    if (!needsStatus) {
      // Entity fields only: the catalog pages, and only the page gets statuses.
      const response = await this.deps.catalog.queryEntities(
        {
          filter,
          fullTextFilter,
          fields: LIST_FIELDS,
          limit: query.limit,
          offset: query.offset,
          orderFields: [
            { field: 'metadata.title', order: query.order ?? 'asc' },
            { field: 'metadata.name', order: query.order ?? 'asc' },
          ],
        },
        { credentials },
      );
      return {
        items: await this.items(response.items, credentials),
        totalItems: response.totalItems,
        facets: await facets,
      };
    }

    const candidates = await this.allCandidates(
      filter,
      fullTextFilter,
      credentials,
    );
    const refs = candidates.map(e => stringifyEntityRef(e));
    const [summaries, readable] = await Promise.all([
      this.summaries(refs, candidates),
      this.readable(refs, credentials),
    ]);
    const matching = candidates.filter((entity, i) => {
      const summary = readable.has(refs[i])
        ? summaries.get(refs[i])
        : undefined;
      if (query.riskLevel && riskLevelOfEntity(entity) !== query.riskLevel) {
        return false;
      }
      if (!summary) {
        return !query.governanceStatus && !query.driftStatus && !query.readyFor;
      }
      if (
        query.governanceStatus &&
        summary.governanceStatus !== query.governanceStatus
      ) {
        return false;
      }
      if (query.driftStatus && summary.driftStatus !== query.driftStatus) {
        return false;
      }
      return (
        !query.readyFor ||
        isReadyFor(query.readyFor, summary, {
          lifecycle: (entity.spec as any)?.lifecycle,
          regulatoryCategory: (entity.spec as any)?.risk?.regulatoryCategory,
        })
      );
    });
    matching.sort(this.comparator(query, summaries));
    const pageRefs = matching
      .slice(query.offset, query.offset + query.limit)
      .map(e => stringifyEntityRef(e));
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: pageRefs, fields: LIST_FIELDS },
      { credentials },
    );
    return {
      items: await this.items(
        items.filter((e): e is Entity => Boolean(e)),
        credentials,
      ),
      totalItems: matching.length,
      facets: await facets,
    };
  }

  private catalogFilter(query: ModelListQuery) {
    const filter: Record<string, string> = { kind: 'model' };
    for (const [param, field] of Object.entries(ENTITY_FILTERS)) {
      const value = query[param as keyof typeof ENTITY_FILTERS];
      if (value) filter[field] = value;
    }
    const owner = ownerRefOf(query);
    if (owner) filter['relations.ownedBy'] = owner;
    return filter;
  }

  private async allCandidates(
    filter: Record<string, string>,
    fullTextFilter: { term: string; fields: string[] } | undefined,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const all: Entity[] = [];
    let response = await this.deps.catalog.queryEntities(
      { filter, fullTextFilter, fields: CANDIDATE_FIELDS, limit: PAGE_SIZE },
      { credentials },
    );
    all.push(...response.items);
    while (response.pageInfo.nextCursor) {
      response = await this.deps.catalog.queryEntities(
        { cursor: response.pageInfo.nextCursor, limit: PAGE_SIZE },
        { credentials },
      );
      all.push(...response.items);
    }
    return all;
  }

  private async summaries(
    refs: string[],
    entities: Entity[],
  ): Promise<Map<string, ModelSummary>> {
    const rows = await this.deps.summaries.summaryRows(refs);
    await this.deps.terms?.withTerms(rows, entities);
    const now = this.deps.clock();
    const result = new Map<string, ModelSummary>();
    for (const [ref, modelRows] of rows) {
      result.set(ref, summarizeModel(modelRows, now, this.deps.staleAfterMs));
    }
    return result;
  }

  /** Refs whose Model Hub data the caller may read: one batched decision. */
  private async readable(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return readableModelRefs(this.deps.permissions, refs, credentials);
  }

  private comparator(
    query: ModelListQuery,
    summaries: Map<string, ModelSummary>,
  ): (a: Entity, b: Entity) => number {
    const direction = query.order === 'desc' ? -1 : 1;
    const rank = (entity: Entity): number => {
      const summary = summaries.get(stringifyEntityRef(entity));
      switch (query.orderBy) {
        case 'riskLevel': {
          const level = riskLevelOfEntity(entity);
          return level ? compareRiskLevels(level, 'Low') : -1;
        }
        case 'governanceStatus':
          return GOVERNANCE_STATES.indexOf(
            summary?.governanceStatus ?? ('NOT_STARTED' as GovernanceState),
          );
        case 'driftStatus':
          return DRIFT_STATUSES.indexOf(
            summary?.driftStatus ?? ('unknown' as DriftStatus),
          );
        default:
          return 0;
      }
    };
    // Sorting compares each entity many times: rank each once (the risk
    // level is computed from its assessments).
    const ranks = new Map<Entity, number>();
    const rankOf = (entity: Entity) => {
      let value = ranks.get(entity);
      if (value === undefined) {
        value = rank(entity);
        ranks.set(entity, value);
      }
      return value;
    };
    return (a, b) => direction * (rankOf(a) - rankOf(b)) || byName(a, b);
  }

  private async facets(credentials: BackstageCredentials) {
    const { facets } = await this.deps.catalog.getEntityFacets(
      { filter: { kind: 'model' }, facets: Object.values(FACETS) },
      { credentials },
    );
    const result: Record<string, Array<{ value: string; count: number }>> = {};
    for (const [param, field] of Object.entries(FACETS)) {
      result[param] = [...(facets[field] ?? [])].sort((a, b) =>
        a.value.localeCompare(b.value),
      );
    }
    return result as ModelListPage['facets'];
  }

  private async items(
    entities: Entity[],
    credentials: BackstageCredentials,
  ): Promise<ModelListItem[]> {
    const refs = entities.map(e => stringifyEntityRef(e));
    const [summaries, readable] = await Promise.all([
      this.summaries(refs, entities),
      this.readable(refs, credentials),
    ]);
    return entities.map((entity, i) => {
      const entry = modelIndexEntryOf(entity);
      const summary = readable.has(refs[i])
        ? summaries.get(refs[i])
        : undefined;
      return listItem(
        entry,
        summary && {
          governanceStatus: summary.governanceStatus,
          latestApprovedVersion: summary.latestApprovedVersion,
          driftStatus: summary.driftStatus,
          readyForProduction: isReadyFor('production', summary, entry),
        },
      );
    });
  }
}

function indexedItem(
  model: IndexedModel,
  statusVisible: boolean,
): ModelListItem {
  return listItem(
    model,
    statusVisible
      ? {
          governanceStatus: model.governanceStatus,
          latestApprovedVersion: model.latestApprovedVersion,
          driftStatus: model.driftStatus,
          readyForProduction: isIndexedModelReadyFor('production', model),
        }
      : undefined,
  );
}

/**
 * A list item from a model's entity fields as the model index keeps them,
 * whichever path answers: both then show the same values (such as the owner
 * as a full entity ref).
 */
function listItem(
  entry: ModelIndexEntry,
  status: ModelListItem['status'],
): ModelListItem {
  return {
    entityRef: entry.entityRef,
    namespace: entry.namespace,
    name: entry.name,
    title: entry.title ?? entry.name,
    description: entry.description,
    tags: entry.tags,
    type: entry.type,
    owner: entry.owner,
    system: entry.system,
    lifecycle: entry.lifecycle,
    license: entry.license,
    endpoint: entry.endpoint,
    fallbackModel: entry.fallbackModel,
    riskLevel: entry.riskLevel,
    regulatoryCategory: entry.regulatoryCategory,
    status,
  };
}
