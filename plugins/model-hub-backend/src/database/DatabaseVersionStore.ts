import { Knex } from 'knex';
import {
  ModelAlias,
  ModelDeployment,
  ModelVersion,
  Page,
  PageRequest,
  PublishedVersion,
  PublishVersionInput,
} from './types';
import {
  batches,
  fetchPage,
  isUniqueViolation,
  parseJson,
  toIso,
} from './util';
import { VersionExistsError, VersionStore } from './VersionStore';

const VERSIONS = 'model_versions';

const VERSION_COLUMNS = [
  'id',
  'model_ref',
  'version',
  'content_hash',
  'artifact_uri',
  'format',
  'training_run_url',
  'datasets',
  'metrics',
  'signature',
  'reference_profile',
  'drift_settings',
  'evidence',
  'published_by',
  'published_on_behalf_of',
  'published_at',
  'deprecated_at',
  'deprecated_by',
  'deprecation_reason',
];

/** Tables that point a name at a version: aliases and deployments. */
const POINTERS = {
  alias: {
    table: 'model_aliases',
    key: 'alias',
    by: 'updated_by',
    at: 'updated_at',
  },
  deployment: {
    table: 'model_deployments',
    key: 'environment',
    by: 'deployed_by',
    at: 'deployed_at',
  },
} as const;

type Pointer = (typeof POINTERS)[keyof typeof POINTERS];

function toVersion(row: any): ModelVersion {
  return {
    modelRef: row.model_ref,
    version: row.version,
    artifactUri: row.artifact_uri,
    format: row.format ?? undefined,
    trainingRunUrl: row.training_run_url ?? undefined,
    datasets: parseJson(row.datasets, []),
    metrics: parseJson(row.metrics, []),
    signature: parseJson(row.signature, undefined),
    referenceProfile: parseJson(row.reference_profile, undefined),
    driftSettings: parseJson(row.drift_settings, undefined),
    hasReferenceProfile:
      row.has_reference_profile === undefined
        ? row.reference_profile !== null
        : Boolean(Number(row.has_reference_profile)),
    evidence: parseJson(row.evidence, {}),
    publishedBy: row.published_by,
    publishedOnBehalfOf: row.published_on_behalf_of ?? undefined,
    publishedAt: toIso(row.published_at),
    deprecation: row.deprecated_at
      ? {
          at: toIso(row.deprecated_at),
          by: row.deprecated_by,
          reason: row.deprecation_reason ?? '',
        }
      : undefined,
  };
}

function optionalJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export class DatabaseVersionStore implements VersionStore {
  constructor(private readonly db: Knex) {}

  async insert(
    modelRef: string,
    input: PublishVersionInput,
    published: {
      contentHash: string;
      by: string;
      onBehalfOf?: string;
      at: string;
    },
  ): Promise<ModelVersion> {
    try {
      await this.db(VERSIONS).insert({
        model_ref: modelRef,
        version: input.version,
        content_hash: published.contentHash,
        artifact_uri: input.artifactUri,
        format: input.format ?? null,
        training_run_url: input.trainingRunUrl ?? null,
        datasets: JSON.stringify(input.datasets),
        metrics: JSON.stringify(input.metrics),
        signature: optionalJson(input.signature),
        reference_profile: optionalJson(input.referenceProfile),
        drift_settings: optionalJson(input.driftSettings),
        evidence: JSON.stringify(input.evidence),
        published_by: published.by,
        published_on_behalf_of: published.onBehalfOf ?? null,
        published_at: published.at,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new VersionExistsError(
          `${modelRef} already has a version ${input.version}`,
          error,
        );
      }
      throw error;
    }
    return (await this.get(modelRef, input.version))!;
  }

  async get(
    modelRef: string,
    version: string,
  ): Promise<ModelVersion | undefined> {
    return (await this.getPublished(modelRef, version))?.version;
  }

  async getSummaries(
    modelRef: string,
    versions: string[],
  ): Promise<Map<string, ModelVersion>> {
    const result = new Map<string, ModelVersion>();
    for (const batch of batches([...new Set(versions)])) {
      const rows = await this.summaryQuery()
        .where({ model_ref: modelRef })
        .whereIn('version', batch);
      for (const row of rows) result.set(row.version, toVersion(row));
    }
    return result;
  }

  async getDriftReference(modelRef: string, version: string) {
    const row = await this.db(VERSIONS)
      .select('reference_profile', 'drift_settings')
      .where({ model_ref: modelRef, version })
      .first();
    if (!row) return undefined;
    return {
      referenceJson:
        row.reference_profile === null || row.reference_profile === undefined
          ? undefined
          : String(row.reference_profile),
      driftSettings: parseJson(row.drift_settings, undefined),
    };
  }

  async publishers(modelRef: string): Promise<string[]> {
    const rows = await this.db(VERSIONS)
      .distinct('published_by', 'published_on_behalf_of')
      .where({ model_ref: modelRef });
    return [
      ...new Set(
        rows.flatMap(r =>
          [r.published_by, r.published_on_behalf_of].filter(Boolean),
        ),
      ),
    ];
  }

  async lock(modelRef: string, version: string): Promise<boolean> {
    const rows = await this.db(VERSIONS)
      .select('id')
      .where({ model_ref: modelRef, version })
      .forUpdate();
    return rows.length > 0;
  }

  async getPublished(
    modelRef: string,
    version: string,
  ): Promise<PublishedVersion | undefined> {
    const row = await this.db(VERSIONS)
      .where({ model_ref: modelRef, version })
      .first();
    if (!row) return undefined;
    return { version: toVersion(row), contentHash: row.content_hash };
  }

  async listSummaries(
    modelRef: string,
    page: PageRequest,
  ): Promise<Page<ModelVersion>> {
    const { rows, totalItems } = await fetchPage(
      this.summaryQuery().where({ model_ref: modelRef }),
      'published_at',
      page,
    );
    return { totalItems, items: rows.map(toVersion) };
  }

  /** Versions without the drift reference, which can be large. */
  private summaryQuery() {
    const columns = VERSION_COLUMNS.filter(c => c !== 'reference_profile');
    return this.db(VERSIONS).select(
      ...columns,
      this.db.raw(
        'case when reference_profile is null then 0 else 1 end as has_reference_profile',
      ),
    );
  }

  async deprecate(
    modelRef: string,
    version: string,
    deprecation: { reason: string; by: string; at: string },
  ): Promise<ModelVersion | undefined> {
    // Recorded once: a deprecation already recorded is never overwritten.
    const updated = await this.db(VERSIONS)
      .where({ model_ref: modelRef, version })
      .whereNull('deprecated_at')
      .update({
        deprecated_at: deprecation.at,
        deprecated_by: deprecation.by,
        deprecation_reason: deprecation.reason,
      });
    return updated ? this.get(modelRef, version) : undefined;
  }

  /** Upserts a pointer row and returns the version it pointed at before. */
  private async movePointer(
    pointer: Pointer,
    modelRef: string,
    row: { name: string; version: string; by: string; at: string },
  ): Promise<{ previousVersion?: string }> {
    const values = {
      model_ref: modelRef,
      [pointer.key]: row.name,
      version: row.version,
      [pointer.by]: row.by,
      [pointer.at]: row.at,
    };
    const key = { model_ref: modelRef, [pointer.key]: row.name };
    // Locked (on PostgreSQL) so that concurrent moves each see the version
    // the other left, when called inside a transaction.
    let previous = await this.db(pointer.table).where(key).forUpdate().first();
    if (!previous) {
      // The first move inserts. When a concurrent first move wins the
      // insert, this one waits for it, then locks and reads what it stored.
      const inserted = await this.db(pointer.table)
        .insert(values)
        .onConflict(['model_ref', pointer.key])
        .ignore()
        .returning(pointer.key);
      if (inserted.length > 0) return {};
      previous = await this.db(pointer.table).where(key).forUpdate().first();
    }
    await this.db(pointer.table).where(key).update(values);
    return { previousVersion: previous?.version ?? undefined };
  }

  async setAlias(
    modelRef: string,
    alias: ModelAlias,
  ): Promise<{ previousVersion?: string }> {
    return this.movePointer(POINTERS.alias, modelRef, {
      name: alias.alias,
      version: alias.version,
      by: alias.updatedBy,
      at: alias.updatedAt,
    });
  }

  async setDeployment(
    modelRef: string,
    deployment: ModelDeployment,
  ): Promise<{ previousVersion?: string }> {
    return this.movePointer(POINTERS.deployment, modelRef, {
      name: deployment.environment,
      version: deployment.version,
      by: deployment.deployedBy,
      at: deployment.deployedAt,
    });
  }

  async listPointers(
    modelRef: string,
  ): Promise<{ aliases: ModelAlias[]; deployments: ModelDeployment[] }> {
    // One round trip for both tables: every query costs a network write.
    const select = (pointer: Pointer, kind: string) =>
      this.db(pointer.table)
        .select(
          this.db.raw('? as kind', [kind]),
          `${pointer.key} as name`,
          'version',
          `${pointer.by} as by`,
          `${pointer.at} as at`,
        )
        .where({ model_ref: modelRef });
    const rows = await select(POINTERS.alias, 'alias')
      .unionAll(select(POINTERS.deployment, 'deployment'))
      .orderBy([
        { column: 'kind', order: 'asc' },
        { column: 'name', order: 'asc' },
      ]);
    const aliases: ModelAlias[] = [];
    const deployments: ModelDeployment[] = [];
    for (const row of rows) {
      if (row.kind === 'alias') {
        aliases.push({
          alias: row.name,
          version: row.version,
          updatedBy: row.by,
          updatedAt: toIso(row.at),
        });
      } else {
        deployments.push({
          environment: row.name,
          version: row.version,
          deployedBy: row.by,
          deployedAt: toIso(row.at),
        });
      }
    }
    return { aliases, deployments };
  }
}
