import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ModelEntity,
  modelHubVersionPublishPermission,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelHubStores } from '../database/ModelHubStores';
import {
  ModelAlias,
  ModelDeployment,
  ModelVersion,
  PageRequest,
  PublishedVersion,
  PublishVersionInput,
} from '../database/types';
import { VersionExistsError, VersionStore } from '../database/VersionStore';
import { contentHash } from './contentHash';
import { ModelAccess, ModelName } from './ModelAccess';
import { requireVersion } from './requireVersion';
import { VersionedCache } from './versionedCache';
import {
  assertAttachedEvidence,
  assertUsableReference,
  currentApprovalTerms,
  effectiveGovernanceState,
} from './governance';
import { ApprovalTermsService } from './ApprovalTermsService';
import { DriftShapeLimits, ProductionTargets } from '../config';
import { assertTermsFitReference, DriftSettings } from './driftTerms';

/**
 * Versions of a model and where they run: publishing, aliases, deployments,
 * deprecation, and the audit trail they leave.
 */
export class ModelVersionService {
  /** Pages of versions and audit events, as JSON (see keptJson). */
  private readonly keptPages = new VersionedCache<string>({
    maxBytes: 16 * 1024 * 1024,
  });

  constructor(
    private readonly deps: {
      stores: ModelHubStores;
      access: ModelAccess;
      clock: () => Date;
      /**
       * The terms approvals are held to, for the production gate; without
       * it production deployments and aliases are not gated.
       */
      terms?: ApprovalTermsService;
      /** Which environments and aliases count as production (`modelHub.environments`). */
      production?: ProductionTargets;
      /** Caps on a drift reference's shape (`modelHub.drift.maxColumns`). */
      driftShape?: DriftShapeLimits;
    },
  ) {}

