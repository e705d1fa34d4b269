#!/usr/bin/env python3
"""Optuna 3.1's NSGAIISampler on the extended multi-objective problems of docs/benchmark-suite.md.

shared/bench/optuna-3.1.md has Optuna's NSGA-II only on ZDT1 and ZDT2; this script measures it on
ZDT3, ZDT4, ZDT6 and DTLZ1-DTLZ4 the same way (NSGAIISampler(seed=s), seeds 0-9, 1,000 trials, HV gap
after 300 and 1,000 trials against the suite's reference points and HV*), with the problem definitions
of tests/Attune.Bench.Tests/Reference/reference_values_mo.py and Optuna's own WFG hypervolume.

    /usr/bin/python3 benchmarks/optuna/nsga2_extended.py [ids, default all seven] [seeds, default 10]

Prints one Markdown row per problem and budget: median [25th, 75th percentile] over seeds.
"""
import math
import os
import sys

import numpy as np
import optuna
from optuna._hypervolume import WFG

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Attune.Bench.Tests", "Reference"))
from reference_values_mo import dtlz, zdt3, zdt4, zdt6  # noqa: E402

PROBLEMS = {
    "zdt3": (30, lambda i: (0, 1), zdt3, [11, 11], 128.77811613069073),
    "zdt4": (10, lambda i: (0, 1) if i == 0 else (-5, 5), zdt4, [11, 400], 4400 - 1 / 3),
    "zdt6": (10, lambda i: (0, 1), zdt6, [11, 11], 117.51820185838244),
    "dtlz1": (7, lambda i: (0, 1), lambda x: dtlz(1, x), [600] * 3, 600 ** 3 - 1 / 48),
    "dtlz2": (12, lambda i: (0, 1), lambda x: dtlz(2, x), [4] * 3, 64 - math.pi / 6),
    "dtlz3": (12, lambda i: (0, 1), lambda x: dtlz(3, x), [2300] * 3, 2300 ** 3 - math.pi / 6),
    "dtlz4": (12, lambda i: (0, 1), lambda x: dtlz(4, x), [4] * 3, 64 - math.pi / 6),
}
BUDGETS = (300, 1000)


def non_dominated(points):
    pts = np.asarray(points, dtype=float)
    keep = [p for p in pts if not np.any(np.all(pts <= p, axis=1) & np.any(pts < p, axis=1))]
    return np.unique(np.asarray(keep), axis=0)


def gaps(name, seed):
    d, bounds, f, ref, hv_star = PROBLEMS[name]

    def objective(trial):
        return f([trial.suggest_float(f"x{i}", *bounds(i)) for i in range(d)])

    study = optuna.create_study(directions=["minimize"] * len(ref), sampler=optuna.samplers.NSGAIISampler(seed=seed))
    study.optimize(objective, n_trials=max(BUDGETS))
    values = [t.values for t in study.trials]
    result = []
    for budget in BUDGETS:
        inside = [v for v in values[:budget] if all(v[k] < ref[k] for k in range(len(ref)))]
        hv = WFG().compute(non_dominated(inside), np.asarray(ref, dtype=float)) if inside else 0.0
        result.append(hv_star - hv)
    return result


def main():
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    names = sys.argv[1].split(",") if len(sys.argv) > 1 else list(PROBLEMS)
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    print("| function | trials | Optuna 3.1 nsga2 |")
    print("|---|---|---|")
    for name in names:
        runs = np.array([gaps(name, s) for s in range(seeds)])
        for k, budget in enumerate(BUDGETS):
            q = np.percentile(runs[:, k], [50, 25, 75])
            print(f"| {name} | {budget} | {q[0]:.3g} [{q[1]:.3g}, {q[2]:.3g}] |", flush=True)


if __name__ == "__main__":
    main()
