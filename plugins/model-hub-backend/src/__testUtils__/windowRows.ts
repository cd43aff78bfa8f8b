/**
 * Rows of a production-like window: 9 columns (six numeric, three
 * categorical), about 199 bytes of JSON a row, so 100,000 rows make a body
 * of about 19.9 MB. Deterministic: `seed` picks the sample, `shift` moves
 * the numeric columns.
 */
export function windowRows(n: number, seed = 1, shift = 0) {
  let s = seed;
  const r = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  return Array.from({ length: n }, (_, i) => ({
    income: Math.round((40000 + r() * 20000 + shift) * 1e6) / 1e6,
    age: 18 + Math.floor(r() * 60),
    score: r(),
    balance: r() * 1e5,
    region: ['north', 'south', 'east', 'west'][i % 4],
    channel: ['web', 'branch', 'phone'][i % 3],
    tenure_months: Math.floor(r() * 240),
    utilisation: r(),
    segment_code: `SEG-${i % 50}`,
  }));
}
