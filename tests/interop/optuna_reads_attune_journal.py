#!/usr/bin/python3
"""Checks that Optuna reads a journal file exactly as Attune does, and optionally writes into it with Optuna.

Usage:
    optuna_reads_attune_journal.py JOURNAL EXPECTED_JSON [--write OUT_JSON] [--resume STUDY]

EXPECTED_JSON maps each study name to what Optuna must read (the shape of the fixtures'
*.expected.json): directions, user_attrs, and trials with number, state, values, params,
distributions (Optuna's JSON), intermediate_values and user_attrs; optionally study_id,
system_attrs, and per trial trial_id, system_attrs, datetime_start and datetime_complete.
Only the keys given are compared; the set of studies must match exactly.

With --write, after the check Optuna itself writes into the journal: a new study
"from-optuna" (every distribution kind, intermediate values with NaN, a pruned, a failed and
an enqueued trial) and, with --resume STUDY, two more trials of that study (taking its waiting
trials first). Then Optuna's view of every study is written to OUT_JSON in the same shape,
for the caller to check that Attune reads the same.

Exits 0 when every study matches, 1 with one line per difference otherwise, 2 on bad usage.
Runs with Debian's python3-optuna (Optuna 3.1).
"""

import argparse
import datetime
import json
import math
import sys
import warnings

warnings.simplefilter("ignore")

import optuna  # noqa: E402
from optuna.distributions import distribution_to_json  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)


def open_storage(path):
    return optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))


def same(expected, actual):
    """JSON-like equality: numbers by value (NaN equals NaN), booleans never equal numbers."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        if isinstance(expected, float) and isinstance(actual, float) and math.isnan(expected):
            return math.isnan(actual)
        return expected == actual
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and set(expected) == set(actual)
            and all(same(v, actual[k]) for k, v in expected.items())
        )
    if isinstance(expected, (list, tuple)):
        return (
            isinstance(actual, (list, tuple))
            and len(expected) == len(actual)
            and all(same(e, a) for e, a in zip(expected, actual))
        )
    return expected == actual


def same_time(expected, actual):
    if expected is None or actual is None:
        return expected is None and actual is None
    return datetime.datetime.fromisoformat(expected) == actual


def describe_trial(trial):
    return {
        "trial_id": trial._trial_id,
        "number": trial.number,
        "state": trial.state.name,
        "values": trial.values,
        "params": trial.params,
        "distributions": {k: distribution_to_json(d) for k, d in trial.distributions.items()},
        "intermediate_values": {str(k): v for k, v in trial.intermediate_values.items()},
        "user_attrs": trial.user_attrs,
        "system_attrs": trial.system_attrs,
        "datetime_start": trial.datetime_start,
        "datetime_complete": trial.datetime_complete,
    }


def check(storage, expected):
    problems = []
    studies = {s.study_name: s for s in storage.get_all_studies()}
    if set(studies) != set(expected):
        problems.append(f"studies: Optuna reads {sorted(studies)}, expected {sorted(expected)}")
    for name in sorted(set(studies) & set(expected)):
        study, want = studies[name], expected[name]
        actual_study = {
            "study_id": study._study_id,
            "directions": [d.name for d in study.directions],
            "user_attrs": study.user_attrs,
            "system_attrs": study.system_attrs,
        }
        for key, value in want.items():
            if key != "trials" and not same(value, actual_study.get(key)):
                problems.append(f"study '{name}' {key}: Optuna reads {actual_study.get(key)!r}, expected {value!r}")
        trials = storage.get_all_trials(study._study_id)
        want_trials = want.get("trials", [])
        if len(trials) != len(want_trials):
            problems.append(f"study '{name}': Optuna reads {len(trials)} trials, expected {len(want_trials)}")
        for trial, want_trial in zip(trials, want_trials):
            actual = describe_trial(trial)
            where = f"study '{name}' trial {trial.number}"
            for key, value in want_trial.items():
                got = actual.get(key)
                if key.startswith("datetime_"):
                    ok = same_time(value, got)
                elif key == "distributions":
                    # Attune writes Optuna's exact text.
                    ok = value == got
                else:
                    ok = same(value, got)
                if not ok:
                    problems.append(f"{where} {key}: Optuna reads {got!r}, expected {value!r}")
    return problems


def write_with_optuna(storage, resume):
    study = optuna.create_study(study_name="from-optuna", storage=storage, sampler=optuna.samplers.RandomSampler(seed=5))
    study.set_user_attr("written_by", {"library": "optuna", "version": optuna.__version__})
    study.enqueue_trial({"f": 0.5, "c": "s"})

    def objective(trial):
        f = trial.suggest_float("f", -1.0, 1.0)
        trial.suggest_float("lf", 1e-5, 1.0, log=True)
        trial.suggest_float("sf", 0.0, 1.0, step=0.1)
        trial.suggest_int("i", -3, 3)
        trial.suggest_int("li", 1, 1024, log=True)
        trial.suggest_int("si", 0, 10, step=5)
        trial.suggest_categorical("c", [None, True, 3, 2.5, "s"])
        trial.set_user_attr("nested", {"n": trial.number, "xs": ["a", "b"]})
        trial.report(float("nan"), 0)
        trial.report(f * f, 1)
        if trial.number == 2:
            raise optuna.TrialPruned()
        if trial.number == 3:
            raise ValueError("failed on purpose")
        if trial.number == 4:
            return float("nan")
        return f * f

    study.optimize(objective, n_trials=6, catch=(ValueError,))
    study.enqueue_trial({"i": 2}, user_attrs={"left": "waiting"})

    if resume:
        resumed = optuna.load_study(study_name=resume, storage=storage)
        template = next(t for t in resumed.trials if t.state == optuna.trial.TrialState.COMPLETE)

        def resume_objective(trial):
            for name, distribution in template.distributions.items():
                trial._suggest(name, distribution)
            return 1.0

        resumed.optimize(resume_objective, n_trials=2)


def dump(storage, path):
    view = {}
    for study in storage.get_all_studies():
        trials = []
        for trial in storage.get_all_trials(study._study_id):
            described = describe_trial(trial)
            for key in ("datetime_start", "datetime_complete"):
                if described[key] is not None:
                    described[key] = described[key].isoformat(timespec="microseconds")
            trials.append(described)
        view[study.study_name] = {
            "study_id": study._study_id,
            "directions": [d.name for d in study.directions],
            "user_attrs": study.user_attrs,
            "system_attrs": study.system_attrs,
            "trials": trials,
        }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(view, f)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal")
    parser.add_argument("expected")
    parser.add_argument("--write", metavar="OUT_JSON")
    parser.add_argument("--resume", metavar="STUDY")
    args = parser.parse_args()

    with open(args.expected, encoding="utf-8") as f:
        expected = json.load(f)
    storage = open_storage(args.journal)
    problems = check(storage, expected)
    if problems:
        print(f"Optuna {optuna.__version__} reads {args.journal} differently from Attune:", file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        return 1

    if args.write:
        write_with_optuna(storage, args.resume)
        dump(open_storage(args.journal), args.write)
    print(f"Optuna {optuna.__version__} reads every study of {args.journal} as Attune does.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
