"""Reference p-values for WilcoxonSignedRankTestTests (scipy 1.10.1: /usr/bin/python3 wilcoxon_references.py).

* no ties, no zeros, n <= 50: scipy.stats.wilcoxon(method="exact"), the classical exact distribution;
* ties or zeros, small n: brute force over all 2^k sign patterns of the non-zero differences
  (the exact conditional distribution; zsplit: a zero adds half its rank to R+ in every pattern);
* n > 50: scipy.stats.wilcoxon(method="approx", zero_method="zsplit", correction=True and False).
"""
import itertools
import warnings

import numpy as np
from scipy import stats

warnings.simplefilter("ignore")


def brute(d, alternative):
    d = np.asarray(d, dtype=float)
    r = stats.rankdata(np.abs(d))
    observed = r[d > 0].sum() + r[d == 0].sum() / 2
    nonzero = r[d != 0]
    base = r[d == 0].sum() / 2
    count = 0
    total = 0
    for signs in itertools.product([0, 1], repeat=len(nonzero)):
        s = base + sum(w for w, b in zip(nonzero, signs) if b)
        total += 1
        if (alternative == "greater" and s >= observed - 1e-9) or (alternative == "less" and s <= observed + 1e-9):
            count += 1
    return count / total


def fmt(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


rng = np.random.default_rng(20241127)
cases = []
for n in (1, 2, 5, 9, 14, 20, 33, 50):
    d = np.round(rng.normal(0.3, 1.0, n), 6)
    d[d == 0] = 0.001
    assert len(set(np.abs(d))) == n
    for alt in ("greater", "less"):
        cases.append(("exact", d, alt, stats.wilcoxon(d, alternative=alt, zero_method="zsplit", method="exact").pvalue))
for d in ([1, -1, 2, 2, -3, 0, 4, 4, 4, -0.5], [0, 0, 1, -1, 2], [2, 2, 2, 2, -2, 1, 0.5, 0, 3, -3, 3, 5], [0, 0, 0], [-1, -1, -1, -2, 0.5, -3, -3, 1]):
    for alt in ("greater", "less"):
        cases.append(("brute", np.asarray(d, dtype=float), alt, brute(d, alt)))
for n in (51, 80, 200):
    d = np.round(rng.normal(0.15, 1.0, n), 1)  # rounded: ties and zeros
    for alt in ("greater", "less"):
        for correction in (True, False):
            p = stats.wilcoxon(d, alternative=alt, zero_method="zsplit", method="approx", correction=correction).pvalue
            cases.append(("approx-" + ("cc" if correction else "nocc"), d, alt, p))

for kind, d, alt, p in cases:
    print(f'        ["{kind}", "{alt}", {repr(float(p))}, {fmt(d)}],')
