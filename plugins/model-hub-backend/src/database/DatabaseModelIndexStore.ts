import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import {
  DRIFT_STATUSES,
  GOVERNANCE_STATES,
  RISK_LEVELS,
} from '@model-hub/backstage-plugin-model-hub-common';
import type { ModelIndexEntry, ModelIndexStatus } from '../service/modelIndex';
import {
  IndexedModel,
  ListedModel,
  MODEL_INDEX_FACETS,
  ModelIndexFacets,
  ModelIndexFilter,
  ModelIndexPageEntry,
  ModelIndexQuery,
  ModelIndexStore,
} from './ModelIndexStore';
import { batches, optionalIso, parseJson } from './util';

const TABLE = 'model_index';
// ~27 bound values a row: far below SQLite's and PostgreSQL's limits.
const UPSERT_BATCH = 200;

const ENTITY_COLUMNS = [
  'namespace',
  'name',
  'title',
  'description',
  'tags',
  'type',
  'owner',
  'system',
  'lifecycle',
  'license',
  'endpoint',
  'fallback_model',
  'regulatory_category',
  'risk_level',
  'risk_rank',
  'sort_title',
  'search_text',
  'entity_hash',
];

const STATUS_COLUMNS = [
  'governance_status',
  'governance_rank',
  'latest_approved_version',
  'drift_status',
  'drift_rank',
  'reported_environments',
  'drifting_environments',
  'summary_rows',
  'status_hash',
  'status_refreshed_at',
];

/** Columns kept for sorting and searching only. */
const NOT_LISTED = new Set(['risk_rank', 'sort_title', 'search_text']);
/**
 * What a list page shows, and nothing else: at 20 rows a page, every column
 * read and parsed is paid for by every request.
 */
const LIST_COLUMNS = [
  'entity_ref',
  ...ENTITY_COLUMNS.filter(c => !NOT_LISTED.has(c) && !c.endsWith('_hash')),
  'governance_status',
  'latest_approved_version',
  'drift_status',
  'reported_environments',
  'drifting_environments',
];

const sha256 = (columns: Record<string, unknown>) =>
  createHash('sha256').update(JSON.stringify(columns)).digest('hex');
const withHash = <T extends Record<string, unknown>, K extends string>(
  hashColumn: K,
  columns: T,
) => ({ ...columns, [hashColumn]: sha256(columns) } as T & Record<K, string>);

const FACET_COLUMNS: Record<(typeof MODEL_INDEX_FACETS)[number], string> = {
  owner: 'owner',
  system: 'system',
  lifecycle: 'lifecycle',
  type: 'type',
  license: 'license',
  regulatoryCategory: 'regulatory_category',
};

const ORDER_COLUMNS: Record<ModelIndexQuery['orderBy'], string | undefined> = {
  name: undefined,
  riskLevel: 'risk_rank',
  governanceStatus: 'governance_rank',
  driftStatus: 'drift_rank',
};

/** "|a|b|": an environment list that LIKE '%|env|%' searches. */
const environmentList = (environments: string[]) =>
  `|${environments.join('|')}|`;
const environmentsOf = (value: unknown) =>
  String(value ?? '')
    .split('|')
    .filter(Boolean);
const escapeLike = (term: string) => term.replace(/[\\%_]/g, c => `\\${c}`);

function entityColumns(entry: ModelIndexEntry) {
  return withHash('entity_hash', {
    namespace: entry.namespace,
    name: entry.name,
    title: entry.title ?? null,
    description: entry.description ?? null,
    tags: JSON.stringify(entry.tags),
    type: entry.type ?? null,
    owner: entry.owner ?? null,
    system: entry.system ?? null,
    lifecycle: entry.lifecycle ?? null,
    license: entry.license ?? null,
    endpoint: entry.endpoint ?? null,
    fallback_model: entry.fallbackModel ?? null,
    regulatory_category: entry.regulatoryCategory ?? null,
    risk_level: entry.riskLevel ?? null,
    risk_rank: entry.riskLevel ? RISK_LEVELS.indexOf(entry.riskLevel) : -1,
    sort_title: (entry.title ?? entry.name).toLocaleLowerCase('en-US'),
    search_text: [entry.name, entry.title, ...entry.tags, entry.type]
      .filter(Boolean)
      .join('\n')
      .toLocaleLowerCase('en-US'),
  });
}

