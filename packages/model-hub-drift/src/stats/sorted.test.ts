import { sortFloat64 } from './sorted';

describe('sortFloat64', () => {
  it('sorts like a numeric comparison sort, negatives, zeros and infinities included', () => {
    const n = 50000;
    const a = new Float64Array(n);
    let s = 12345;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      a[i] = (s / 2 ** 32 - 0.5) * 10 ** ((s % 13) - 6);
    }
    a.set(
      [
        0,
        -0,
        Infinity,
        -Infinity,
        5e-324,
        -5e-324,
        Number.MAX_VALUE,
        -Number.MAX_VALUE,
        1,
        1,
        1,
      ],
      0,
    );
    const expected = Float64Array.from(a).sort();
    expect(Array.from(sortFloat64(a))).toEqual(Array.from(expected));
  });

  it('handles small and constant arrays', () => {
    expect(Array.from(sortFloat64(Float64Array.from([3, 1, 2])))).toEqual([
      1, 2, 3,
    ]);
    expect(
      Array.from(sortFloat64(new Float64Array(5000).fill(7))).every(
        v => v === 7,
      ),
    ).toBe(true);
  });
});
