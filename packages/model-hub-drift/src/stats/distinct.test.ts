import { countDistinctNumbers } from './distinct';

describe('countDistinctNumbers', () => {
  it('counts like a set, with -0 and +0 as one value', () => {
    expect(
      countDistinctNumbers([
        Float64Array.from([1, 2, 2, -0, 0, 3.5]),
        Float64Array.from([3.5, 4]),
      ]),
    ).toBe(5);
  });

  it('agrees with a Set on large inputs (partitioned path)', () => {
    const a = new Float64Array(150000);
    const b = new Float64Array(90000);
    for (let i = 0; i < a.length; i++) a[i] = Math.floor(i / 3) * 0.25;
    for (let i = 0; i < b.length; i++) b[i] = (i % 70000) * 0.5 - 1000;
    expect(countDistinctNumbers([a, b])).toBe(new Set([...a, ...b]).size);
  });
});
