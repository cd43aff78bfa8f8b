import { Knex } from 'knex';
import { PolicyOverrideStore } from './PolicyOverrideStore';
import { PolicyOverride } from './types';
import { parseJson, toIso } from './util';

const TABLE = 'model_policy_overrides';

export class DatabasePolicyOverrideStore implements PolicyOverrideStore {
  constructor(private readonly db: Knex) {}

  async get(modelRef: string): Promise<PolicyOverride | undefined> {
    const row = await this.db(TABLE).where({ model_ref: modelRef }).first();
    if (!row) return undefined;
    return {
      policy: parseJson(row.policy, {}),
      reason: row.reason,
      updatedBy: row.updated_by,
      updatedAt: toIso(row.updated_at),
    };
  }

  async set(modelRef: string, override: PolicyOverride): Promise<void> {
    await this.db(TABLE)
      .insert({
        model_ref: modelRef,
        policy: JSON.stringify(override.policy),
        reason: override.reason,
        updated_by: override.updatedBy,
        updated_at: override.updatedAt,
      })
      .onConflict('model_ref')
      .merge();
  }
}
