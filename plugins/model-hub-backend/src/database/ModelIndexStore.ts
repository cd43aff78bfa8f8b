import type {
  DriftStatus,
  GovernanceState,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';
import type { ModelIndexEntry, ModelIndexStatus } from '../service/modelIndex';

export type IndexedModel = ModelIndexEntry &
  ModelIndexStatus & {
    /** When the status was computed; not read for list pages. */
    statusRefreshedAt?: string;
  };

/** Which models a list shows: its filters and search. */
export type ModelIndexFilter = {
  filters: {
    owner?: string;
    system?: string;
    lifecycle?: string;
    type?: string;
    license?: string;
    regulatoryCategory?: string;
    riskLevel?: RiskLevel;
    governanceStatus?: GovernanceState;
    driftStatus?: DriftStatus;
    readyFor?: string;
  };
  /** Matched against name, title, tags and type, case-insensitively. */
  search?: string;
  /**
   * Whether the caller may see Model Hub statuses: without it, status
   * filters match nothing and status sorts fall back to the name.
   */
  statusVisible: boolean;
};

/** A page of a list: its filter, order and position. */
export type ModelIndexQuery = ModelIndexFilter & {
  orderBy: 'name' | 'riskLevel' | 'governanceStatus' | 'driftStatus';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

/**
 * A model on a list page, with the version of its indexed content: the
 * version changes whenever the model's entity fields or status change.
 */
export type ModelIndexPageEntry = { entityRef: string; version: string };

/** A model as a list page shows it; `summaryRows` are left empty. */
export type ListedModel = IndexedModel & { version: string };

export const MODEL_INDEX_FACETS = [
  'owner',
  'system',
  'lifecycle',
  'type',
  'license',
  'regulatoryCategory',
] as const;

export type ModelIndexFacets = Record<
  (typeof MODEL_INDEX_FACETS)[number],
  Array<{ value: string; count: number }>
>;

/**
 * The model index: a copy of the catalog's Model entities with their
 * statuses, kept by Model Hub so that the model list is one query.
 */
export interface ModelIndexStore {
  /**
   * Inserts or updates models. Entity fields always win (the catalog is
   * their source); a status only replaces one computed earlier than it.
   * Rows whose content did not change are not written; the number of
   * rows written.
   */
  upsert(
    models: Array<{ entry: ModelIndexEntry; status: ModelIndexStatus }>,
    options: { statusComputedAt: Date },
  ): Promise<number>;
  /**
   * Replaces the statuses of indexed models computed before `computedAt`;
   * the number of rows written.
   */
  updateStatuses(
    statuses: Map<string, ModelIndexStatus>,
    computedAt: Date,
  ): Promise<number>;
  /** Removes the models a full refresh did not see: gone from the catalog. */
  removeAllExcept(keep: Set<string>): Promise<number>;
  /** Which of these refs are indexed. */
  indexedRefs(refs: string[]): Promise<Set<string>>;
  /** Indexed models with the rows their status is computed from. */
  get(refs: string[]): Promise<Map<string, IndexedModel>>;
  /** Records that a full refresh from the catalog completed. */
  markFullRefresh(at: Date): Promise<void>;
  /** Whether a full refresh ever completed (on any replica). */
  hasFullRefresh(): Promise<boolean>;
  /**
   * A page of models in order, as refs and content versions only: a list
   * reuses what it already made of a model while its version holds, and
   * reads the rest with `listed`.
   */
  pageEntries(query: ModelIndexQuery): Promise<ModelIndexPageEntry[]>;
  /** What a list page shows of these models, with their current versions. */
  listed(refs: string[]): Promise<Map<string, ListedModel>>;
  /** How many models match a filter. */
  count(filter: ModelIndexFilter): Promise<number>;
  facets(): Promise<ModelIndexFacets>;
}
