import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { modelHubReadPermission } from '@model-hub/backstage-plugin-model-hub-common';
import { DatabaseModelHubStore } from '../database/DatabaseModelHubStore';
import { ModelAccess, ModelName } from './ModelAccess';
import { computeOperationsMetrics } from './operations';

/** Deployment frequency and MTTR of a model. */
export class OperationsMetricsService {
  constructor(
    private readonly deps: {
      store: DatabaseModelHubStore;
      access: ModelAccess;
      clock: () => Date;
    },
  ) {}

  async metrics(model: ModelName, credentials: BackstageCredentials) {
    const { modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubReadPermission,
    );
    const events = await this.deps.store.listAuditEventsByAction(modelRef, [
      'deployment.recorded',
      'drift.reported',
      'review.decided',
    ]);
    return {
      modelRef,
      ...computeOperationsMetrics(events, this.deps.clock()),
    };
  }
}
