import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { DatabaseModelRevisionStore } from './DatabaseModelRevisionStore';
import { DatabaseDriftReportStore } from './DatabaseDriftReportStore';
import { DatabasePolicyOverrideStore } from './DatabasePolicyOverrideStore';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { DatabaseVersionStore } from './DatabaseVersionStore';
import { ModelHubStores } from './ModelHubStores';

/** Where the knex migrations of Model Hub live (shipped with the package). */
export const migrationsDir = resolvePackagePath(
  '@model-hub/backstage-plugin-model-hub-backend',
  'migrations',
);

/** The stores of Model Hub over one knex client, or over one transaction of it. */
export class DatabaseModelHubStores implements ModelHubStores {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseModelHubStores> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseModelHubStores(client);
  }

  readonly versions: DatabaseVersionStore;
  readonly reviews: DatabaseReviewStore;
  readonly driftReports: DatabaseDriftReportStore;
  readonly policyOverrides: DatabasePolicyOverrideStore;
  readonly audit: DatabaseAuditStore;
  readonly revisions: DatabaseModelRevisionStore;
  /** Models an event was appended for in this transaction, if one. */
  private readonly appended?: Set<string>;

  private constructor(private readonly db: Knex, inTransaction = false) {
    this.versions = new DatabaseVersionStore(db);
    this.reviews = new DatabaseReviewStore(db);
    this.driftReports = new DatabaseDriftReportStore(db);
    this.policyOverrides = new DatabasePolicyOverrideStore(db);
    this.revisions = new DatabaseModelRevisionStore(db, !inTransaction);
    // Every write to a model appends an audit event: the model's revision is
    // raised with it, at the end of its transaction (the row lock is then
    // held only until the commit), or at once outside one.
    const appended = inTransaction ? new Set<string>() : undefined;
    this.appended = appended;
    const revisions = this.revisions;
    this.audit = new DatabaseAuditStore(db, async modelRef => {
      if (appended) appended.add(modelRef);
      else await revisions.raise([modelRef]);
    });
  }

  async transaction<T>(fn: (stores: ModelHubStores) => Promise<T>): Promise<T> {
    // Nested calls get a savepoint of the enclosing transaction.
    return this.db.transaction(async trx => {
      const tx = new DatabaseModelHubStores(trx, true);
      const result = await fn(tx);
      await tx.revisions.raise([...tx.appended!]);
      return result;
    });
  }
}