function statusColumns(status: ModelIndexStatus, computedAt: Date) {
  const columns = withHash('status_hash', {
    governance_status: status.governanceStatus,
    governance_rank: GOVERNANCE_STATES.indexOf(status.governanceStatus),
    latest_approved_version: status.latestApprovedVersion ?? null,
    drift_status: status.driftStatus,
    drift_rank: DRIFT_STATUSES.indexOf(status.driftStatus),
    reported_environments: environmentList(status.reportedEnvironments),
    drifting_environments: environmentList(status.driftingEnvironments),
    summary_rows: JSON.stringify(status.summaryRows),
  });
  return { ...columns, status_refreshed_at: computedAt };
}

/** A row's content version: both hashes change with what they cover. */
const versionOf = (row: { entity_hash: string; status_hash: string }) =>
  `${row.entity_hash}.${row.status_hash}`;

function toIndexedModel(row: any): IndexedModel {
  const optional = (value: unknown) =>
    value === null || value === undefined ? undefined : String(value);
  return {
    entityRef: row.entity_ref,
    namespace: row.namespace,
    name: row.name,
    title: optional(row.title),
    description: optional(row.description),
    tags: parseJson<string[]>(row.tags, []),
    type: optional(row.type),
    owner: optional(row.owner),
    system: optional(row.system),
    lifecycle: optional(row.lifecycle),
    license: optional(row.license),
    endpoint: optional(row.endpoint),
    fallbackModel: optional(row.fallback_model),
    regulatoryCategory: optional(row.regulatory_category),
    riskLevel: optional(row.risk_level) as IndexedModel['riskLevel'],
    governanceStatus: row.governance_status,
    latestApprovedVersion: optional(row.latest_approved_version),
    driftStatus: row.drift_status,
    reportedEnvironments: environmentsOf(row.reported_environments),
    driftingEnvironments: environmentsOf(row.drifting_environments),
    summaryRows: parseJson(row.summary_rows, {
      versions: [],
      latestReviews: [],
      latestDrift: [],
      deployments: [],
    }),
    statusRefreshedAt: optionalIso(row.status_refreshed_at),
  };
}

export class DatabaseModelIndexStore implements ModelIndexStore {
  constructor(private readonly db: Knex) {}

  async upsert(
    models: Array<{ entry: ModelIndexEntry; status: ModelIndexStatus }>,
    options: { statusComputedAt: Date },
  ): Promise<number> {
    // A status computed before the stored one is older data: keep the
    // stored one (a write's own refresh may have landed meanwhile).
    const newer =
      'excluded.status_refreshed_at >= model_index.status_refreshed_at';
    const merge: Record<string, Knex.Raw> = {};
    for (const column of ENTITY_COLUMNS) {
      merge[column] = this.db.raw('??', [`excluded.${column}`]);
    }
    for (const column of STATUS_COLUMNS) {
      merge[column] = this.db.raw(`CASE WHEN ${newer} THEN ?? ELSE ?? END`, [
        `excluded.${column}`,
        `${TABLE}.${column}`,
      ]);
    }
    let written = 0;
    for (const slice of batches(models, UPSERT_BATCH)) {
      const batch = slice.map(m => ({
        entity_ref: m.entry.entityRef,
        ...entityColumns(m.entry),
        ...statusColumns(m.status, options.statusComputedAt),
      }));
      // A full refresh sends every model, and few change between two: the
      // stored hashes are compared first, so only changed rows are sent.
      const stored = new Map(
        (
          await this.db(TABLE)
            .select('entity_ref', 'entity_hash', 'status_hash')
            .whereIn(
              'entity_ref',
              batch.map(row => row.entity_ref),
            )
        ).map(row => [row.entity_ref, row]),
      );
      const rows = batch.filter(row => {
        const current = stored.get(row.entity_ref);
        return (
          current?.entity_hash !== row.entity_hash ||
          current?.status_hash !== row.status_hash
        );
      });
      if (rows.length === 0) continue;
      const returned = await this.db(TABLE)
        .insert(rows)
        .onConflict('entity_ref')
        .merge(merge)
        // Unchanged rows are not rewritten (nor returned).
        .where(q =>
          q
            .whereRaw('model_index.entity_hash <> excluded.entity_hash')
            .orWhereRaw(
              `model_index.status_hash <> excluded.status_hash AND ${newer}`,
            ),
        )
        .returning('entity_ref');
      written += returned.length;
    }
    return written;
  }

