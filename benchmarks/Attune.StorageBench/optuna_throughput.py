#!/usr/bin/python3
"""Optuna 3.1's trials per second on the same workload as Attune.StorageBench: a trivial objective (x*x + k), the
random sampler, WORKERS processes sharing one fresh study, timed from a common start to the last worker's end.

Usage: optuna_throughput.py URL WORKERS TRIALS
URL: sqlite:PATH, journal:PATH, redis://host:port/db, postgresql://..., mysql://..., or memory: (one process).
"""

import multiprocessing
import os
import sys
import time
import uuid
import warnings

warnings.simplefilter("ignore")
import optuna  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)


def storage(url):
    if url == "memory:":
        return None
    if url.startswith("journal:"):
        return optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(url[len("journal:"):]))
    if url.startswith("redis://"):
        return optuna.storages.JournalStorage(optuna.storages.JournalRedisStorage(url))
    if url.startswith("sqlite:") and not url.startswith("sqlite:///"):
        url = "sqlite:///" + os.path.abspath(url[len("sqlite:"):])
    if url.startswith("mysql://"):
        url = "mysql+pymysql://" + url[len("mysql://"):]
    return optuna.storages.RDBStorage(url)


def objective(trial):
    return trial.suggest_float("x", -10, 10) ** 2 + trial.suggest_int("k", 0, 10)


def worker(url, name, trials, go):
    study = optuna.load_study(study_name=name, storage=storage(url), sampler=optuna.samplers.RandomSampler())
    go.wait()
    study.optimize(objective, n_trials=trials)


def main():
    url, workers, trials = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    name = "bench-" + uuid.uuid4().hex
    if url == "memory:":
        study = optuna.create_study(study_name=name, sampler=optuna.samplers.RandomSampler())
        start = time.perf_counter()
        study.optimize(objective, n_trials=trials)
        print(f"optuna {url} workers=1 trials={trials}: {trials / (time.perf_counter() - start):.0f} trials/s")
        return
    optuna.create_study(study_name=name, storage=storage(url))
    go = multiprocessing.Event()
    shares = [trials // workers + (1 if i < trials % workers else 0) for i in range(workers)]
    processes = [multiprocessing.Process(target=worker, args=(url, name, share, go)) for share in shares]
    for p in processes:
        p.start()
    time.sleep(2.0)
    start = time.perf_counter()
    go.set()
    for p in processes:
        p.join()
    print(f"optuna {url} workers={workers} trials={trials}: {trials / (time.perf_counter() - start):.0f} trials/s")


if __name__ == "__main__":
    main()
