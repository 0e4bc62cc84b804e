"""Analyse many articles at once: on every core the build may use, when it pays.

The analyser is pure and each article's analysis depends on its text and editor's
curation only, so articles can be analysed in any process and in any order: the
results are the same, and are returned in the order of the input.

Workers are forked (Linux) once the articles are read, so they start with the rule
tables already compiled and share them with the build. Before forking, the objects
the build holds are frozen out of the garbage collector (``gc.freeze``): the
workers' collections then never touch, and so never copy, the build's memory.
Below ``SDG_ANALYSIS_PARALLEL_THRESHOLD`` articles to analyse, with one usable
core, ``SDG_ANALYSIS_WORKERS = 1``, or where forking is not the way (macOS,
Windows), they are analysed in the build's own process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from sdg_analysis import Analysis, analyse, load_framework

Job = tuple  # (plain text, editor's curation)


def worker_count(settings: dict) -> int:
    """``SDG_ANALYSIS_WORKERS``, or by default the cores this process may run on."""
    n = settings.get("SDG_ANALYSIS_WORKERS")
    if n is None:
        try:
            n = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            n = os.cpu_count() or 1
    return max(1, int(n))


def can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _analyse(job: Job) -> Analysis:
    text, editor = job
    return analyse(text, load_framework(), editor)


def analyse_many(jobs: list[Job], settings: dict) -> Iterator[Analysis]:
    """The analyses of ``jobs``, in order, as they are ready."""
    workers = min(worker_count(settings), len(jobs))
    threshold = settings.get("SDG_ANALYSIS_PARALLEL_THRESHOLD")
    if workers < 2 or threshold is None or len(jobs) < threshold or not can_fork():
        return map(_analyse, jobs)
    return _in_workers(jobs, workers)


def _in_workers(jobs: list[Job], workers: int) -> Iterator[Analysis]:
    _analyse(("Warm-up.", None))  # load and compile the tables once, before forking
    # Small enough chunks to keep every worker busy to the end, large enough that
    # passing them costs little next to analysing them.
    chunksize = max(1, min(32, len(jobs) // (workers * 8)))
    gc.collect()
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        results = pool.map(_analyse, jobs, chunksize=chunksize)  # forks the workers
    finally:
        gc.unfreeze()
    return _drain(pool, results)


def _drain(pool: ProcessPoolExecutor, results: Iterable[Analysis]) -> Iterator[Analysis]:
    with pool:
        yield from results
