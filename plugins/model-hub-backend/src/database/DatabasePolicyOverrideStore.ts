import { Knex } from 'knex';
import { PolicyOverrideStore } from './PolicyOverrideStore';
import { PolicyOverride } from './types';
import { batches, parseJson, toIso } from './util';

const TABLE = 'model_policy_overrides';

export class DatabasePolicyOverrideStore implements PolicyOverrideStore {
  constructor(private readonly db: Knex) {}

  async get(modelRef: string): Promise<PolicyOverride | undefined> {
    return (await this.getMany([modelRef])).get(modelRef);
  }

  async getMany(modelRefs: string[]): Promise<Map<string, PolicyOverride>> {
    const result = new Map<string, PolicyOverride>();
    for (const refs of batches(modelRefs)) {
      for (const row of await this.db(TABLE).whereIn('model_ref', refs)) {
        result.set(row.model_ref, {
          policy: parseJson(row.policy, {}),
          reason: row.reason,
          updatedBy: row.updated_by,
          updatedAt: toIso(row.updated_at),
        });
      }
    }
    return result;
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
