import type { Entity } from '@backstage/catalog-model';
import {
  EU_AI_ACT_CATEGORIES,
  MODEL_API_VERSION_V1ALPHA1,
  MODEL_EXPOSURES,
  MODEL_KIND,
  MODEL_LIFECYCLES,
  MODEL_ROLLOUT_STRATEGIES,
  MODEL_SERVING_MODES,
  MODEL_TYPES,
} from './constants';
import type { ModelRiskKey, ModelRiskRating } from './risk';

/** @public */
export type ModelType = (typeof MODEL_TYPES)[number];
/** @public */
export type ModelLifecycle = (typeof MODEL_LIFECYCLES)[number];
/** @public */
export type EuAiActCategory = (typeof EU_AI_ACT_CATEGORIES)[number];
/** @public */
export type ModelExposure = (typeof MODEL_EXPOSURES)[number];
/** @public */
export type ModelServingMode = (typeof MODEL_SERVING_MODES)[number];
/** @public */
export type ModelRolloutStrategy = (typeof MODEL_ROLLOUT_STRATEGIES)[number];

/**
 * A named, optionally versioned tool or format, e.g. `{ name: xgboost,
 * version: "2.0" }`.
 *
 * @public
 */
export type ModelNamedVersion = {
  name: string;
  version?: string;
};

/**
 * Intended use of a model (model card "considerations").
 *
 * @public
 */
export type ModelIntendedUse = {
  /** What the model is meant to be used for. */
  useCases: string[];
  /** Who is meant to use the model or its predictions. */
  users?: string[];
};

/**
 * An ethical consideration and how it is mitigated.
 *
 * @public
 */
export type ModelEthicalConsideration = {
  name: string;
  mitigation?: string;
};

/**
 * A dataset the model was trained or validated on.
 *
 * @public
 */
export type ModelTrainingData = {
  /** Entity ref of the dataset, default kind `resource`. */
  dataset: string;
  /** Whether the data contains personal or otherwise sensitive data. */
  sensitive: boolean;
  /** How the dataset is used, e.g. `training`, `validation`. */
  role?: 'training' | 'validation' | 'evaluation';
  description?: string;
};

/**
 * An evaluation metric (model card "quantitative analysis").
 *
 * @public
 */
export type ModelMetric = {
  /** Metric name, e.g. `auc`, `mape`, `ndcg@10`. */
  name: string;
  value: number;
  /** The slice of the data the value was measured on, e.g. `age<25`. */
  slice?: string;
  /** Entity ref of the evaluation dataset, default kind `resource`. */
  dataset?: string;
  description?: string;
};

/**
 * How a model is served.
 *
 * @public
 */
export type ModelServing = {
  mode?: ModelServingMode;
  /** URL of the inference endpoint. */
  endpoint?: string;
  /** Entity ref of the API the model serves, default kind `api`. */
  providesApi?: string;
  /** Model registry alias, e.g. MLflow `champion` or `challenger`. */
  alias?: string;
  rollout?: {
    strategy: ModelRolloutStrategy;
    /** Share of the traffic, 0-100, the model receives. */
    trafficPercent?: number;
  };
};

/**
 * The risk assessment of a model.
 *
 * @public
 */
export type ModelRisk = {
  /** Likelihood and impact of each of the four risks. */
  assessments: Record<ModelRiskKey, ModelRiskRating>;
  /** Why the model carries this risk overall. */
  rationale: string;
  /** EU AI Act risk category. */
  regulatoryCategory: EuAiActCategory;
  /** Business domain the model serves, e.g. `consumer-credit`. */
  businessDomain: string;
  /** How widely the model's predictions are used. */
  exposure?: ModelExposure;
  /** Date of the last assessment, `YYYY-MM-DD`. */
  assessedAt?: string;
  /** Entity ref of whoever did the last assessment. */
  assessedBy?: string;
};

/**
 * The spec of a `Model` entity: a model card plus operations and risk data.
 *
 * @public
 */
export type ModelSpec = {
  /** The task the model performs. */
  type: ModelType;
  lifecycle: ModelLifecycle;
  /** Entity ref of the owner, default kind `group`. */
  owner: string;
  /** Entity ref of the system the model is part of, default kind `system`. */
  system?: string;
  /** Version of the model, e.g. `3.2.0`. */
  version?: string;
  framework?: ModelNamedVersion;
  format?: ModelNamedVersion;
  /** SPDX licence identifier or `proprietary`. */
  license?: string;
  /** Model this one was fine-tuned or distilled from (free text or ref). */
  baseModel?: string;
  architecture?: string;
  inputFormat?: string;
  outputFormat?: string;
  intendedUse?: ModelIntendedUse;
  outOfScopeUses?: string[];
  limitations?: string[];
  tradeoffs?: string[];
  ethicalConsiderations?: ModelEthicalConsideration[];
  trainingData?: ModelTrainingData[];
  metrics?: ModelMetric[];
  serving?: ModelServing;
  /** Entity ref of the model used when this one is unavailable. */
  fallbackModel?: string;
  risk: ModelRisk;
};

/**
 * A `Model` entity, `apiVersion: model-hub.io/v1alpha1`.
 *
 * @public
 */
export interface ModelEntityV1alpha1 extends Entity {
  apiVersion: typeof MODEL_API_VERSION_V1ALPHA1;
  kind: typeof MODEL_KIND;
  spec: ModelSpec;
}

/**
 * Alias of the current Model entity version.
 *
 * @public
 */
export type ModelEntity = ModelEntityV1alpha1;

/**
 * Whether an entity is a Model (checks `apiVersion` and `kind` only; use the
 * validator for the full schema).
 *
 * @public
 */
export function isModelEntity(entity: Entity): entity is ModelEntityV1alpha1 {
  return (
    entity.apiVersion === MODEL_API_VERSION_V1ALPHA1 &&
    entity.kind.toLocaleUpperCase('en-US') === MODEL_KIND.toUpperCase()
  );
}
