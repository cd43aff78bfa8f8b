/*
 * The living demo's plan, as data: which example models get Model Hub data,
 * who publishes and approves them, the columns of their inputs, and where
 * each model's story ends. Models and users are those of examples/model-hub
 * (models.yaml, org.yaml); the last version of each model is the catalog
 * entity's `spec.version`.
 */

/** Example users the demo acts as, all members of a team in org.yaml. */
export const DEMO_USERS = [
  'anna.kowalski', // credit-risk-analytics
  'david.okafor', // credit-risk-analytics
  'sofia.marino', // marketing-analytics
  'tom.berg', // marketing-analytics
  'priya.nair', // energy-forecasting
  'jonas.weber', // energy-forecasting
  'lukas.meyer', // energy-trading-analytics (a one-person team)
  'chen.wei', // fraud-analytics
  'maria.santos', // fraud-analytics
  'emma.laurent', // personalization
  'oliver.smith', // personalization
  'fatima.haddad', // genai-platform
  'noah.fischer', // genai-platform
  'ingrid.hansen', // model-risk-management
  'kofi.boateng', // model-risk-management
] as const;

export type DemoUser = (typeof DEMO_USERS)[number];

/** Model Risk Management: the first approver of every demo review. */
export const DEMO_RISK_REVIEWER: DemoUser = 'ingrid.hansen';

/**
 * Model Risk Management's second approver, for policies that ask for two:
 * High and Severe models are validated outside their owning team.
 */
export const DEMO_SECOND_RISK_REVIEWER: DemoUser = 'kofi.boateng';

/**
 * An input column and how its synthetic values are drawn: numbers from a
 * bell curve (clamped, rounded), categories by weight. `shift` (standard
 * deviations) and `shifted` (weights) are where a drifting model moves.
 */
export type DemoFeature =
  | {
      name: string;
      type: 'double' | 'long';
      mean: number;
      sd: number;
      min?: number;
      max?: number;
      shift?: number;
    }
  | {
      name: string;
      type: 'string';
      weights: Record<string, number>;
      shifted?: Record<string, number>;
    };

/**
 * Where a model's governance ends: its latest version approved; its latest
 * version waiting for approval (the previous one approved and in
 * production); or approved so long ago that the approval has expired.
 */
export type DemoGovernance = 'approved' | 'waiting' | 'expired';

/**
 * Where its drift monitoring ends: stable; drifting in the last windows;
 * or stale (its last window ended days ago; see DEMO_TIMELINE in demoPlan.ts).
 */
export type DemoDrift = 'stable' | 'drifting' | 'stale';

export type DemoModelPlan = {
  name: string;
  publisher: DemoUser;
  /** Oldest first; the last one is the catalog entity's `spec.version`. */
  versions: [string, string, string];
  output: { name: string; type: string };
  features: DemoFeature[];
  governance: DemoGovernance;
  drift: DemoDrift;
};

const creditApplicant: DemoFeature[] = [
  { name: 'annual_income', type: 'double', mean: 48000, sd: 15000, min: 8000 },
  { name: 'debt_to_income', type: 'double', mean: 0.32, sd: 0.12, min: 0 },
  { name: 'bureau_history_months', type: 'long', mean: 96, sd: 50, min: 0 },
  {
    name: 'employment_type',
    type: 'string',
    weights: { employed: 72, 'self-employed': 12, retired: 10, other: 6 },
  },
];

const hourOfDay: DemoFeature = {
  name: 'hour_of_day',
  type: 'long',
  mean: 11.5,
  sd: 6.9,
  min: 0,
  max: 23,
};

const cardAuthorisation: DemoFeature[] = [
  { name: 'amount_eur', type: 'double', mean: 62, sd: 45, min: 0.5 },
  { name: 'hour_of_day', type: 'long', mean: 14, sd: 5, min: 0, max: 23 },
  {
    name: 'merchant_category',
    type: 'string',
    weights: { grocery: 34, fuel: 12, travel: 8, electronics: 9, online: 37 },
  },
];

