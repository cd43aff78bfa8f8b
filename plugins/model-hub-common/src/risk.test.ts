import {
  assessModelRisk,
  buildRiskMatrix,
  compareRiskLevels,
  computeRiskScore,
  MODEL_RISK_KEYS,
  riskLevelForScore,
} from './risk';

// The 5x5 matrix written out by hand: rows are likelihood 1..5, columns are
// impact 1..5, each cell is [score, level].
const L = 'Low';
const M = 'Medium';
const H = 'High';
const S = 'Severe';
const EXPECTED: Array<Array<[number, string]>> = [
  [
    [1, L],
    [2, L],
    [3, L],
    [4, M],
    [5, M],
  ],
  [
    [2, L],
    [4, M],
    [6, M],
    [8, M],
    [10, H],
  ],
  [
    [3, L],
    [6, M],
    [9, M],
    [12, H],
    [15, H],
  ],
  [
    [4, M],
    [8, M],
    [12, H],
    [16, H],
    [20, S],
  ],
  [
    [5, M],
    [10, H],
    [15, H],
    [20, S],
    [25, S],
  ],
];

const cells = EXPECTED.flatMap((row, l) =>
  row.map(([score, level], i) => ({
    likelihood: l + 1,
    impact: i + 1,
    score,
    level,
  })),
);

describe('risk matrix', () => {
  it('has 25 cells', () => {
    expect(cells).toHaveLength(25);
  });

  it.each(cells)(
    'likelihood $likelihood x impact $impact = $score ($level)',
    ({ likelihood, impact, score, level }) => {
      expect(computeRiskScore(likelihood, impact)).toBe(score);
      expect(riskLevelForScore(score)).toBe(level);
      expect(buildRiskMatrix()[likelihood - 1][impact - 1]).toEqual({
        likelihood,
        impact,
        score,
        level,
      });
    },
  );

  it.each([
    [0, 3],
    [6, 3],
    [2.5, 3],
    [3, 0],
    [3, 6],
    [NaN, 1],
    ['3' as unknown as number, 1],
  ])('rejects likelihood %p / impact %p', (likelihood, impact) => {
    expect(() => computeRiskScore(likelihood, impact)).toThrow(
      /is not allowed; must be an integer from 1 to 5/,
    );
  });

  it('names the bad axis and value', () => {
    expect(() => computeRiskScore(7, 2)).toThrow(
      'likelihood: 7 is not allowed; must be an integer from 1 to 5',
    );
    expect(() => computeRiskScore(2, 0)).toThrow(
      'impact: 0 is not allowed; must be an integer from 1 to 5',
    );
  });

  it('maps the level boundaries', () => {
    expect(riskLevelForScore(3)).toBe('Low');
    expect(riskLevelForScore(4)).toBe('Medium');
    expect(riskLevelForScore(9)).toBe('Medium');
    expect(riskLevelForScore(10)).toBe('High');
    expect(riskLevelForScore(16)).toBe('High');
    expect(riskLevelForScore(20)).toBe('Severe');
    expect(() => riskLevelForScore(0)).toThrow(/1 to 25/);
    expect(() => riskLevelForScore(26)).toThrow(/1 to 25/);
  });

  it('orders levels', () => {
    expect(compareRiskLevels('Low', 'Severe')).toBeLessThan(0);
    expect(compareRiskLevels('High', 'Medium')).toBeGreaterThan(0);
    expect(compareRiskLevels('High', 'High')).toBe(0);
  });
});

describe('assessModelRisk', () => {
  const rate = (likelihood: number, impact: number) =>
    ({ likelihood, impact } as any);

  it('takes the worst of the four risks as the model level', () => {
    const result = assessModelRisk({
      assessments: {
        unavailability: rate(2, 3),
        wrongPrediction: rate(3, 4),
        degradation: rate(3, 3),
        skillsLoss: rate(1, 2),
      },
    });
    expect(result.risks).toEqual({
      unavailability: { likelihood: 2, impact: 3, score: 6, level: 'Medium' },
      wrongPrediction: { likelihood: 3, impact: 4, score: 12, level: 'High' },
      degradation: { likelihood: 3, impact: 3, score: 9, level: 'Medium' },
      skillsLoss: { likelihood: 1, impact: 2, score: 2, level: 'Low' },
    });
    expect(result.level).toBe('High');
    expect(result.score).toBe(12);
    expect(result.worstRisk).toBe('wrongPrediction');
  });

  it('reports skills loss as the worst risk of a one-person team', () => {
    const result = assessModelRisk({
      assessments: {
        unavailability: rate(1, 2),
        wrongPrediction: rate(2, 2),
        degradation: rate(2, 3),
        skillsLoss: rate(5, 4),
      },
    });
    expect(result.level).toBe('Severe');
    expect(result.worstRisk).toBe('skillsLoss');
  });

  it('breaks ties in display order', () => {
    const result = assessModelRisk({
      assessments: Object.fromEntries(
        MODEL_RISK_KEYS.map(k => [k, rate(1, 1)]),
      ) as any,
    });
    expect(result).toMatchObject({
      level: 'Low',
      score: 1,
      worstRisk: 'unavailability',
    });
  });

  it('rejects a missing or out-of-range assessment with its path', () => {
    expect(() =>
      assessModelRisk({
        assessments: {
          unavailability: rate(1, 1),
          wrongPrediction: rate(1, 1),
          degradation: rate(1, 1),
        } as any,
      }),
    ).toThrow('assessments.skillsLoss: missing risk assessment');
    expect(() =>
      assessModelRisk({
        assessments: {
          unavailability: rate(1, 1),
          wrongPrediction: rate(7, 1),
          degradation: rate(1, 1),
          skillsLoss: rate(1, 1),
        },
      }),
    ).toThrow(
      'assessments.wrongPrediction.likelihood: 7 is not allowed; must be an integer from 1 to 5',
    );
  });
});
