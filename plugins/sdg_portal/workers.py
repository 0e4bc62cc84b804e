"""Analyse many articles at once: on every core the build may use, when it pays.

The analyser is pure and each article's analysis depends on its text and editor's
curation only, so articles can be analysed in any process and in any order: the
results are the same, and are given back in the order they were asked for.

Workers are forked (Linux) with the rule tables already compiled, so they start at
once; the build then lets go of its copy of the tables (it analyses nothing itself
while they run). Before forking, the objects the build holds are frozen out of the
garbage collector (``gc.freeze``): the workers' collections then never touch, and
so never copy, the build's memory. They stay frozen in the build too, until
:func:`release` at its end: its own collections would write to each of them, and
the build would copy every page it shares with the workers (12 MiB of a
1,000-article build's peak). Below
``SDG_ANALYSIS_PARALLEL_THRESHOLD`` articles to analyse, with one usable core,
``SDG_ANALYSIS_WORKERS = 1``, or where forking is not the way (macOS, Windows),
they are analysed in the build's own process.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sdg_analysis import Packed, analyse, load_framework
from sdg_analysis.anchors import anchor_positions, anchored_evidence, placed_ids
from sdg_analysis.analysis import forget_tables
from sdg_analysis.text import article_text

from .figures import packed_rows

Job = tuple  # (title, HTML body, editor's curation)

logger = logging.getLogger(__name__)


class Failure:
    """What an analysis that raised gives instead: the build reports it for the
    article and goes on with the others."""

    __slots__ = ("error",)

    def __init__(self, error: str):
        self.error = error

    def __reduce__(self):
        return (Failure, (self.error,))

    def __eq__(self, other) -> bool:
        return isinstance(other, Failure) and other.error == self.error

    def __repr__(self) -> str:
        return f"Failure({self.error!r})"


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


def parallel(settings: dict, articles: int) -> int:
    """How many worker processes should analyse ``articles`` articles (0: none)."""
    workers = min(worker_count(settings), articles)
    threshold = settings.get("SDG_ANALYSIS_PARALLEL_THRESHOLD")
    if workers < 2 or threshold is None or articles < threshold or not can_fork():
        return 0
    return workers


class LongLived:
    """Keep Python's garbage collector off what a large build holds to its end.

    A build holds every article it reads and every analysis until it is over. On a
    growing heap Python runs a full collection each time the objects it has not
    walked reach a quarter of those it has, and walks them all again: 13 full
    collections took 4.2 s of a 10,000-article build, walking the same articles
    each time. :meth:`add` counts what the build has taken on; every :attr:`EVERY`
    of them, what the process holds is collected once more (only what is not frozen
    yet, so the time is proportional to what is new) and then frozen
    (``gc.freeze``): the collector leaves it alone until :func:`release` gives it
    back, at the end of the build. Frozen objects are still freed when their last
    reference goes; only a reference cycle that becomes garbage after it was frozen
    waits for the release.
    """

    EVERY = 500

    def __init__(self):
        self.pending = 0

    def add(self, n: int = 1) -> None:
        self.pending += n
        if self.pending >= self.EVERY:
            self.freeze()

    def freeze(self) -> None:
        self.pending = 0
        gc.collect()
        gc.freeze()


def release(*_) -> None:
    """Give what :class:`LongLived` froze back to the garbage collector (``finalized``)."""
    gc.unfreeze()


def _analyse(job: Job) -> Packed | Failure:
    """The analysis of ``job``, packed where it is made: a worker sends the pickle the
    build keeps (:class:`sdg_analysis.model.Packed`), which it reads back only where a
    page needs it, where its evidence sentences stand in the HTML and its figures as
    the goal, target and indicator pages list them: made here rather than in the
    build's own process (its SDG context runs on one core)."""
    title, html, editor = job
    try:
        analysis = analyse(article_text(title, html), load_framework(), editor)
        positions = anchor_positions(html, anchored_evidence(analysis))
        return Packed.of(analysis, positions, packed_rows(analysis.figures, placed_ids(positions)))
    except Exception as exc:  # one article's failure must not stop the others
        return Failure(f"{type(exc).__name__}: {exc}")


