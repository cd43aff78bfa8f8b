import {
  AuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { HumanDuration } from '@backstage/types';
import { modelHubReadPermission } from '@model-hub/backstage-plugin-model-hub-common';
import type { ModelHubGovernancePolicyProvider } from '@model-hub/backstage-plugin-model-hub-node';
import { ModelHubStores } from '../database/ModelHubStores';
import { DriftService } from '../service/DriftService';
import { ApprovalTermsService } from '../service/ApprovalTermsService';
import { GovernanceService } from '../service/GovernanceService';
import { ModelAccess } from '../service/ModelAccess';
import { ModelHubNotifier } from '../service/ModelHubNotifier';
import { ModelVersionService } from '../service/ModelVersionService';
import { ReviewerRules } from '../service/separationOfDuties';
import { createDemoModelAccess, demoUserCredentials } from './demoCredentials';
import { planSteps } from './demoPlan';
import { DEMO_MODELS, DemoModelPlan } from './demoScenario';
import { DemoModelContext, runDemoStep } from './demoSteps';

/** The id of the scheduled task that seeds the demo data. */
export const DEMO_DATA_TASK_ID = 'model-hub-demo-data';

export type DemoDataSeederOptions = {
  stores: ModelHubStores;
  auth: AuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  policyProvider: ModelHubGovernancePolicyProvider;
  reviewerRules: ReviewerRules;
  staleAfter: HumanDuration;
  logger: LoggerService;
  /** The real time, at which the demo's history ends. */
  wallClock?: () => Date;
  /** Runs to wait for models missing from the catalog before giving up. */
  maxAttempts?: number;
  plans?: DemoModelPlan[];
};

export type DemoSeedResult = {
  seeded: string[];
  skipped: string[];
  missing: string[];
  failed: string[];
};

/**
 * Demo history is not news: seeding notifies nobody. (The regular governance
 * job later notifies the owners of the expired approval and the stale
 * monitor, as it would in production.)
 */
const quietNotifier: ModelHubNotifier = { async notifyModelOwners() {} };

/**
 * Fills Model Hub with the demo history of the example models
 * (`modelHub.demoData`) through Model Hub's own services, so that every rule
 * and audit event is the real one. The services are the seeder's own
 * instances: their clock is set to the date of each step, and they act as
 * the scenario's example users (see demoCredentials.ts).
 *
 * A model that already has versions is left alone, so runs after the first
 * one do nothing; models not in the catalog yet are seeded by a later run.
 */
export class DemoDataSeeder {
  private stepTime = new Date(0);
  private readonly access: ModelAccess;
  private readonly services: {
    versions: ModelVersionService;
    governance: GovernanceService;
    drift: DriftService;
  };
  private done = false;
  private attempts = 0;

  constructor(private readonly options: DemoDataSeederOptions) {
    const { stores, policyProvider, staleAfter } = options;
    // The demo's own clock: the date of the step being seeded.
    const clock = () => this.stepTime;
    const notifier = quietNotifier;
    const access = createDemoModelAccess(options);
    this.access = access;
    this.services = {
      versions: new ModelVersionService({ stores, access, clock }),
      governance: new GovernanceService({
        stores,
        access,
        notifier,
        clock,
        terms: new ApprovalTermsService({
          policyProvider,
          overrides: stores.policyOverrides,
        }),
        reviewerRules: options.reviewerRules,
      }),
      drift: new DriftService({ stores, access, notifier, clock, staleAfter }),
    };
  }

  /** One run: seeds every planned model that is in the catalog and has no versions yet. */
  async run(): Promise<DemoSeedResult> {
    const result: DemoSeedResult = {
      seeded: [],
      skipped: [],
      missing: [],
      failed: [],
    };
    if (this.done) return result;
    this.attempts++;
    const now = (this.options.wallClock ?? (() => new Date()))();
    for (const plan of this.options.plans ?? DEMO_MODELS) {
      try {
        result[await this.seedModel(plan, now)].push(plan.name);
      } catch (error) {
        if (error instanceof NotFoundError) {
          result.missing.push(plan.name);
        } else {
          result.failed.push(plan.name);
          this.options.logger.error(
            `Model Hub demo data: seeding ${plan.name} failed`,
            error as Error,
          );
        }
      }
    }
    this.report(result);
    if (result.failed.length > 0) {
      throw new Error(
        `Model Hub demo data: seeding failed for ${result.failed.join(', ')}`,
      );
    }
    return result;
  }

  /** Seeds one model unless it has versions; NotFoundError while it is not in the catalog. */
  private async seedModel(
    plan: DemoModelPlan,
    now: Date,
  ): Promise<'seeded' | 'skipped'> {
    const model = { namespace: 'default', name: plan.name };
    const credentials = demoUserCredentials(plan.publisher);
    const { entity } = await this.access.resolve(
      model,
      credentials,
      modelHubReadPermission,
    );
    const existing = await this.services.versions.listVersions(
      model,
      { limit: 1, offset: 0 },
      credentials,
    );
    if (existing.totalItems > 0) return 'skipped';
    const context: DemoModelContext = {
      plan,
      model,
      entity,
      references: new Map(),
      reviews: new Map(),
    };
    for (const step of planSteps(plan, now)) {
      this.stepTime = step.at;
      await runDemoStep(this.services, context, step);
    }
    return 'seeded';
  }

  private report(result: DemoSeedResult) {
    const { logger } = this.options;
    if (result.seeded.length > 0) {
      const skipped = result.skipped.length
        ? `; ${result.skipped.length} had data already`
        : '';
      logger.info(
        `Model Hub demo data: seeded ${result.seeded.join(', ')}${skipped}`,
      );
    }
    if (result.missing.length === 0) {
      this.done = true;
      return;
    }
    const missing = result.missing.join(', ');
    const maxAttempts = this.options.maxAttempts ?? 30;
    if (this.attempts >= maxAttempts) {
      logger.warn(
        `Model Hub demo data: giving up after ${maxAttempts} runs on models not in the catalog: ${missing}`,
      );
      this.done = true;
    } else {
      logger.info(
        `Model Hub demo data: waiting for the catalog to ingest ${missing}`,
      );
    }
  }
}

/**
 * Schedules the seeding soon after start, then every minute until it is
 * done (later runs return at once). Global scope: one replica at a time.
 */
export async function scheduleDemoDataSeeding(
  options: DemoDataSeederOptions & { scheduler: SchedulerService },
) {
  const seeder = new DemoDataSeeder(options);
  await options.scheduler.scheduleTask({
    id: DEMO_DATA_TASK_ID,
    scope: 'global',
    frequency: { minutes: 1 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 15 },
    fn: async () => {
      await seeder.run();
    },
  });
  options.logger.info(
    'Model Hub demo data is on (modelHub.demoData): the example models get a demo history',
  );
}
