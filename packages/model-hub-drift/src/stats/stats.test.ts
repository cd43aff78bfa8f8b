import { fixtures, num } from '../fixtures/fixtures';
import { generateSample, uniforms } from '../fixtures/prng';
import { kolmogorovSf } from './kolmogorov';
import { chiSquareSf, roundHalfEven, standardNormalCdf } from './special';

describe('special functions against SciPy', () => {
  it('kstwo.sf over every branch (|diff| <= 1e-10)', () => {
    let worst = 0;
    for (const [n, d, expected] of fixtures.kstwo) {
      const diff = Math.abs(kolmogorovSf(n, d) - num(expected));
      worst = Math.max(worst, diff);
      if (diff > 1e-10)
        throw new Error(
          `kstwo.sf(${d}, ${n}) = ${kolmogorovSf(n, d)}, SciPy ${expected}`,
        );
    }
    expect(worst).toBeLessThan(1e-10);
    expect(fixtures.kstwo.length).toBeGreaterThan(300);
  });

  it('chi2.sf', () => {
    for (const [x, df, expected] of fixtures.chiSquareSf) {
      expect(Math.abs(chiSquareSf(x, df) - num(expected))).toBeLessThan(1e-12);
    }
  });

  it('norm.cdf', () => {
    for (const [z, expected] of fixtures.normalCdf) {
      expect(Math.abs(standardNormalCdf(z) - num(expected))).toBeLessThan(
        1e-15,
      );
    }
  });

  it('rounds half to even like numpy.round', () => {
    expect(roundHalfEven(5000.5)).toBe(5000);
    expect(roundHalfEven(5001.5)).toBe(5002);
    expect(roundHalfEven(2.4)).toBe(2);
  });
});

describe('fixture sample generator', () => {
  it('is bit-identical to the NumPy generator', () => {
    expect(Array.from(uniforms(42, 5))).toEqual(
      fixtures.prngCheck.uniformSeed42,
    );
    expect(
      Array.from(
        generateSample({ dist: 'normal', n: 5, seed: 7, mean: 1.5, sd: 2 }),
      ),
    ).toEqual(fixtures.prngCheck.normalSeed7);
  });
});
