/*
 * Distribution of the two-sided one-sample Kolmogorov-Smirnov statistic D_n
 * (SciPy's `kstwo`), used for the asymptotic p-value of the two-sample test.
 *
 * No maintained npm library computes this distribution for finite n the way
 * SciPy does (Simard & L'Ecuyer 2011: Ruben-Gambino closed forms, the
 * Durbin/Marsaglia-Tsang-Wang matrix, Pomeranz recursion, Pelz-Good series
 * and Smirnov's one-sided formula, each used in its region of accuracy), so
 * it is implemented here from the published algorithms; its agreement with
 * SciPy is measured by the fixture tests (kolmogorov.test.ts).
 */
import { clipProbability } from './special';

// Module-level aliases: global lookups are slow inside Jest's VM sandbox.
const { log, exp } = Math;
const SCALE_EXP = 128;
const SCALE_UP = 2 ** SCALE_EXP;
const SCALE_DOWN = 2 ** -SCALE_EXP;
const LOG_2PI = log(2 * Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const MIN_LOG = -708;
const STIRLING = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
  8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
  -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

/** log(n! / n^n) by Stirling's series (accurate for the n > 140 it is used for). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  const t = rn / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * t + c;
  return log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/**
 * Exact one-sided Smirnov survival P(D+_n >= x) by the Birnbaum-Tingey sum,
 * evaluated in log space so that large n neither overflows nor underflows.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0) || !(x >= 0 && x <= 1)) return NaN;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const last = Math.floor(n * (1 - x));
  let logBinom = 0; // log C(n, j), advanced by recurrence
  let sum = 0;
  let previous = -Infinity;
  for (let j = 0; j <= last; j++) {
    const a = x + j / n;
    const b = 1 - a;
    if (b > 0) {
      const logTerm = logBinom + (j - 1) * log(a) + (n - j) * log(b);
      if (logTerm > MIN_LOG) sum += exp(logTerm);
      // Terms are unimodal in j: stop once past the peak and negligible.
      if (logTerm < previous && sum > 0 && logTerm < log(sum) - 40) break;
      previous = logTerm;
    }
    logBinom += log((n - j) / (j + 1));
  }
  return clipProbability(sum * x);
}

/** Pr(D_n <= d) by the Durbin matrix with Marsaglia-Tsang-Wang scaling. */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let P: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) P[i * m + i] = 1;
  let pExp = 0;
  let hExp = 0;
  let nn = n;
  while (nn > 0) {
    if (nn % 2) {
      P = matMul(P, H, m);
      pExp += hExp;
    }
    H = matMul(H, H, m);
    hExp *= 2;
    if (Math.abs(H[(k - 1) * m + k - 1]) > SCALE_UP) {
      for (let i = 0; i < H.length; i++) H[i] /= SCALE_UP;
      hExp += SCALE_EXP;
    }
    nn = Math.floor(nn / 2);
  }
  let p = P[(k - 1) * m + k - 1];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      pExp -= SCALE_EXP;
    }
  }
  return clipProbability(p * 2 ** pExp);
}

function matMul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const row = i * m;
    for (let l = 0; l < m; l++) {
      const ail = a[row + l];
      if (ail === 0) continue;
      const brow = l * m;
      for (let j = 0; j < m; j++) out[row + j] += ail * b[brow + j];
    }
  }
  return out;
}

function pomeranzBounds(
  i: number,
  n: number,
  ll: number,
  ceilf: number,
  roundf: number,
): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(D_n <= x) by Pomeranz's recursion (small n, moderate n*x^2). */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gPow = new Float64Array(npwrs);
  const twoGPow = new Float64Array(npwrs);
  const oneMinusTwoGPow = new Float64Array(npwrs);
  gPow[0] = twoGPow[0] = oneMinusTwoGPow[0] = 1;
  const a = g / n;
  const b = (2 * g) / n;
  const c = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gPow[m] = (gPow[m - 1] * a) / m;
    twoGPow[m] = (twoGPow[m - 1] * b) / m;
    oneMinusTwoGPow[m] = (oneMinusTwoGPow[m - 1] * c) / m;
  }
  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let expnt = 0;
  let [j1, j2] = pomeranzBounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = pomeranzBounds(i, n, ll, ceilf, roundf);
    let pw: Float64Array;
    if (i === 1 || i === 2 * n + 1) pw = gPow;
    else pw = i % 2 ? twoGPow : oneMinusTwoGPow;
    const len = j2 - k1 + 1;
    if (len > 0) {
      const start = j1 - k1;
      const count = j2 - j1 + 1;
      const base = k1 - v0s;
      // Entries [start, start+count) of the full convolution of
      // V0[base .. base+len) with pw[0 .. len).
      let maxV = 0;
      for (let r = 0; r < count; r++) {
        const idx = start + r;
        let s = 0;
        for (let q = 0; q <= idx && q < len; q++) {
          if (idx - q < len) s += v0[base + q] * pw[idx - q];
        }
        v1[r] = s;
        if (s > maxV) maxV = s;
      }
      if (maxV > 0 && maxV < SCALE_DOWN) {
        for (let r = 0; r < count; r++) v1[r] *= SCALE_UP;
        expnt -= SCALE_EXP;
      }
      v1s = v0s + j1 - k1;
    }
  }
  let ans = v1[n - v1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > SCALE_UP) {
      ans *= SCALE_DOWN;
      expnt += SCALE_EXP;
    }
    ans *= m;
  }
  return clipProbability(ans * 2 ** expnt);
}

/** Pelz-Good asymptotic series for Pr(D_n <= x). */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = q ** (8 * k);
    K[0] = K[0] * qp + 1;
    K[1] = K[1] * qp + (k1a + k1b * m2);
    K[2] = K[2] * qp + (k2a + k2b * m2 + k2c * m4);
    K[3] = K[3] * qp + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT_2PI) / div[i];
  q = exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qk = q ** k2;
    k2extra += k2 * qk;
    const kpi = Math.PI * k;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  K[2] += (k2extra * PI2 * SQRT_2PI) / (-36 * z3);
  K[3] += (k3extra * PI2 * SQRT_2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i] / n ** (i / 2);
  return sum;
}

/** Survival function of kstwo: P(D_n > d), as scipy.stats.kstwo.sf(d, n). */
export function kolmogorovSf(n: number, d: number): number {
  if (!(n >= 1) || !Number.isInteger(n) || Number.isNaN(d)) return NaN;
  if (d <= 0.5 / n) return 1; // below the support
  if (d >= 1) return 0;
  const t = n * d;
  if (t <= 1) {
    // Ruben-Gambino closed form for 1/(2n) < d <= 1/n.
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf = exp(logFactorialOverPower(n) + n * log(2 * t - 1));
    }
    return clipProbability(1 - cdf);
  }
  if (t >= n - 1) return clipProbability(2 * (1 - d) ** n);
  if (d >= 0.5) return clipProbability(2 * smirnovSf(n, d));
  const nxx = t * d;
  if (n <= 140) {
    if (nxx <= 0.754693) return clipProbability(1 - durbinMatrixCdf(n, d));
    if (nxx <= 4) return clipProbability(1 - pomeranzCdf(n, d));
    return clipProbability(2 * smirnovSf(n, d));
  }
  if (nxx >= 370) return 0;
  if (nxx >= 2.2) return clipProbability(2 * smirnovSf(n, d));
  const cdf =
    n <= 100000 && n * d ** 1.5 <= 1.4
      ? durbinMatrixCdf(n, d)
      : pelzGoodCdf(n, d);
  return clipProbability(1 - clipProbability(cdf));
}
