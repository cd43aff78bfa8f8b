/**
 * Likelihood of a risk materialising: 1 rare, 2 unlikely, 3 possible,
 * 4 likely, 5 very likely.
 *
 * @public
 */
export type RiskLikelihood = 1 | 2 | 3 | 4 | 5;

/**
 * Impact of a risk if it materialises: 1 very low, 2 low, 3 moderate,
 * 4 large, 5 very large.
 *
 * @public
 */
export type RiskImpact = 1 | 2 | 3 | 4 | 5;

/**
 * Risk levels of the 5x5 matrix, from least to most serious.
 *
 * @public
 */
export const RISK_LEVELS = ['Low', 'Medium', 'High', 'Severe'] as const;

/**
 * A risk level of the 5x5 matrix.
 *
 * @public
 */
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Labels of the likelihood scale.
 *
 * @public
 */
export const RISK_LIKELIHOOD_LABELS: Record<RiskLikelihood, string> = {
  1: 'Rare',
  2: 'Unlikely',
  3: 'Possible',
  4: 'Likely',
  5: 'Very likely',
};

/**
 * Labels of the impact scale.
 *
 * @public
 */
export const RISK_IMPACT_LABELS: Record<RiskImpact, string> = {
  1: 'Very low',
  2: 'Low',
  3: 'Moderate',
  4: 'Large',
  5: 'Very large',
};

/**
 * The four risks assessed for every model, in display order.
 *
 * @public
 */
export const MODEL_RISK_KEYS = [
  'unavailability',
  'wrongPrediction',
  'degradation',
  'skillsLoss',
] as const;

/**
 * One of the four risks assessed for every model.
 *
 * @public
 */
export type ModelRiskKey = (typeof MODEL_RISK_KEYS)[number];

/**
 * Human-readable title and description of each of the four risks.
 *
 * @public
 */
export const MODEL_RISK_DEFINITIONS: Record<
  ModelRiskKey,
  { title: string; description: string }
> = {
  unavailability: {
    title: 'Unavailability',
    description: 'The model is unavailable for a period of time.',
  },
  wrongPrediction: {
    title: 'Wrong prediction',
    description: 'The model makes a wrong prediction for an observation.',
  },
  degradation: {
    title: 'Degradation',
    description: 'Accuracy or fairness of the model degrades over time.',
  },
  skillsLoss: {
    title: 'Skills loss',
    description:
      'The skills to maintain the model are no longer available (its people left).',
  },
};

/**
 * The likelihood and impact of one risk, as written in `spec.risk.assessments`.
 *
 * @public
 */
export type ModelRiskRating = {
  likelihood: RiskLikelihood;
  impact: RiskImpact;
  /** Why this likelihood and impact were chosen. */
  rationale?: string;
};

/**
 * The computed score and level of one risk.
 *
 * @public
 */
export type ModelRiskResult = {
  likelihood: RiskLikelihood;
  impact: RiskImpact;
  /** likelihood × impact, 1 to 25. */
  score: number;
  level: RiskLevel;
};

/**
 * The result of {@link assessModelRisk}.
 *
 * @public
 */
export type ModelRiskAssessmentResult = {
  /** Score and level of each of the four risks. */
  risks: Record<ModelRiskKey, ModelRiskResult>;
  /** The model's level: the worst level of the four risks. */
  level: RiskLevel;
  /** The highest score of the four risks. */
  score: number;
  /** The risk with the highest score (the first in display order on ties). */
  worstRisk: ModelRiskKey;
};

function isRating(value: unknown): value is 1 | 2 | 3 | 4 | 5 {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= 5
  );
}

/**
 * Computes the score of a risk on the 5x5 matrix: likelihood × impact.
 *
 * @throws RangeError if likelihood or impact is not an integer from 1 to 5.
 * @public
 */
export function computeRiskScore(likelihood: number, impact: number): number {
  if (!isRating(likelihood)) {
    throw new RangeError(
      `likelihood: ${JSON.stringify(
        likelihood,
      )} is not allowed; must be an integer from 1 to 5`,
    );
  }
  if (!isRating(impact)) {
    throw new RangeError(
      `impact: ${JSON.stringify(
        impact,
      )} is not allowed; must be an integer from 1 to 5`,
    );
  }
  return likelihood * impact;
}

/**
 * Maps a risk score to its level: 1-3 Low, 4-9 Medium, 10-16 High,
 * 20-25 Severe.
 *
 * @throws RangeError if the score is not an integer from 1 to 25.
 * @public
 */
export function riskLevelForScore(score: number): RiskLevel {
  if (!Number.isInteger(score) || score < 1 || score > 25) {
    throw new RangeError(
      `score: ${JSON.stringify(
        score,
      )} is not allowed; must be an integer from 1 to 25`,
    );
  }
  if (score <= 3) {
    return 'Low';
  }
  if (score <= 9) {
    return 'Medium';
  }
  if (score <= 16) {
    return 'High';
  }
  return 'Severe';
}

/**
 * Score and level of one cell of the matrix.
 *
 * @public
 */
export function assessRisk(
  likelihood: number,
  impact: number,
): ModelRiskResult {
  const score = computeRiskScore(likelihood, impact);
  return {
    likelihood: likelihood as RiskLikelihood,
    impact: impact as RiskImpact,
    score,
    level: riskLevelForScore(score),
  };
}

/**
 * Orders risk levels: negative if `a` is less serious than `b`, 0 if equal,
 * positive if more serious.
 *
 * @public
 */
export function compareRiskLevels(a: RiskLevel, b: RiskLevel): number {
  return RISK_LEVELS.indexOf(a) - RISK_LEVELS.indexOf(b);
}

/**
 * The full 5x5 matrix, `matrix[likelihood - 1][impact - 1]`, for display.
 *
 * @public
 */
export function buildRiskMatrix(): ModelRiskResult[][] {
  const ratings = [1, 2, 3, 4, 5];
  return ratings.map(likelihood =>
    ratings.map(impact => assessRisk(likelihood, impact)),
  );
}

/**
 * Computes the score and level of each of the four risks of a model, and the
 * model's level (the worst of the four).
 *
 * @param risk - `spec.risk` of a Model entity (only `assessments` is read).
 * @throws RangeError if an assessment is missing or has a rating outside 1-5.
 * @public
 */
export function assessModelRisk(risk: {
  assessments: Record<ModelRiskKey, ModelRiskRating>;
}): ModelRiskAssessmentResult {
  const risks = {} as Record<ModelRiskKey, ModelRiskResult>;
  let worstRisk: ModelRiskKey = MODEL_RISK_KEYS[0];
  for (const key of MODEL_RISK_KEYS) {
    const rating = risk?.assessments?.[key];
    if (!rating) {
      throw new RangeError(`assessments.${key}: missing risk assessment`);
    }
    try {
      risks[key] = assessRisk(rating.likelihood, rating.impact);
    } catch (e) {
      throw new RangeError(`assessments.${key}.${(e as Error).message}`);
    }
    if (risks[key].score > risks[worstRisk].score) {
      worstRisk = key;
    }
  }
  return {
    risks,
    level: risks[worstRisk].level,
    score: risks[worstRisk].score,
    worstRisk,
  };
}
