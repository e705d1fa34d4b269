"""Reference decisions of Optuna 3.1's pruners on scripted learning curves.

Run with Debian's python3 (Optuna 3.1.0, scipy 1.10.1):  /usr/bin/python3 optuna_pruner_scenarios.py
The output is pasted into OptunaParityTests.cs. Every trial i reports curve(i, t) for the steps of
the scenario, one after another (no parallelism), and the script prints the step at which each
trial was pruned (-1 = completed).
"""
import math
import warnings

import optuna

warnings.simplefilter("ignore")

optuna.logging.set_verbosity(optuna.logging.WARNING)


def curve(i, t):
    # Deterministic noisy, crossing curves: level a and speed b from an integer hash of i, plus
    # noise u from a hash of (i, t). The same integers in C# (long arithmetic) give the same values.
    a = (((i + 3) * 7919) % 101) / 100.0
    b = (((i + 5) * 104729) % 53) / 10.0
    u = (((i * 73856093) ^ (t * 19349663)) % 1000) / 1000.0
    return a + b / (t + 1.0) + 0.5 * u


def run(name, pruner, steps, n_trials, direction="minimize"):
    study = optuna.create_study(study_name=name, direction=direction, pruner=pruner,
                                sampler=optuna.samplers.RandomSampler(seed=0))
    pruned_at = []
    for i in range(n_trials):
        trial = study.ask()
        stop = -1
        for t in steps:
            v = curve(i, t)
            if direction == "maximize":
                v = -v
            trial.report(v, t)
            if trial.should_prune():
                stop = t
                break
        if stop >= 0:
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        else:
            study.tell(trial, v)
        pruned_at.append(stop)
    return pruned_at


def show(label, values):
    print(label + ": [" + ", ".join(str(v) for v in values) + "]")


SP = optuna.pruners.SuccessiveHalvingPruner
HB = optuna.pruners.HyperbandPruner
show("sha_r1_eta3", run("sha", SP(min_resource=1, reduction_factor=3), range(1, 28), 40))
show("sha_r1_eta3_max", run("sha", SP(min_resource=1, reduction_factor=3), range(1, 28), 40, "maximize"))
show("sha_auto_eta4", run("sha", SP(), range(0, 300), 30))
show("sha_r2_eta2_s1_boot2", run("sha", SP(min_resource=2, reduction_factor=2, min_early_stopping_rate=1, bootstrap_count=2), range(0, 40), 40))
show("sha_skipping_steps", run("sha", SP(min_resource=1, reduction_factor=3), range(1, 60, 5), 30))
show("hb_r1_R27_eta3", run("hb-study", HB(min_resource=1, max_resource=27, reduction_factor=3), range(1, 28), 60))
show("hb_auto", run("hb-auto", HB(min_resource=1, reduction_factor=3), range(0, 27), 60))
show("median_5_5", run("median", optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=5), range(1, 20), 30))
show("percentile_25_interval3", run("pct", optuna.pruners.PercentilePruner(25.0, n_startup_trials=3, n_warmup_steps=2, interval_steps=3), range(0, 20), 30))
show("patient_2", run("pat", optuna.pruners.PatientPruner(None, patience=2, min_delta=0.0), range(0, 20), 12))
show("patient_3_delta", run("pat", optuna.pruners.PatientPruner(None, patience=3, min_delta=0.05), range(0, 20), 12, "maximize"))
show("threshold", run("thr", optuna.pruners.ThresholdPruner(upper=1.2, n_warmup_steps=2, interval_steps=2), range(0, 20), 12))

# Bracket ids of Optuna's Hyperband(1, 52, 3) for the lcbench study names, and of (1, 27, 3).
pruner = HB(min_resource=1, max_resource=52, reduction_factor=3)
study = optuna.create_study(study_name="lcbench-167168-tpe_hyperband-seed0", pruner=pruner)
pruner._try_initialization(study)
show("hb52_budgets", pruner._trial_allocation_budgets)


class _Numbered:
    def __init__(self, number):
        self.number = number


show("hb52_brackets", [pruner._get_bracket_id(study, _Numbered(n)) for n in range(40)])
print("log(243, 3) =", repr(math.log(243, 3)))
