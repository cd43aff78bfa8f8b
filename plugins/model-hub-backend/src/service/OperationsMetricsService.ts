import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ModelHubStores } from '../database/ModelHubStores';
import { ModelAccess, ModelName } from './ModelAccess';
import { computeOperationsMetrics } from './operations';

/** Deployment frequency and MTTR of a model. */
export class OperationsMetricsService {
  constructor(
    private readonly deps: {
      stores: Pick<ModelHubStores, 'audit'>;
      access: ModelAccess;
      clock: () => Date;
    },
  ) {}

  async metrics(model: ModelName, credentials: BackstageCredentials) {
    const modelRef = await this.deps.access.readableModelRef(
      model,
      credentials,
    );
    const events = await this.deps.stores.audit.listByAction(modelRef, [
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
