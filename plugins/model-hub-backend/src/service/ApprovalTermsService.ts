import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  GovernanceLevelPolicy,
  ModelEntity,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';
import type { ModelHubGovernancePolicyProvider } from '@model-hub/backstage-plugin-model-hub-node';
import { ModelSummaryRows } from '../database/ModelSummaryStore';
import { PolicyOverrideStore } from '../database/PolicyOverrideStore';
import { PolicyOverride } from '../database/types';
import {
  ApprovalTerms,
  currentApprovalTerms,
  policyForModel,
} from './governance';
import { riskLevelOf } from './modelIndex';

/**
 * The terms a model's versions are held to now: its risk level (from the
 * entity), the policy the provider gives it and the model's override. An
 * approval counts only while these are not stricter than the terms its
 * review stored, so every place that says "approved" reads them here.
 */
export class ApprovalTermsService {
  constructor(
    private readonly deps: {
      policyProvider: ModelHubGovernancePolicyProvider;
      overrides: PolicyOverrideStore;
    },
  ) {}

  /** The policy the provider gives a model, before any override. */
  providerPolicy(entity: ModelEntity) {
    return this.deps.policyProvider.getPolicy(entity);
  }

  /** The risk level and policy of one model, with its override. */
  async policyFor(
    entity: ModelEntity,
    modelRef: string,
  ): Promise<{
    riskLevel: RiskLevel;
    policy: GovernanceLevelPolicy;
    override?: PolicyOverride;
  }> {
    const [policy, override] = await Promise.all([
      this.deps.policyProvider.getPolicy(entity),
      this.deps.overrides.get(modelRef),
    ]);
    return { ...policyForModel(policy, entity, override), override };
  }

  /**
   * The current terms of each entity, by ref. An entity whose risk cannot
   * be assessed (the catalog module refuses such entities) has none.
   */
  async termsOf(entities: Entity[]): Promise<Map<string, ApprovalTerms>> {
    const refs = entities.map(e => stringifyEntityRef(e));
    const overrides = await this.deps.overrides.getMany(refs);
    const result = new Map<string, ApprovalTerms>();
    await Promise.all(
      entities.map(async (entity, i) => {
        const model = entity as ModelEntity;
        // The catalog module refuses such entities; an older copy may remain.
        if (!riskLevelOf(model.spec?.risk)) return;
        // A provider that fails fails the read: approvals are never
        // counted without their terms checked.
        const policy = await this.deps.policyProvider.getPolicy(model);
        result.set(
          refs[i],
          currentApprovalTerms(
            policyForModel(policy, model, overrides.get(refs[i])),
          ),
        );
      }),
    );
    return result;
  }

  /** Sets `currentTerms` on each model's rows from its entity. */
  async withTerms(
    rows: Map<string, ModelSummaryRows>,
    entities: Entity[],
  ): Promise<Map<string, ModelSummaryRows>> {
    const terms = await this.termsOf(
      entities.filter(e => rows.has(stringifyEntityRef(e))),
    );
    for (const [ref, modelRows] of rows) {
      modelRows.currentTerms = terms.get(ref);
    }
    return rows;
  }
}
