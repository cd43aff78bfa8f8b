/**
 * The API group of every entity kind defined by Model Hub.
 *
 * @public
 */
export const MODEL_HUB_API_GROUP = 'model-hub.io';

/**
 * The apiVersion of the current `Model` entity format.
 *
 * @public
 */
export const MODEL_API_VERSION_V1ALPHA1 = `${MODEL_HUB_API_GROUP}/v1alpha1`;

/**
 * All apiVersions of the `Model` kind understood by this package.
 *
 * @public
 */
export const MODEL_API_VERSIONS: readonly string[] = [
  MODEL_API_VERSION_V1ALPHA1,
];

/**
 * The `kind` of a Model entity.
 *
 * @public
 */
export const MODEL_KIND = 'Model';

/**
 * Relation from a model to the model that takes over when it is unavailable
 * (emitted for `spec.fallbackModel`).
 *
 * @public
 */
export const RELATION_HAS_FALLBACK_MODEL = 'hasFallbackModel';

/**
 * Reverse of {@link RELATION_HAS_FALLBACK_MODEL}: from the fallback model to
 * the models it stands in for.
 *
 * @public
 */
export const RELATION_FALLBACK_MODEL_OF = 'fallbackModelOf';

/**
 * The tasks a model can perform (`spec.type`).
 *
 * @public
 */
export const MODEL_TYPES = [
  'classification',
  'regression',
  'ranking',
  'recommendation',
  'forecasting',
  'clustering',
  'anomaly-detection',
  'nlp',
  'computer-vision',
  'generative',
] as const;

/**
 * The lifecycle stages of a model (`spec.lifecycle`).
 *
 * @public
 */
export const MODEL_LIFECYCLES = [
  'experimental',
  'production',
  'deprecated',
  'retired',
] as const;

/**
 * Risk categories of the EU AI Act (`spec.risk.regulatoryCategory`):
 * `unacceptable` (prohibited practices), `high` (Annex III areas such as
 * credit scoring, employment, critical infrastructure), `limited`
 * (transparency duties, e.g. chatbots and generated content) and `minimal`.
 *
 * @public
 */
export const EU_AI_ACT_CATEGORIES = [
  'minimal',
  'limited',
  'high',
  'unacceptable',
] as const;

/**
 * How widely a model's predictions are used (`spec.risk.exposure`). Models
 * used widely or outside the company carry more risk.
 *
 * @public
 */
export const MODEL_EXPOSURES = ['team', 'company', 'external'] as const;

/**
 * How a model is served (`spec.serving.mode`).
 *
 * @public
 */
export const MODEL_SERVING_MODES = [
  'online',
  'batch',
  'streaming',
  'embedded',
] as const;

/**
 * Rollout strategies of a served model (`spec.serving.rollout.strategy`).
 *
 * @public
 */
export const MODEL_ROLLOUT_STRATEGIES = [
  'full',
  'canary',
  'shadow',
  'blue-green',
] as const;

/**
 * Annotation on a service that names the model versions it pins, as
 * comma-separated `<model ref>@<version>` pairs, e.g.
 * `model:default/credit-scoring-pd@3.2.0`. The software templates write it;
 * the service's Models tab compares it with the approved versions.
 *
 * @public
 */
export const MODEL_PINNED_VERSIONS_ANNOTATION = 'model-hub.io/pinned-versions';
