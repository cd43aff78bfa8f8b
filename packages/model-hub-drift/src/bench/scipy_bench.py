#!/usr/bin/python3
"""SciPy/NumPy timings for `yarn bench:drift` (run by bench.ts with /usr/bin/python3).

Usage: scipy_bench.py SIZE [SIZE...]; prints one JSON object {method: {size: ms}}:
for each method and size, after a warm-up (at least two calls, 300 ms), the
mean time per call over a batch of calls (at least one, 300 ms), as the
TypeScript side measures; bench.ts runs this script once per run and takes
the median of the runs.
Data comes from the fixtures' generator (same samples as the TypeScript side).
Binned methods are timed as their NumPy core (Sturges edges over both samples,
two numpy.histogram calls, the formula): a lower bound on what Evidently's
pandas-based implementation costs, so the comparison is conservative.
"""
import json
import os
import sys
import time

import numpy as np
from scipy import stats
from scipy.spatial import distance

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from generate_fixtures import sample  # noqa: E402


def shares(ref, cur, fill):
    bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
    r = np.histogram(ref, bins)[0] / len(ref)
    c = np.histogram(cur, bins)[0] / len(cur)
    if fill:
        for p in (r, c):
            m = min(p[p != 0])
            np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return r, c


def psi(ref, cur):
    r, c = shares(ref, cur, True)
    return np.sum((r - c) * np.log(r / c))


def kl_div(ref, cur):
    r, c = shares(ref, cur, True)
    return stats.entropy(r, c)


def jensenshannon(ref, cur):
    r, c = shares(ref, cur, False)
    return distance.jensenshannon(r, c)


def hellinger(ref, cur):
    keys = np.unique(np.concatenate([ref, cur]))
    bins = np.histogram_bin_edges(keys, bins="sturges")
    h1 = np.histogram(ref, bins=bins, density=True)[0]
    h2 = np.histogram(cur, bins=bins, density=True)[0]
    w = (bins[-1] - bins[0]) / (len(bins) - 1)
    return np.sqrt(1 - np.clip(np.sum(np.sqrt(h1 * h2)) * w, 0, 1))


def wasserstein(ref, cur):
    return stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)


def chisquare(ref, cur):
    keys, rc = np.unique(ref, return_counts=True)
    _, cc = np.unique(cur, return_counts=True)
    return stats.chisquare(cc, rc * (len(cur) / len(ref)))


def ztest(ref, cur):
    p1, p2 = np.mean(ref != ref.min()), np.mean(cur != cur.min())
    n1, n2 = len(ref), len(cur)
    P = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
    return 2 * (1 - stats.norm.cdf(abs(z)))


WARM_UP_S = 0.3
BATCH_S = 0.3

METHODS = {
    "ks": lambda r, c: stats.ks_2samp(r, c),
    "wasserstein": wasserstein,
    "psi": psi,
    "kl_div": kl_div,
    "jensenshannon": jensenshannon,
    "hellinger": hellinger,
    "chisquare": chisquare,
    "z": ztest,
}


def data(method, n):
    if method == "chisquare":
        spec = lambda seed, low: {"dist": "integer", "n": n, "seed": seed, "low": low, "count": 5}
        return sample(spec(1, 0)), sample(spec(2, 0))
    if method == "z":
        spec = lambda seed: {"dist": "integer", "n": n, "seed": seed, "low": 0, "count": 2}
        return sample(spec(1)), sample(spec(2))
    return (sample({"dist": "normal", "n": n, "seed": 1, "mean": 0, "sd": 1}),
            sample({"dist": "normal", "n": n, "seed": 2, "mean": 0.1, "sd": 1}))


def main():
    sizes = [int(s) for s in sys.argv[1:]]
    out = {}
    for method, fn in METHODS.items():
        out[method] = {}
        for n in sizes:
            ref, cur = data(method, n)
            started = time.perf_counter()
            calls = 0
            while calls < 2 or time.perf_counter() - started < WARM_UP_S:
                fn(ref, cur)
                calls += 1
            started = time.perf_counter()
            calls = 0
            while True:
                fn(ref, cur)
                calls += 1
                if time.perf_counter() - started >= BATCH_S:
                    break
            out[method][n] = (time.perf_counter() - started) * 1000 / calls
    print(json.dumps(out))


if __name__ == "__main__":
    main()