  async updateStatuses(
    statuses: Map<string, ModelIndexStatus>,
    computedAt: Date,
  ): Promise<number> {
    let written = 0;
    for (const [entityRef, status] of statuses) {
      written += await this.db(TABLE)
        .where('entity_ref', entityRef)
        .where('status_refreshed_at', '<=', computedAt)
        .update(statusColumns(status, computedAt));
    }
    return written;
  }

  async removeAllExcept(keep: Set<string>): Promise<number> {
    const gone = (await this.db(TABLE).select('entity_ref'))
      .map(row => row.entity_ref as string)
      .filter(ref => !keep.has(ref));
    let removed = 0;
    for (const refs of batches(gone)) {
      removed += await this.db(TABLE).whereIn('entity_ref', refs).delete();
    }
    return removed;
  }

  async indexedRefs(refs: string[]): Promise<Set<string>> {
    const result = new Set<string>();
    for (const batch of batches(refs)) {
      const rows = await this.db(TABLE)
        .select('entity_ref')
        .whereIn('entity_ref', batch);
      rows.forEach(row => result.add(row.entity_ref));
    }
    return result;
  }

  async get(refs: string[]): Promise<Map<string, IndexedModel>> {
    const result = new Map<string, IndexedModel>();
    for (const batch of batches(refs)) {
      const rows = await this.db(TABLE).whereIn('entity_ref', batch);
      rows.forEach(row => result.set(row.entity_ref, toIndexedModel(row)));
    }
    return result;
  }

  async markFullRefresh(at: Date): Promise<void> {
    await this.db('model_index_refreshes')
      .insert({ id: 'full', completed_at: at })
      .onConflict('id')
      .merge();
  }

  async hasFullRefresh(): Promise<boolean> {
    return Boolean(await this.db('model_index_refreshes').first('id'));
  }

  /** The models a filter matches, as a query to select from. */
  private matching(filter: ModelIndexFilter) {
    const { filters } = filter;
    return this.db(TABLE).where(q => {
      for (const name of MODEL_INDEX_FACETS) {
        const value = filters[name];
        // Case-insensitive, as the catalog's own filters are.
        if (value !== undefined) {
          q.whereRaw('lower(??) = ?', [
            FACET_COLUMNS[name],
            value.toLocaleLowerCase('en-US'),
          ]);
        }
      }
      if (filters.riskLevel) q.where('risk_level', filters.riskLevel);
      if (filter.search) {
        q.whereRaw(`search_text LIKE ? ESCAPE '\\'`, [
          `%${escapeLike(filter.search.toLocaleLowerCase('en-US'))}%`,
        ]);
      }
      const statusFilters =
        filters.governanceStatus || filters.driftStatus || filters.readyFor;
      if (statusFilters && !filter.statusVisible) {
        q.whereRaw('1 = 0');
        return;
      }
      if (filters.governanceStatus) {
        q.where('governance_status', filters.governanceStatus);
      }
      if (filters.driftStatus) q.where('drift_status', filters.driftStatus);
      if (filters.readyFor) {
        // readinessFor (model-hub-common) in SQL; readiness.test.ts holds
        // the two to the same answers on SQLite and PostgreSQL.
        const there = `%|${escapeLike(filters.readyFor)}|%`;
        q.whereNotNull('latest_approved_version')
          .where(l =>
            l
              .whereNull('lifecycle')
              .orWhereNotIn('lifecycle', ['deprecated', 'retired']),
          )
          .where(r =>
            r
              .whereNull('regulatory_category')
              .orWhereNot('regulatory_category', 'unacceptable'),
          )
          .whereRaw(`drifting_environments NOT LIKE ? ESCAPE '\\'`, [there])
          .where(d =>
            d
              .whereRaw(`reported_environments LIKE ? ESCAPE '\\'`, [there])
              .orWhereNot('drift_status', 'drift'),
          );
      }
    });
  }

