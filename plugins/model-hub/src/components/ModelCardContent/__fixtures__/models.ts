import type { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import type { ModelOverview, ModelVersion } from '../../../api/ModelHubApi';

/** credit-scoring-pd from examples/model-hub/models.yaml, as the catalog serves it. */
export const creditScoringPd: ModelEntity = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'credit-scoring-pd',
    namespace: 'default',
    title: 'Consumer credit probability of default',
    description:
      'Gradient-boosted model estimating the 12-month probability of default of consumer loan applicants. Champion model of the credit decision.',
    tags: ['credit-risk', 'xgboost', 'champion'],
    links: [
      {
        url: 'https://mlflow.example.com/#/models/credit-scoring-pd',
        title: 'MLflow registry',
      },
    ],
  },
  spec: {
    type: 'classification',
    lifecycle: 'production',
    owner: 'credit-risk-analytics',
    system: 'consumer-lending',
    version: '3.2.0',
    framework: { name: 'xgboost', version: '2.0' },
    format: { name: 'mlflow-pyfunc', version: '2.12' },
    license: 'proprietary',
    architecture:
      'Gradient-boosted trees, 600 trees, max depth 6, monotone constraints on income and debt ratio',
    inputFormat: 'JSON application record (42 features)',
    outputFormat: 'Probability of default 0-1 and top-5 reason codes',
    intendedUse: {
      useCases: [
        'Probability of default for unsecured consumer loans up to EUR 75,000',
        'Input to the credit decision together with affordability rules',
      ],
      users: ['Credit officers', 'Loan origination service'],
    },
    outOfScopeUses: [
      'Mortgages and business loans',
      'Fully automated rejection without human review (GDPR Art. 22)',
      'Marketing pre-selection of customers',
    ],
    limitations: [
      'Thin-file applicants (< 6 months bureau history) are under-represented',
      'Trained on a low interest rate period up to 2022',
    ],
    tradeoffs: [
      'Monotone constraints cost about 0.01 AUC but keep reason codes explainable',
    ],
    ethicalConsiderations: [
      {
        name: 'Indirect discrimination by age or nationality',
        mitigation:
          'Protected attributes excluded; quarterly disparate impact review by model risk management',
      },
      {
        name: 'Right to explanation',
        mitigation:
          'Reason codes are shown to the credit officer and in the decision letter',
      },
    ],
    trainingData: [
      { dataset: 'loan-applications', sensitive: true, role: 'training' },
      { dataset: 'credit-bureau-records', sensitive: true, role: 'training' },
      {
        dataset: 'loan-performance-holdout',
        sensitive: true,
        role: 'validation',
      },
    ],
    metrics: [
      { name: 'auc', value: 0.81, dataset: 'loan-performance-holdout' },
      {
        name: 'auc',
        value: 0.74,
        slice: 'applicant age < 25',
        dataset: 'loan-performance-holdout',
      },
      {
        name: 'auc',
        value: 0.77,
        slice: 'thin file',
        dataset: 'loan-performance-holdout',
      },
      { name: 'gini', value: 0.62, dataset: 'loan-performance-holdout' },
      {
        name: 'brier-score',
        value: 0.061,
        dataset: 'loan-performance-holdout',
      },
    ],
    serving: {
      mode: 'online',
      endpoint: 'https://models.example.com/credit-scoring-pd/invocations',
      providesApi: 'credit-score-api',
      alias: 'champion',
      rollout: { strategy: 'full', trafficPercent: 100 },
    },
    fallbackModel: 'credit-scorecard-logit',
    risk: {
      assessments: {
        unavailability: {
          likelihood: 2,
          impact: 3,
          rationale:
            'Fallback scorecard takes over; decisions are slower, not blocked',
        },
        wrongPrediction: {
          likelihood: 3,
          impact: 4,
          rationale: 'A wrong score grants or refuses credit to a consumer',
        },
        degradation: {
          likelihood: 3,
          impact: 4,
          rationale: 'Interest rate changes shift the applicant population',
        },
        skillsLoss: {
          likelihood: 2,
          impact: 3,
          rationale:
            'Two data scientists know the model; documentation is complete',
        },
      },
      rationale:
        'Decides on access to credit for consumers outside the company; wrong or drifting scores have financial and fairness impact.',
      regulatoryCategory: 'high',
      businessDomain: 'consumer-credit',
      exposure: 'external',
      assessedAt: '2025-02-14',
      assessedBy: 'user:ingrid.hansen',
    },
  },
};