def warm_up() -> None:
    """Load and compile the rule tables and the rest the analysis builds on first
    use, by analysing one line: the workers, forked after, share them."""
    _analyse(("Warm-up", "<p>Warm-up.</p>", None))


def _analyse_batch(jobs: list[Job]) -> list[Packed | Failure]:
    return [_analyse(job) for job in jobs]


class _Batch:
    """Jobs sent to a worker together; ``future`` once sent."""

    __slots__ = ("jobs", "future")

    def __init__(self):
        self.jobs: list[Job] | None = []
        self.future: Future | None = None

    def analysed(self, future: Future) -> None:
        """Let go of the jobs (their HTML) once analysed; kept if the pool broke, for
        the build to analyse them itself."""
        if not future.cancelled() and future.exception() is None:
            self.jobs = None


class Workers:
    """Forked analysis processes, fed jobs in batches.

    :meth:`submit` returns a ticket at once; :meth:`result` waits for that job's
    analysis. Small enough batches keep every worker busy to the end, large enough
    ones make passing them cheap next to analysing them.
    """

    def __init__(self, workers: int, batch: int = 8, done: Callable[[int], object] | None = None):
        warm_up()  # once, before forking
        self.batch = max(1, batch)
        self.done = done  # called with the number of jobs of each batch analysed (from another thread)
        self._open = _Batch()
        self.broken = False
        gc.collect()
        gc.freeze()  # in the build too, until release(): its collections would copy them all
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        self.pool.submit(int).result()  # fork the workers now, while the objects are frozen
        # The tables were compiled here for the workers to share; the build needs them
        # no more (a pool that breaks sends the rest to _analyse here, which compiles
        # them again). Their memory takes the articles read next: the peak of a
        # 1,000-article build 104 -> 101 MiB, its end 101 -> 93.
        forget_tables()

    def submit(self, job: Job) -> tuple[_Batch, int]:
        batch = self._open
        batch.jobs.append(job)
        if len(batch.jobs) >= self.batch:
            self.flush()
        return batch, len(batch.jobs) - 1

    def flush(self) -> None:
        """Send the jobs waiting for a full batch."""
        batch, self._open = self._open, _Batch()
        if batch.jobs:
            n = len(batch.jobs)
            batch.future = self.pool.submit(_analyse_batch, batch.jobs)
            if self.done is not None:
                batch.future.add_done_callback(lambda _: self.done(n))
            batch.future.add_done_callback(batch.analysed)

    def result(self, ticket: tuple[_Batch, int]) -> Packed | Failure:
        batch, index = ticket
        if batch.future is None:
            self.flush()
        try:
            return batch.future.result()[index]
        except BrokenProcessPool:  # a worker died (killed, out of memory): go on here
            if not self.broken:
                logger.warning("An analysis worker stopped unexpectedly; analysing the rest in the build process")
                self.broken = True
            return _analyse(batch.jobs[index])

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def analyse_many(jobs: list[Job], settings: dict) -> Iterator[Packed | Failure]:
    """The analyses of ``jobs``, in order, as they are ready (a :class:`Failure` for a
    job whose analysis raised).

    Analysed in worker processes, they are frozen out of the garbage collector's
    sight as they come (:class:`LongLived`, as the build does): :func:`release`
    gives them back."""
    workers = parallel(settings, len(jobs))
    if not workers:
        return map(_analyse, jobs)
    return _in_workers(jobs, workers)


def _in_workers(jobs: list[Job], workers: int) -> Iterator[Packed | Failure]:
    pool = Workers(workers, batch=min(32, len(jobs) // (workers * 8)))
    held = LongLived()
    try:
        tickets = [pool.submit(job) for job in jobs]
        pool.flush()
        for ticket in tickets:
            yield pool.result(ticket)
            held.add()
    finally:
        pool.close()