  async pageEntries(query: ModelIndexQuery): Promise<ModelIndexPageEntry[]> {
    const rankColumn =
      query.orderBy === 'riskLevel' || query.statusVisible
        ? ORDER_COLUMNS[query.orderBy]
        : undefined;
    const order = query.order;
    const ordering = [
      ...(rankColumn ? [{ column: rankColumn, order }] : []),
      // Within a rank, by name as the page shows it (as the catalog sorts).
      { column: 'sort_title', order: rankColumn ? 'asc' : order },
      { column: 'entity_ref', order: rankColumn ? 'asc' : order },
    ];
    // The page's refs first, from the sort indexes alone; then only those
    // rows are read. Reading rows to skip past a deep offset costs a heap
    // read per skipped row.
    const refs = this.matching(query)
      .select('entity_ref')
      .orderBy(ordering)
      .limit(query.limit)
      .offset(query.offset);
    const rows = await this.db(TABLE)
      .select('entity_ref', 'entity_hash', 'status_hash')
      .whereIn('entity_ref', refs)
      .orderBy(ordering);
    return rows.map(row => ({
      entityRef: row.entity_ref,
      version: versionOf(row),
    }));
  }

  async listed(refs: string[]): Promise<Map<string, ListedModel>> {
    const result = new Map<string, ListedModel>();
    for (const batch of batches(refs)) {
      const rows = await this.db(TABLE)
        .select([...LIST_COLUMNS, 'entity_hash', 'status_hash'])
        .whereIn('entity_ref', batch);
      for (const row of rows) {
        result.set(row.entity_ref, {
          ...toIndexedModel(row),
          version: versionOf(row),
        });
      }
    }
    return result;
  }

  async count(filter: ModelIndexFilter): Promise<number> {
    const [{ count }] = await this.matching(filter).count({ count: '*' });
    return Number(count);
  }

  async facets(): Promise<ModelIndexFacets> {
    // One round trip: a GROUP BY per facet, joined with UNION ALL (SQLite
    // takes no parenthesised UNION parts, so the parts are joined as SQL).
    const parts = MODEL_INDEX_FACETS.map(name =>
      this.db(TABLE)
        // The facet names are constants of this file, never input.
        .select(this.db.raw(`'${name}' as facet`))
        .select({ value: FACET_COLUMNS[name] })
        .count({ count: '*' })
        .whereNotNull(FACET_COLUMNS[name])
        .groupBy(FACET_COLUMNS[name])
        .toSQL(),
    );
    const response = await this.db.raw(
      parts.map(part => part.sql).join(' UNION ALL '),
      parts.flatMap(part => part.bindings),
    );
    const rows: any[] = Array.isArray(response) ? response : response.rows;
    const result = Object.fromEntries(
      MODEL_INDEX_FACETS.map(name => [name, []]),
    ) as unknown as ModelIndexFacets;
    for (const row of rows) {
      result[row.facet as keyof ModelIndexFacets].push({
        value: String(row.value),
        count: Number(row.count),
      });
    }
    for (const values of Object.values(result)) {
      values.sort((a, b) => a.value.localeCompare(b.value));
    }
    return result;
  }
}
