import { PolicyOverride } from './types';

/** Per-model overrides of the governance policy. */
export interface PolicyOverrideStore {
  get(modelRef: string): Promise<PolicyOverride | undefined>;

  /** The overrides of these models; models without one are absent. */
  getMany(modelRefs: string[]): Promise<Map<string, PolicyOverride>>;

  /** Creates or replaces the override of a model. */
  set(modelRef: string, override: PolicyOverride): Promise<void>;
}