  /**
   * Publishes a version. Publishing the same content again returns the stored
   * version (`created: false`), so clients can retry; different content under
   * the same version string is a conflict, as versions are immutable.
   */
  async publish(
    model: ModelName,
    input: PublishVersionInput,
    credentials: BackstageCredentials,
    options: {
      /** For CI (service) publishes: the person the pipeline acts for. */
      onBehalfOf?: string;
      onBehalfOfGithubLogin?: string;
    } = {},
  ): Promise<{ version: ModelVersion; created: boolean }> {
    const onBehalfOf = await this.deps.access.onBehalfOf(credentials, options);
    const { modelRef, actor } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubVersionPublishPermission,
    );
    assertAttachedEvidence(input.evidence);
    assertUsableReference(
      input.referenceProfile as Parameters<typeof assertUsableReference>[0],
      this.deps.driftShape?.maxColumns,
    );
    assertTermsFitReference(
      input.driftSettings as DriftSettings | undefined,
      input.referenceProfile,
    );
    const { stores } = this.deps;
    const hash = contentHash(input);
    const existing = await stores.versions.getPublished(
      modelRef,
      input.version,
    );
    if (existing) return republished(modelRef, existing, hash);
    const at = this.deps.clock().toISOString();
    try {
      return await stores.transaction(async tx => {
        const version = await tx.versions.insert(modelRef, input, {
          contentHash: hash,
          by: actor,
          onBehalfOf,
          at,
        });
        await tx.audit.append({
          modelRef,
          action: 'version.published',
          actor,
          occurredAt: at,
          payload: {
            version: input.version,
            artifactUri: input.artifactUri,
            contentHash: hash,
            ...(onBehalfOf ? { onBehalfOf } : {}),
            ...(input.driftSettings
              ? { driftSettings: input.driftSettings }
              : {}),
          },
        });
        return { version, created: true };
      });
    } catch (error) {
      if (!(error instanceof VersionExistsError)) throw error;
      // A concurrent publish of the same version committed between our read
      // and our insert (the unique index refused the second row): judge this
      // one against what it stored.
      const stored = await stores.versions.getPublished(
        modelRef,
        input.version,
      );
      if (!stored) throw error;
      return republished(modelRef, stored, hash);
    }
  }

  async listVersions(
    model: ModelName,
    page: PageRequest,
    credentials: BackstageCredentials,
  ) {
    const modelRef = await this.deps.access.readableModelRef(
      model,
      credentials,
    );
    // The contract leaves the drift reference out of lists: one can be
    // 20 MB, and the versions tab pages through versions.
    return this.deps.stores.versions.listSummaries(modelRef, page);
  }

  /**
   * As {@link listVersions}, as the JSON the API answers with: kept per
   * page while the model's revision stays the same (every write to the
   * model, on any replica, raises it), so that paging the versions tab
   * costs one small query.
   */
  async listVersionsJson(
    model: ModelName,
    page: PageRequest,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const modelRef = await this.deps.access.readableModelRef(
      model,
      credentials,
    );
    return this.keptJson(
      modelRef,
      `versions ${page.limit} ${page.offset}`,
      () => this.deps.stores.versions.listSummaries(modelRef, page),
    );
  }

  /** As {@link auditTrail}, as JSON kept as {@link listVersionsJson} keeps it. */
  async auditTrailJson(
    model: ModelName,
    page: PageRequest,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const modelRef = await this.deps.access.readableModelRef(
      model,
      credentials,
    );
    // Every audit event raises the revision: a kept page is never behind.
    return this.keptJson(modelRef, `audit ${page.limit} ${page.offset}`, () =>
      this.deps.stores.audit.list(modelRef, page),
    );
  }

  /**
   * The JSON of what `read` gives, kept while the model's revision stays.
   * The revision is read first: what is read after it is never older.
   */
  private async keptJson(
    modelRef: string,
    what: string,
    read: () => Promise<unknown>,
  ): Promise<string> {
    const revision = await this.deps.stores.revisions.get(modelRef);
    const key = `${modelRef}\u0000${what}`;
    const kept = this.keptPages.get(key, revision);
    if (kept !== undefined) return kept;
    const json = JSON.stringify(await read());
    this.keptPages.set(key, revision, json);
    return json;
  }

  async getVersion(
    model: ModelName,
    version: string,
    credentials: BackstageCredentials,
  ) {
    const modelRef = await this.deps.access.readableModelRef(
      model,
      credentials,
    );
    return requireVersion(this.deps.stores.versions, modelRef, version);
  }

  async deprecate(
    model: ModelName,
    version: string,
    reason: string,
    credentials: BackstageCredentials,
  ) {
    const { modelRef, actor } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubVersionPublishPermission,
    );
    const at = this.deps.clock().toISOString();
    return this.deps.stores.transaction(async tx => {
      // A deprecation is recorded once: who deprecated and why is evidence,
      // and a second deprecation may not rewrite it.
      await tx.versions.lock(modelRef, version);
      const found = await requireVersion(tx.versions, modelRef, version);
      if (found.deprecation) {
        throw new ConflictError(
          `Version ${version} of ${modelRef} was already deprecated by ${found.deprecation.by} at ${found.deprecation.at}; a deprecation is recorded once`,
        );
      }
      const deprecated = await tx.versions.deprecate(modelRef, version, {
        reason,
        by: actor,
        at,
      });
      if (!deprecated) {
        throw new ConflictError(
          `Version ${version} of ${modelRef} was deprecated concurrently`,
        );
      }
      await tx.audit.append({
        modelRef,
        action: 'version.deprecated',
        actor,
        occurredAt: at,
        payload: { version, reason },
      });
      return deprecated;
    });
  }

  async setAlias(
    model: ModelName,
    alias: string,
    version: string,
    credentials: BackstageCredentials,
  ) {
    const { modelRef, actor, at, entity } = await this.pointAt(
      model,
      credentials,
    );
    const production = this.deps.production?.aliases.includes(alias)
      ? `alias ${alias}`
      : undefined;
    const moved: ModelAlias = {
      alias,
      version,
      updatedBy: actor,
      updatedAt: at,
    };
    // The audit event names the version the alias left, read and moved in
    // the same transaction.
    const assertPointable = await this.pointable(
      entity,
      modelRef,
      version,
      production,
    );
    await this.deps.stores.transaction(async tx => {
      await assertPointable(tx);
      const { previousVersion } = await tx.versions.setAlias(modelRef, moved);
      await tx.audit.append({
        modelRef,
        action: 'alias.moved',
        actor,
        occurredAt: at,
        payload: { alias, version, previousVersion: previousVersion ?? null },
      });
    });
    return moved;
  }

  async setDeployment(
    model: ModelName,
    environment: string,
    version: string,
    credentials: BackstageCredentials,
  ) {
    const { modelRef, actor, at, entity } = await this.pointAt(
      model,
      credentials,
    );
    const production = this.deps.production?.environments.includes(environment)
      ? `environment ${environment}`
      : undefined;
    const deployed: ModelDeployment = {
      environment,
      version,
      deployedBy: actor,
      deployedAt: at,
    };
    const assertPointable = await this.pointable(
      entity,
      modelRef,
      version,
      production,
    );
    await this.deps.stores.transaction(async tx => {
      await assertPointable(tx);
      const { previousVersion } = await tx.versions.setDeployment(
        modelRef,
        deployed,
      );
      await tx.audit.append({
        modelRef,
        action: 'deployment.recorded',
        actor,
        occurredAt: at,
        payload: {
          environment,
          version,
          previousVersion: previousVersion ?? null,
        },
      });
    });
    return deployed;
  }

  /** Who points an alias or a deployment at a version, and when. */
  private async pointAt(model: ModelName, credentials: BackstageCredentials) {
    const { modelRef, actor, entity } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubVersionPublishPermission,
    );
    return {
      modelRef,
      entity,
      actor: actor,
      at: this.deps.clock().toISOString(),
    };
  }

  /**
   * The check, run inside the write's transaction, that an alias or a
   * deployment may point at a version: not deprecated (assertNotDeprecated),
   * and for a production target (`production` names it) approved for
   * production: approved, not expired, under terms no less strict than
   * those that apply now. The terms are read here, outside the transaction;
   * the check runs with the version row locked, the lock a review decision
   * also takes, so a concurrent deprecation or decision is seen, not missed.
   */
  private async pointable(
    entity: ModelEntity,
    modelRef: string,
    version: string,
    production: string | undefined,
  ): Promise<(tx: ModelHubStores) => Promise<void>> {
    const terms =
      production && this.deps.terms
        ? currentApprovalTerms(
            await this.deps.terms.policyFor(entity, modelRef),
          )
        : undefined;
    return async tx => {
      await assertNotDeprecated(tx.versions, modelRef, version);
      if (!production) return;
      const [governing] = await tx.reviews.governingByVersion(
        modelRef,
        version,
      );
      const state = effectiveGovernanceState(
        governing,
        this.deps.clock(),
        terms,
      );
      if (state !== 'APPROVED') {
        throw new ConflictError(
          `Version ${version} of ${modelRef} is ${state}; ${production} counts as production (modelHub.environments) and serves only a version approved for production`,
        );
      }
    };
  }

  async overview(model: ModelName, credentials: BackstageCredentials) {
    const modelRef = await this.deps.access.readableModelRef(
      model,
      credentials,
    );
    return {
      modelRef,
      ...(await this.deps.stores.versions.listPointers(modelRef)),
    };
  }

  async auditTrail(
    model: ModelName,
    page: PageRequest,
    credentials: BackstageCredentials,
  ) {
    const modelRef = await this.deps.access.readableModelRef(
      model,
      credentials,
    );
    return this.deps.stores.audit.list(modelRef, page);
  }
}

/**
 * Checks, inside the write's transaction and with the version row locked,
 * that the version is not deprecated: a deprecation committed concurrently
 * is seen, not missed.
 */
async function assertNotDeprecated(
  versions: VersionStore,
  modelRef: string,
  version: string,
) {
  await versions.lock(modelRef, version);
  const found = await requireVersion(versions, modelRef, version);
  if (found.deprecation) {
    throw new ConflictError(
      `Version ${version} of ${modelRef} is deprecated (${found.deprecation.reason})`,
    );
  }
}

/** The answer to a publish of a version that is already stored. */
function republished(
  modelRef: string,
  stored: PublishedVersion,
  hash: string,
): { version: ModelVersion; created: boolean } {
  if (stored.contentHash !== hash) {
    throw new ConflictError(
      `Version ${stored.version.version} of ${modelRef} was already published with different content; publish a new version instead`,
    );
  }
  return { version: stored.version, created: false };
}
