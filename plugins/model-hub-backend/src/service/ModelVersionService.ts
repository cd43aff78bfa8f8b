import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  modelHubReadPermission,
  modelHubVersionPublishPermission,
} from '@model-hub/backstage-plugin-model-hub-common';
import { DatabaseModelHubStore } from '../database/DatabaseModelHubStore';
import { PageRequest, PublishVersionInput } from '../database/types';
import { actorOf } from './actor';
import { ModelAccess, ModelName } from './ModelAccess';

/**
 * Versions of a model and where they run: publishing, aliases, deployments,
 * deprecation, and the audit trail they leave.
 */
export class ModelVersionService {
  constructor(
    private readonly deps: {
      store: DatabaseModelHubStore;
      access: ModelAccess;
      clock: () => Date;
    },
  ) {}

  async publish(
    model: ModelName,
    input: PublishVersionInput,
    credentials: BackstageCredentials,
  ) {
    const { modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubVersionPublishPermission,
    );
    return this.deps.store.publishVersion(
      modelRef,
      input,
      actorOf(credentials),
      this.deps.clock().toISOString(),
    );
  }

  async listVersions(
    model: ModelName,
    page: PageRequest,
    credentials: BackstageCredentials,
  ) {
    const { modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubReadPermission,
    );
    return this.deps.store.listVersions(modelRef, page);
  }

  async getVersion(
    model: ModelName,
    version: string,
    credentials: BackstageCredentials,
  ) {
    const { modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubReadPermission,
    );
    return this.deps.store.requireVersion(modelRef, version);
  }

  async deprecate(
    model: ModelName,
    version: string,
    reason: string,
    credentials: BackstageCredentials,
  ) {
    const { modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubVersionPublishPermission,
    );
    return this.deps.store.deprecateVersion(
      modelRef,
      version,
      reason,
      actorOf(credentials),
      this.deps.clock().toISOString(),
    );
  }

  async setAlias(
    model: ModelName,
    alias: string,
    version: string,
    credentials: BackstageCredentials,
  ) {
    const { modelRef, actor, at } = await this.pointAt(
      model,
      version,
      credentials,
    );
    return this.deps.store.setAlias(modelRef, alias, version, actor, at);
  }

  async setDeployment(
    model: ModelName,
    environment: string,
    version: string,
    credentials: BackstageCredentials,
  ) {
    const { modelRef, actor, at } = await this.pointAt(
      model,
      version,
      credentials,
    );
    return this.deps.store.setDeployment(
      modelRef,
      environment,
      version,
      actor,
      at,
    );
  }

  /** Checks that a version may be pointed at by an alias or a deployment. */
  private async pointAt(
    model: ModelName,
    version: string,
    credentials: BackstageCredentials,
  ) {
    const { modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubVersionPublishPermission,
    );
    const found = await this.deps.store.requireVersion(modelRef, version);
    if (found.deprecation) {
      throw new ConflictError(
        `Version ${version} of ${modelRef} is deprecated (${found.deprecation.reason})`,
      );
    }
    return {
      modelRef,
      actor: actorOf(credentials),
      at: this.deps.clock().toISOString(),
    };
  }

  async overview(model: ModelName, credentials: BackstageCredentials) {
    const { modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubReadPermission,
    );
    const [aliases, deployments] = await Promise.all([
      this.deps.store.listAliases(modelRef),
      this.deps.store.listDeployments(modelRef),
    ]);
    return { modelRef, aliases, deployments };
  }

  async auditTrail(
    model: ModelName,
    page: PageRequest,
    credentials: BackstageCredentials,
  ) {
    const { modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubReadPermission,
    );
    return this.deps.store.listAuditEvents(modelRef, page);
  }
}
