import {
  buildDatasetProfile,
  DatasetProfile,
} from '@model-hub/model-hub-drift';
import { DemoFeature } from './demoScenario';

/*
 * Synthetic model inputs for the demo, from a seeded PRNG: the same seed
 * gives the same rows on every run. Each column is drawn by stratified
 * sampling (one uniform in each of n equal slices of [0, 1), shuffled), so a
 * window of undrifted data is close to its reference and the drift the demo
 * shows is the drift it planned, not sampling noise.
 */

/** A seeded PRNG (a string hash feeding mulberry32), uniform in [0, 1). */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n uniforms, one in each slice [i/n, (i+1)/n), in shuffled order. */
function stratifiedUniforms(random: () => number, n: number): number[] {
  const u = Array.from({ length: n }, (_, i) => (i + random()) / n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = u[i];
    u[i] = u[j];
    u[j] = swap;
  }
  return u;
}

// Acklam's rational approximation of the standard normal quantile.
const A = [
  -39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269,
  -30.6647980661472, 2.50662827745924,
];
const B = [
  -54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197,
  -13.2806815528857,
];
const C = [
  -0.00778489400243029, -0.322396458041136, -2.40075827716184,
  -2.54973253934373, 4.37466414146497, 2.93816398269878,
];
const D = [
  0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742,
];

function normalQuantile(p: number): number {
  const tail = (q: number) =>
    (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
    ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) *
      q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  );
}

function category(u: number, weights: Record<string, number>): string {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let target = u * total;
  for (const [name, weight] of entries) {
    target -= weight;
    if (target < 0) return name;
  }
  return entries[entries.length - 1][0];
}

/**
 * A column of a feature; `drift` (0..1) is how far it has moved towards its
 * `shift` or `shifted` weights.
 */
function featureColumn(
  feature: DemoFeature,
  uniforms: number[],
  drift: number,
): (number | string)[] {
  if (feature.type === 'string') {
    const weights = { ...feature.weights };
    for (const [name, weight] of Object.entries(feature.shifted ?? {})) {
      weights[name] = (1 - drift) * (weights[name] ?? 0) + drift * weight;
    }
    return uniforms.map(u => category(u, weights));
  }
  const mean = feature.mean + drift * (feature.shift ?? 0) * feature.sd;
  return uniforms.map(u => {
    let value = mean + feature.sd * normalQuantile(u);
    value = Math.max(feature.min ?? -Infinity, value);
    value = Math.min(feature.max ?? Infinity, value);
    return feature.type === 'long'
      ? Math.round(value)
      : Math.round(value * 100) / 100;
  });
}

/** Rows of synthetic inputs, identical for the same seed. */
export function syntheticRows(
  features: DemoFeature[],
  count: number,
  seed: string,
  drift = 0,
): Record<string, number | string>[] {
  const random = seededRandom(seed);
  const columns = features.map(feature =>
    featureColumn(feature, stratifiedUniforms(random, count), drift),
  );
  const rows: Record<string, number | string>[] = [];
  for (let row = 0; row < count; row++) {
    const values: Record<string, number | string> = {};
    for (let i = 0; i < features.length; i++) {
      values[features[i].name] = columns[i][row];
    }
    rows.push(values);
  }
  return rows;
}

function columnTypes(features: DemoFeature[]) {
  return Object.fromEntries(
    features.map(f => [
      f.name,
      f.type === 'string' ? ('categorical' as const) : ('numerical' as const),
    ]),
  );
}

/** The drift reference a version publishes: a profile of synthetic training data. */
export function referenceProfile(
  features: DemoFeature[],
  rows: number,
  seed: string,
): DatasetProfile {
  return buildDatasetProfile(syntheticRows(features, rows, seed), {
    columnTypes: columnTypes(features),
  });
}

/** A production window, profiled on the reference's bins as a service would send it. */
export function windowProfile(
  features: DemoFeature[],
  reference: DatasetProfile,
  rows: number,
  seed: string,
  drift: number,
): DatasetProfile {
  return buildDatasetProfile(syntheticRows(features, rows, seed, drift), {
    reference,
    columnTypes: columnTypes(features),
  });
}

/** The signature a version publishes: its input columns and its output. */
export function signatureOf(
  features: DemoFeature[],
  output: { name: string; type: string },
) {
  return {
    inputs: features.map(f => ({ name: f.name, type: f.type })),
    outputs: [output],
  };
}
