#!/usr/bin/python3
"""Optuna (Debian's python3-optuna, 3.1) on a storage that Attune also uses: check, write, or run trials.

Usage:
    optuna_storage.py URL EXPECTED_JSON [--write OUT_JSON] [--resume STUDY]
    optuna_storage.py URL --optimize STUDY TRIALS

URL is an Attune storage URL: sqlite:PATH, journal:PATH, postgresql://..., mysql://...,
redis://host:port/db[?prefix=P]. Optuna opens the same store: an RDBStorage (mysql through
PyMySQL), or a JournalStorage over a file or over Redis.

The first form checks that Optuna reads every study as EXPECTED_JSON says (see
optuna_reads_attune_journal.py, whose checks and writes it reuses) and, with --write, then
writes a study "from-optuna" (and, with --resume, two trials of STUDY) with Optuna and dumps
Optuna's view of every study to OUT_JSON.

The second form runs TRIALS trials of STUDY (created if missing) with Optuna's random sampler
and prints their numbers on one line: a Python worker sharing the study with .NET workers.

Exits 0 on success, 1 with one line per difference, 2 on bad usage.
"""

import os
import sys
import urllib.parse
import warnings

warnings.simplefilter("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import optuna  # noqa: E402
from optuna_reads_attune_journal import check, dump, write_with_optuna  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)


def open_storage(url):
    if url.startswith("journal:"):
        return optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(url[len("journal:"):]))
    if url.startswith("redis://"):
        parts = urllib.parse.urlsplit(url)
        prefix = urllib.parse.parse_qs(parts.query).get("prefix", [""])[0]
        plain = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        return optuna.storages.JournalStorage(optuna.storages.JournalRedisStorage(plain, prefix=prefix))
    if url.startswith("sqlite:") and not url.startswith("sqlite:///"):
        url = "sqlite:///" + os.path.abspath(url[len("sqlite:"):])
    if url.startswith("mysql://"):
        url = "mysql+pymysql://" + url[len("mysql://"):]
    return optuna.storages.RDBStorage(url, engine_kwargs={"connect_args": {"timeout": 60}} if url.startswith("sqlite") else {})


def optimize(storage, name, trials):
    study = optuna.create_study(study_name=name, storage=storage, load_if_exists=True, sampler=optuna.samplers.RandomSampler())
    numbers = []

    def objective(trial):
        x = trial.suggest_float("x", -10.0, 10.0)
        k = trial.suggest_int("k", 0, 100)
        numbers.append(trial.number)
        return x * x + k

    study.optimize(objective, n_trials=trials)
    print(" ".join(str(n) for n in numbers))


def main():
    args = sys.argv[1:]
    if len(args) == 4 and args[1] == "--optimize":
        optimize(open_storage(args[0]), args[2], int(args[3]))
        return 0
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    url, expected_path = args[0], args[1]
    write = args[args.index("--write") + 1] if "--write" in args else None
    resume = args[args.index("--resume") + 1] if "--resume" in args else None

    import json

    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    storage = open_storage(url)
    problems = check(storage, expected)
    if problems:
        print(f"Optuna {optuna.__version__} reads {url} differently from Attune:", file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        return 1
    if write:
        write_with_optuna(storage, resume)
        dump(open_storage(url), write)
    print(f"Optuna {optuna.__version__} reads every study of {url} as Attune does.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
