"""The analysis sections of a large site, rendered ahead in worker processes while the
build writes the pages (sdg_portal.sections).

The prefetches here are made directly: ``SectionPrefetch.start`` declines to fork while
a thread that is not a daemon runs, as a test session's may (Playwright's)."""

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from types import SimpleNamespace

import pytest
from markupsafe import Markup

from sdg_portal.sections import SectionPrefetch
from sdg_portal.workers import can_fork
from support import ROOT

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked on Linux only")


def articles(n):
    return [SimpleNamespace(sdg=f"analysis {i}", sdg_anchors=frozenset({f"ev-{i}"})) for i in range(n)]


def render(analysis, anchors):
    """What the sections would be, and the process that rendered them."""
    if analysis == "analysis 13":
        raise ValueError("a template error")
    return Markup(f"<p>{analysis} {sorted(anchors)} &amp;</p>|{os.getpid()}")


def test_the_sections_come_from_a_worker_in_order():
    items = articles(40)
    prefetch = SectionPrefetch(items, render, 1)
    try:
        got = [prefetch.get(article) for article in items]
    finally:
        prefetch.close()
    assert prefetch.taken == 39
    for i, html in enumerate(got):
        if i == 13:
            assert html is None  # failed in the worker: the build renders it, and reports the error
            continue
        text, pid = str(html).split("|")
        assert isinstance(html, Markup) and text == f"<p>analysis {i} ['ev-{i}'] &amp;</p>"
        assert int(pid) != os.getpid()


def test_an_article_it_was_not_given_is_left_to_the_build():
    items = articles(20)
    prefetch = SectionPrefetch(items, render, 1)
    try:
        assert prefetch.get(SimpleNamespace(sdg="other", sdg_anchors=frozenset())) is None
        assert prefetch.get(items[19]) is not None  # far ahead of what was asked: still sent
        assert prefetch.get(items[0]) is None  # behind the pages written: let go
    finally:
        prefetch.close()


def slow_after_the_first_batch(analysis, anchors):
    if int(analysis.split()[-1]) >= SectionPrefetch.BATCH:
        time.sleep(0.2)
    return Markup(analysis)


def test_a_worker_that_dies_leaves_the_rest_to_the_build(caplog):
    items = articles(30)
    prefetch = SectionPrefetch(items, slow_after_the_first_batch, 1)
    try:
        assert prefetch.get(items[0]) == "analysis 0"
        for process in list(prefetch._pool._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
        with caplog.at_level(logging.WARNING, logger="sdg_portal.sections"):
            assert prefetch.get(items[29]) is None
            assert prefetch.get(items[29]) is None  # and no more is sent to the pool
        assert [r.getMessage() for r in caplog.records] == [
            "A worker rendering analysis sections stopped; the build renders the rest itself"
        ]
    finally:
        prefetch.close()


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # not a daemon: it may hold a lock the children need
    other.start()
    try:
        assert SectionPrefetch.start(articles(10), render, 1) is None
    finally:
        stop.set()
        other.join()


def test_a_large_build_takes_every_section_from_the_workers(tmp_path):
    # the bundled site as a large one: the threshold at 1 article
    done = subprocess.run(
        [sys.executable, "-m", "pelican", str(ROOT / "content"), "-o", str(tmp_path / "out"), "-s",
         str(ROOT / "pelicanconf.py"), "-D", "-e", "SDG_ANALYSIS_WORKERS=2", "SDG_ANALYSIS_PARALLEL_THRESHOLD=1",
         f'CACHE_PATH="{tmp_path / "cache"}"'],
        capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, COLUMNS="400"), timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    pages = len(list((ROOT / "content" / "articles").glob("*/*.md")))
    assert f"Analysis sections rendered ahead in 1 worker(s) for {pages} of {pages} article pages" in done.stdout + done.stderr