/**
 * credit-scoring-pd-challenger from examples/model-hub/models.yaml: no
 * limitations, trade-offs, ethical considerations, architecture or endpoint.
 */
export const creditScoringPdChallenger: ModelEntity = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'credit-scoring-pd-challenger',
    namespace: 'default',
    title:
      'Consumer credit PD challenger (LightGBM with open banking features)',
    description: 'Challenger scored in shadow mode next to credit-scoring-pd.',
    tags: ['credit-risk', 'lightgbm', 'challenger'],
  },
  spec: {
    type: 'classification',
    lifecycle: 'experimental',
    owner: 'credit-risk-analytics',
    system: 'consumer-lending',
    version: '4.0.0-rc.2',
    framework: { name: 'lightgbm', version: '4.3' },
    format: { name: 'onnx', version: '1.15' },
    license: 'proprietary',
    intendedUse: {
      useCases: [
        'Shadow scoring to compare against the champion before promotion',
      ],
    },
    outOfScopeUses: [
      'Any credit decision until approved by model risk management',
    ],
    trainingData: [
      { dataset: 'loan-applications', sensitive: true, role: 'training' },
      { dataset: 'credit-bureau-records', sensitive: true, role: 'training' },
    ],
    metrics: [
      { name: 'auc', value: 0.83, dataset: 'loan-performance-holdout' },
      {
        name: 'auc',
        value: 0.79,
        slice: 'thin file',
        dataset: 'loan-performance-holdout',
      },
    ],
    serving: {
      mode: 'online',
      alias: 'challenger',
      rollout: { strategy: 'shadow', trafficPercent: 100 },
    },
    fallbackModel: 'credit-scoring-pd',
    risk: {
      assessments: {
        unavailability: {
          likelihood: 2,
          impact: 1,
          rationale: 'Shadow only, no decision depends on it',
        },
        wrongPrediction: { likelihood: 3, impact: 2 },
        degradation: { likelihood: 2, impact: 2 },
        skillsLoss: { likelihood: 2, impact: 2 },
      },
      rationale: 'Not used for decisions yet; becomes high risk if promoted.',
      regulatoryCategory: 'high',
      businessDomain: 'consumer-credit',
      exposure: 'team',
    },
  },
};

/** The latest version of credit-scoring-pd as the backend lists it. */
export const latestVersion: ModelVersion = {
  modelRef: 'model:default/credit-scoring-pd',
  version: '3.2.0',
  artifactUri: 's3://ml-artifacts/credit-scoring-pd/3.2.0/model',
  format: 'mlflow-pyfunc',
  trainingRunUrl: 'https://mlflow.example.com/#/experiments/12/runs/8f2c1a',
  datasets: [
    'resource:default/loan-applications',
    'resource:default/credit-bureau-records',
  ],
  metrics: [
    { name: 'auc', value: 0.812, dataset: 'loan-performance-holdout' },
    {
      name: 'auc',
      value: 0.741,
      slice: 'applicant age < 25',
      dataset: 'loan-performance-holdout',
    },
  ],
  hasReferenceProfile: true,
  evidence: {},
  publishedBy: 'user:default/dana.kowalski',
  publishedAt: '2026-11-20T10:00:00.000Z',
};

export const overview: ModelOverview = {
  modelRef: 'model:default/credit-scoring-pd',
  aliases: [
    {
      alias: 'champion',
      version: '3.2.0',
      updatedBy: 'user:default/dana.kowalski',
      updatedAt: '2026-11-21T08:00:00.000Z',
    },
  ],
  deployments: [
    {
      environment: 'production',
      version: '3.1.0',
      deployedBy: 'user:default/ci-bot',
      deployedAt: '2026-08-02T06:30:00.000Z',
    },
  ],
};
