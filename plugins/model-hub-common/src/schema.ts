import {
  EU_AI_ACT_CATEGORIES,
  MODEL_API_VERSIONS,
  MODEL_EXPOSURES,
  MODEL_KIND,
  MODEL_LIFECYCLES,
  MODEL_ROLLOUT_STRATEGIES,
  MODEL_SERVING_MODES,
  MODEL_TYPES,
} from './constants';
import { MODEL_RISK_DEFINITIONS, MODEL_RISK_KEYS } from './risk';

const nonEmptyString = { type: 'string', minLength: 1 } as const;

const stringList = (description: string) => ({
  type: 'array',
  description,
  items: nonEmptyString,
});

const namedVersion = (description: string, examples: string[]) => ({
  type: 'object',
  description,
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { ...nonEmptyString, examples },
    version: nonEmptyString,
  },
});

const rating = (description: string) => ({
  type: 'integer',
  minimum: 1,
  maximum: 5,
  description,
});

const riskRating = (description: string) => ({
  type: 'object',
  description,
  required: ['likelihood', 'impact'],
  additionalProperties: false,
  properties: {
    likelihood: rating(
      '1 rare, 2 unlikely, 3 possible, 4 likely, 5 very likely.',
    ),
    impact: rating('1 very low, 2 low, 3 moderate, 4 large, 5 very large.'),
    rationale: nonEmptyString,
  },
});

/**
 * JSON schema (draft-07) of `kind: Model`, `apiVersion:
 * model-hub.io/v1alpha1`.
 *
 * @remarks
 *
 * Only the kind specific parts are described; the envelope and metadata are
 * validated by the catalog's entity policies before kinds are checked.
 * Unknown fields are accepted directly under `spec` (like the built-in
 * kinds), but not inside the structured sub-objects, so that a typo such as
 * `likelyhood` is reported rather than silently ignored.
 *
 * @public
 */
export const modelEntityV1alpha1Schema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'ModelV1alpha1',
  description:
    'A Model is a curated machine learning model: its model card, how it is served, and its risk assessment.',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { enum: [...MODEL_API_VERSIONS] },
    kind: { enum: [MODEL_KIND] },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      required: ['type', 'lifecycle', 'owner', 'risk'],
      properties: {
        type: {
          enum: [...MODEL_TYPES],
          description: 'The task the model performs.',
        },
        lifecycle: {
          enum: [...MODEL_LIFECYCLES],
          description: 'The lifecycle stage of the model.',
        },
        owner: {
          ...nonEmptyString,
          description: 'Entity ref of the owner (default kind group).',
        },
        system: {
          ...nonEmptyString,
          description: 'Entity ref of the system the model is part of.',
        },
        version: nonEmptyString,
        framework: namedVersion('Training framework.', [
          'xgboost',
          'lightgbm',
          'pytorch',
          'scikit-learn',
        ]),
        format: namedVersion('Serialisation format of the artefact.', [
          'onnx',
          'mlflow-pyfunc',
          'safetensors',
        ]),
        license: {
          ...nonEmptyString,
          description: 'SPDX licence identifier or "proprietary".',
        },
        baseModel: nonEmptyString,
        architecture: nonEmptyString,
        inputFormat: nonEmptyString,
        outputFormat: nonEmptyString,
        intendedUse: {
          type: 'object',
          required: ['useCases'],
          additionalProperties: false,
          properties: {
            useCases: stringList('What the model is meant to be used for.'),
            users: stringList('Who is meant to use the model.'),
          },
        },
        outOfScopeUses: stringList('Uses the model must not be put to.'),
        limitations: stringList('Known limitations.'),
        tradeoffs: stringList('Known trade-offs.'),
        ethicalConsiderations: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: { name: nonEmptyString, mitigation: nonEmptyString },
          },
        },
        trainingData: {
          type: 'array',
          description: 'Datasets the model was trained or validated on.',
          items: {
            type: 'object',
            required: ['dataset', 'sensitive'],
            additionalProperties: false,
            properties: {
              dataset: {
                ...nonEmptyString,
                description: 'Entity ref (default kind resource).',
              },
              sensitive: {
                type: 'boolean',
                description: 'Whether the data is personal or sensitive.',
              },
              role: { enum: ['training', 'validation', 'evaluation'] },
              description: nonEmptyString,
            },
          },
        },
        metrics: {
          type: 'array',
          description: 'Evaluation metrics.',
          items: {
            type: 'object',
            required: ['name', 'value'],
            additionalProperties: false,
            properties: {
              name: nonEmptyString,
              value: { type: 'number' },
              slice: nonEmptyString,
              dataset: nonEmptyString,
              description: nonEmptyString,
            },
          },
        },
        serving: {
          type: 'object',
          additionalProperties: false,
          properties: {
            mode: { enum: [...MODEL_SERVING_MODES] },
            endpoint: nonEmptyString,
            providesApi: {
              ...nonEmptyString,
              description: 'Entity ref of the API served (default kind api).',
            },
            alias: {
              ...nonEmptyString,
              examples: ['champion', 'challenger'],
            },
            rollout: {
              type: 'object',
              required: ['strategy'],
              additionalProperties: false,
              properties: {
                strategy: { enum: [...MODEL_ROLLOUT_STRATEGIES] },
                trafficPercent: { type: 'number', minimum: 0, maximum: 100 },
              },
            },
          },
        },
        fallbackModel: {
          ...nonEmptyString,
          description:
            'Entity ref of the model used when this one is unavailable.',
        },
        risk: {
          type: 'object',
          required: [
            'assessments',
            'rationale',
            'regulatoryCategory',
            'businessDomain',
          ],
          additionalProperties: false,
          properties: {
            assessments: {
              type: 'object',
              required: [...MODEL_RISK_KEYS],
              additionalProperties: false,
              properties: Object.fromEntries(
                MODEL_RISK_KEYS.map(key => [
                  key,
                  riskRating(MODEL_RISK_DEFINITIONS[key].description),
                ]),
              ),
            },
            rationale: nonEmptyString,
            regulatoryCategory: {
              enum: [...EU_AI_ACT_CATEGORIES],
              description: 'EU AI Act risk category.',
            },
            businessDomain: nonEmptyString,
            exposure: { enum: [...MODEL_EXPOSURES] },
            assessedAt: {
              type: 'string',
              pattern: '^\\d{4}-\\d{2}-\\d{2}$',
              description: 'Date of the assessment, YYYY-MM-DD.',
            },
            assessedBy: nonEmptyString,
          },
        },
      },
    },
  },
};