export const DEMO_MODELS: DemoModelPlan[] = [
  {
    name: 'credit-scoring-pd',
    publisher: 'anna.kowalski',
    versions: ['3.0.0', '3.1.0', '3.2.0'],
    output: { name: 'probability_of_default', type: 'double' },
    features: [
      { name: 'applicant_age', type: 'long', mean: 41, sd: 12, min: 18 },
      ...creditApplicant,
      { name: 'loan_amount', type: 'double', mean: 15000, sd: 9000, min: 1000 },
    ],
    governance: 'approved',
    drift: 'stable',
  },
  {
    name: 'credit-scorecard-logit',
    publisher: 'david.okafor',
    versions: ['6.2.0', '7.0.0', '7.1.0'],
    output: { name: 'score_points', type: 'long' },
    features: creditApplicant,
    governance: 'approved',
    drift: 'stable',
  },
  {
    name: 'next-best-offer',
    publisher: 'sofia.marino',
    versions: ['2.3.0', '2.4.0', '2.4.1'],
    output: { name: 'ranked_offers', type: 'string' },
    features: [
      { name: 'tenure_months', type: 'long', mean: 64, sd: 40, min: 0 },
      { name: 'monthly_balance_eur', type: 'double', mean: 3200, sd: 2100 },
      { name: 'app_sessions_30d', type: 'long', mean: 14, sd: 8, min: 0 },
      {
        name: 'segment',
        type: 'string',
        weights: { mass: 61, affluent: 22, student: 11, private: 6 },
      },
    ],
    governance: 'waiting',
    drift: 'stable',
  },
  {
    name: 'churn-propensity',
    publisher: 'tom.berg',
    versions: ['1.7.0', '1.8.0', '1.9.0'],
    output: { name: 'churn_probability', type: 'double' },
    features: [
      { name: 'tenure_months', type: 'long', mean: 64, sd: 40, min: 0 },
      { name: 'products_held', type: 'long', mean: 2.4, sd: 1.2, min: 1 },
      { name: 'complaints_90d', type: 'long', mean: 0.3, sd: 0.6, min: 0 },
      { name: 'balance_trend_pct', type: 'double', mean: 1.5, sd: 12 },
      {
        name: 'main_channel',
        type: 'string',
        weights: { app: 58, web: 24, branch: 12, phone: 6 },
      },
    ],
    governance: 'approved',
    drift: 'stale',
  },
  {
    name: 'grid-load-forecast-day-ahead',
    publisher: 'priya.nair',
    versions: ['4.3.1', '5.0.0', '5.0.2'],
    output: { name: 'load_p50_mw', type: 'double' },
    features: [
      { name: 'temperature_c', type: 'double', mean: 11, sd: 7 },
      { name: 'load_lag_7d_mw', type: 'double', mean: 820, sd: 160, min: 0 },
      hourOfDay,
      {
        name: 'grid_zone',
        type: 'string',
        weights: { north: 22, south: 26, east: 17, west: 19, central: 16 },
      },
      {
        name: 'day_type',
        type: 'string',
        weights: { workday: 69, weekend: 28, holiday: 3 },
      },
    ],
    governance: 'expired',
    drift: 'stable',
  },
  {
    name: 'grid-load-seasonal-baseline',
    publisher: 'jonas.weber',
    versions: ['0.9.0', '0.9.1', '1.0.0'],
    output: { name: 'load_mw', type: 'double' },
    features: [
      { name: 'temperature_c', type: 'double', mean: 11, sd: 7 },
      { name: 'load_same_weekday_mw', type: 'double', mean: 815, sd: 170 },
      {
        name: 'grid_zone',
        type: 'string',
        weights: { north: 22, south: 26, east: 17, west: 19, central: 16 },
      },
    ],
    governance: 'approved',
    drift: 'stable',
  },
  {
    // The energy market moves: gas and CO2 prices jump in the last weeks.
    name: 'day-ahead-price-forecast',
    publisher: 'lukas.meyer',
    versions: ['2.0.0', '2.1.0', '2.2.0'],
    output: { name: 'price_eur_mwh', type: 'double' },
    features: [
      { name: 'gas_price_eur_mwh', type: 'double', mean: 34, sd: 6, shift: 2 },
      { name: 'co2_price_eur_t', type: 'double', mean: 68, sd: 7, shift: 1.2 },
      {
        name: 'residual_load_mw',
        type: 'double',
        mean: 41000,
        sd: 9000,
        shift: 0.4,
      },
      hourOfDay,
      {
        name: 'renewables_share',
        type: 'string',
        weights: { low: 30, medium: 45, high: 25 },
        shifted: { low: 55, medium: 35, high: 10 },
      },
    ],
    governance: 'approved',
    drift: 'drifting',
  },
  {
    name: 'card-fraud-detection',
    publisher: 'chen.wei',
    versions: ['12.1.0', '12.2.0', '12.3.0'],
    output: { name: 'fraud_score', type: 'long' },
    features: [
      ...cardAuthorisation,
      { name: 'card_present', type: 'string', weights: { yes: 58, no: 42 } },
      { name: 'velocity_24h', type: 'long', mean: 3, sd: 2, min: 0 },
    ],
    governance: 'approved',
    drift: 'stable',
  },
  {
    name: 'card-fraud-rules-scorer',
    publisher: 'maria.santos',
    versions: ['2.9.0', '3.0.0', '3.0.1'],
    output: { name: 'rules_score', type: 'long' },
    features: cardAuthorisation,
    governance: 'approved',
    drift: 'stable',
  },
  {
    name: 'product-recs-two-tower',
    publisher: 'emma.laurent',
    versions: ['5.4.0', '6.0.0', '6.1.0'],
    output: { name: 'recommended_products', type: 'string' },
    features: [
      { name: 'session_events', type: 'long', mean: 18, sd: 11, min: 1 },
      { name: 'basket_value_eur', type: 'double', mean: 54, sd: 38, min: 0 },
      {
        name: 'device',
        type: 'string',
        weights: { mobile: 63, desktop: 29, tablet: 8 },
      },
    ],
    governance: 'approved',
    drift: 'stable',
  },
  {
    name: 'support-ticket-router',
    publisher: 'fatima.haddad',
    versions: ['2.8.0', '3.0.0', '3.1.0'],
    output: { name: 'queue', type: 'string' },
    features: [
      { name: 'email_length_chars', type: 'long', mean: 740, sd: 420, min: 20 },
      { name: 'attachments', type: 'long', mean: 0.6, sd: 0.9, min: 0 },
      {
        name: 'language',
        type: 'string',
        weights: { de: 64, en: 21, fr: 8, it: 7 },
      },
    ],
    governance: 'approved',
    drift: 'stable',
  },
];
