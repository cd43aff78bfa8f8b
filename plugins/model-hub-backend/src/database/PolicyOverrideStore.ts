import { PolicyOverride } from './types';

/** Per-model overrides of the governance policy. */
export interface PolicyOverrideStore {
  get(modelRef: string): Promise<PolicyOverride | undefined>;

  /** Creates or replaces the override of a model. */
  set(modelRef: string, override: PolicyOverride): Promise<void>;
}
