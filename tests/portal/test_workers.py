"""Many articles are analysed in worker processes, with the same results, in order."""

from __future__ import annotations

import gc
import os
import threading
import weakref

import pytest

import sdg_portal.workers as workers
from sdg_portal.workers import Failure
from sdg_analysis import analyse, load_framework, parse_frontmatter
from sdg_portal.settings import DEFAULTS

TEXTS = [
    "Police freed 120 victims of human trafficking from a forced labour camp; 14 traffickers were convicted.",
    "The city opened a solar farm of 40 MW, cutting the cost of electricity for 20,000 households.",
    "Nearly 3,000 children returned to primary school after the floods, the ministry of education said.",
    "Fishing fleets were caught with 12 tonnes of illegal catch in a marine protected area.",
    "A weather report with nothing else in it.",
] * 3


def jobs():
    fw = load_framework()
    editor, problems = parse_frontmatter({"sdg": {"goals": [8], "exclude": ["16.2"]}}, framework=fw)
    assert not problems
    return [(f"Story {i}", f"<p>{text}</p>", editor if i % 2 else None) for i, text in enumerate(TEXTS)]


def calls_to(monkeypatch, owner, name: str) -> list:
    """Record the positional arguments of every call to ``owner.name``, which still runs."""
    calls, real = [], getattr(owner, name)

    def recording(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return calls


def expected(items):
    fw = load_framework()
    return [analyse(f"{title}\n\n{html[3:-4]}", fw, editor) for title, html, editor in items]


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_workers_give_the_same_analyses_in_the_same_order(monkeypatch):
    forked = calls_to(monkeypatch, workers, "ProcessPoolExecutor")
    items = jobs()
    settings = {"SDG_ANALYSIS_WORKERS": 2, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 1}
    got = list(workers.analyse_many(items, settings))
    assert forked == [(2,)]
    assert got == expected(items)
    assert [a.goal_codes for a in got] != [[]] * len(got)  # something was found


@pytest.mark.parametrize(
    "settings",
    [
        {"SDG_ANALYSIS_WORKERS": 1, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 1},
        {"SDG_ANALYSIS_WORKERS": 4, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 100},
        {"SDG_ANALYSIS_WORKERS": 4, "SDG_ANALYSIS_PARALLEL_THRESHOLD": None},
    ],
    ids=["one worker", "under the threshold", "never"],
)
def test_few_articles_are_analysed_in_the_build_process(monkeypatch, settings):
    def refuse(*args, **kwargs):
        raise AssertionError("no worker process should be started")

    monkeypatch.setattr(workers, "ProcessPoolExecutor", refuse)
    items = jobs()
    assert list(workers.analyse_many(items, settings)) == expected(items)


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_an_analysis_that_raises_comes_back_as_a_failure_and_the_rest_go_on(monkeypatch):
    parent = os.getpid()

    def failing(text, fw, editor):
        if TEXTS[2] in text and os.getpid() != parent:
            raise ValueError(f"no analysis for {text[:7]}")
        return analyse(text, fw, editor)

    monkeypatch.setattr(workers, "analyse", failing)
    items = jobs()
    got = list(workers.analyse_many(items, {"SDG_ANALYSIS_WORKERS": 2, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 1}))
    want = expected(items)
    failed = [i for i, text in enumerate(TEXTS) if text == TEXTS[2]]
    assert [i for i, a in enumerate(got) if isinstance(a, workers.Failure)] == failed
    assert got[failed[0]] == workers.Failure("ValueError: no analysis for Story 2")
    assert [a for i, a in enumerate(got) if i not in failed] == [a for i, a in enumerate(want) if i not in failed]


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_when_a_worker_dies_the_build_process_analyses_the_rest(monkeypatch, caplog):
    parent = os.getpid()

    def dying(text, fw, editor):
        if TEXTS[3] in text and os.getpid() != parent:
            os._exit(9)  # as if killed
        return analyse(text, fw, editor)

    monkeypatch.setattr(workers, "analyse", dying)
    items = jobs()
    got = list(workers.analyse_many(items, {"SDG_ANALYSIS_WORKERS": 2, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 1}))
    assert got == expected(items)
    assert "An analysis worker stopped unexpectedly" in caplog.text


def frozen(obj) -> bool:
    """Whether ``obj`` is out of the garbage collector's sight (gc.freeze)."""
    return not any(o is obj for o in gc.get_objects())


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_analyses_from_the_workers_are_frozen_out_of_the_collectors_sight(monkeypatch):
    monkeypatch.setattr(workers.LongLived, "EVERY", 4)
    workers.release()
    try:
        got = list(workers.analyse_many(jobs(), {"SDG_ANALYSIS_WORKERS": 2, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 1}))
        assert gc.get_freeze_count() > 0
        assert frozen(got[0]) and frozen(got[0].goal_codes)
    finally:
        workers.release()
    assert gc.get_freeze_count() == 0 and not frozen(got[0])


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
@pytest.mark.parametrize("froze_before", [True, False], ids=["build-froze-first", "nothing-frozen-before"])
def test_what_the_build_holds_when_the_workers_start_stays_frozen_until_released(froze_before):
    # frozen in the build as in the workers: the build's own collections would
    # otherwise write to every object forked, and copy the pages the workers share
    held = [[], Failure("an article read before the workers started")]  # objects the collector tracks
    workers.release()
    try:
        if froze_before:
            workers.LongLived().freeze()
        assert frozen(held[1]) is froze_before
        list(workers.analyse_many(jobs(), {"SDG_ANALYSIS_WORKERS": 2, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 1}))
        assert frozen(held[1])
    finally:
        workers.release()
    assert not frozen(held[1])


def test_worker_count_defaults_to_the_usable_cores():
    assert DEFAULTS["SDG_ANALYSIS_WORKERS"] is None
    assert workers.worker_count({"SDG_ANALYSIS_WORKERS": None}) >= 1
    assert workers.worker_count({"SDG_ANALYSIS_WORKERS": 3}) == 3
    assert workers.worker_count({"SDG_ANALYSIS_WORKERS": 0}) == 1


# -- in a build: articles go to the workers as Pelican reads them -------------------
import sdg_portal.content as content  # noqa: E402
from pelican import signals  # noqa: E402

PARALLEL = {"SDG_ANALYSIS_WORKERS": 2, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 1}


def build(make_generator, tmp_path, **settings):
    return make_generator(SDG_AUTO_ANALYSIS=True, SDG_ANALYSIS_CACHE=False, CACHE_PATH=str(tmp_path / "cache"), **settings)


def analyses(generator):
    return {a.slug: a.sdg for a in generator.articles}


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_articles_are_sent_to_the_workers_as_they_are_read(make_generator, tmp_path, monkeypatch):
    serial = analyses(build(make_generator, tmp_path, SDG_ANALYSIS_WORKERS=1))
    sent = calls_to(monkeypatch, content.Session, "send")
    generator = build(make_generator, tmp_path, **PARALLEL)
    assert sorted(article.slug for _, article in sent) == sorted(serial)
    assert analyses(generator) == serial
    assert content._session is None  # the workers are gone once the analyses are attached


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_a_large_build_keeps_the_collector_off_its_articles_until_it_ends(make_generator, tmp_path, monkeypatch):
    monkeypatch.setattr(workers.LongLived, "EVERY", 2)
    workers.release()
    small = build(make_generator, tmp_path, SDG_ANALYSIS_WORKERS=1)
    assert gc.get_freeze_count() == 0  # a small site: nothing frozen
    assert not frozen(small.articles[0])

    read, frozen_when_read = [], []
    real_send = content.Session.send

    def send(self, article):
        read.append(article)
        real_send(self, article)
        frozen_when_read.append([frozen(a) for a in read])

    monkeypatch.setattr(content.Session, "send", send)
    generator = build(make_generator, tmp_path, **PARALLEL)
    # while Pelican reads: the workers start with the first article (frozen as they
    # fork), then every second article what was read so far is frozen
    assert frozen_when_read[:3] == [[True], [True, True], [True, True, False]]
    article = generator.articles[0]
    assert frozen(article) and frozen(article.sdg)  # and all of it once the analyses are in
    plugin_handlers = [r.__name__ for r in signals.finalized.receivers_for(generator)]
    assert "release" in plugin_handlers  # given back when Pelican says the build is over
    workers.release()
    assert not frozen(article) and not frozen(article.sdg)


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_an_article_changed_after_it_was_sent_is_analysed_again(make_generator, tmp_path, monkeypatch):
    real_send = content.Session.send
    addition = "<p>Police freed 40 victims of human trafficking held in forced labour on fishing boats.</p>"

    def send_then_change(self, article):
        real_send(self, article)
        if article.slug == "a-council-meeting-with-no-sdg-block":
            article._content += addition  # as another plugin might, after ours

    monkeypatch.setattr(content.Session, "send", send_then_change)
    council = analyses(build(make_generator, tmp_path, **PARALLEL))["a-council-meeting-with-no-sdg-block"]
    assert "8.7" in council.target_codes
    assert any("freed 40 victims" in ev.sentence for label in council.targets for ev in label.evidence)


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_a_rebuild_with_few_new_articles_starts_no_worker(make_generator, tmp_path, monkeypatch):
    started = calls_to(monkeypatch, content, "Workers")
    cached = {"SDG_ANALYSIS_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    settings = {"SDG_AUTO_ANALYSIS": True, "SDG_ANALYSIS_WORKERS": 2, **cached}
    first = analyses(make_generator(**settings, SDG_ANALYSIS_PARALLEL_THRESHOLD=2))
    assert started == [(2,)]  # five new articles, the cache empty: the workers start at the first

    started.clear()
    again = analyses(make_generator(**settings, SDG_ANALYSIS_PARALLEL_THRESHOLD=2))
    assert started == []  # all five from the cache
    assert again == first


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_with_an_empty_cache_the_workers_start_with_the_first_article(make_generator, tmp_path, monkeypatch):
    import shutil
    from pathlib import Path

    read_before = []  # articles handed over when the workers were started
    real = content.Session._start_workers

    def start(self):
        read_before.append(len(self.sent))
        return real(self)

    monkeypatch.setattr(content.Session, "_start_workers", start)
    site = tmp_path / "articles"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "site" / "articles", site)
    settings = {
        "SDG_AUTO_ANALYSIS": True, "SDG_ANALYSIS_CACHE": True, "CACHE_PATH": str(tmp_path / "cache"),
        "SDG_ANALYSIS_WORKERS": 2, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 4,
    }
    first = analyses(make_generator(site, **settings))
    assert read_before == [1]  # all five need analysing: no waiting for four of them

    # the cache now holds the five: with two articles edited, the threshold of four
    # holds and nothing is forked
    for name in ("solar-schools.md", "water-tariffs.md"):
        path = site / name
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    read_before.clear()
    again = analyses(make_generator(site, **settings))
    assert read_before == []
    assert again.keys() == first.keys()
    assert again["trafficking-ring-dismantled"] == first["trafficking-ring-dismantled"]  # from the cache


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_a_large_build_shows_reading_and_analysis_progress(make_generator, tmp_path, monkeypatch):
    shown = []
    real_close = content.Session.close

    def close(self):
        if self.progress is not None:
            shown.extend((t.description, t.completed, t.total) for t in self.progress.tasks)
        real_close(self)

    monkeypatch.setattr(content.Session, "close", close)
    # The bars redraw from a thread of their own; none may run while the workers are
    # forked (a lock it held would stay held in them; Python 3.12+ warns).
    # Threads other tests left running are not the build's: count only new ones.
    before = set(threading.enumerate())
    new_threads_at_fork = []
    real_pool = workers.ProcessPoolExecutor

    def pool(*args, **kwargs):
        new_threads_at_fork.append([t.name for t in threading.enumerate() if t not in before])
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(workers, "ProcessPoolExecutor", pool)
    # the bars are drawn in a terminal only: this test's output is not one
    monkeypatch.setattr(content.console, "_force_terminal", True)
    build(make_generator, tmp_path, **PARALLEL, SDG_PROGRESS_THRESHOLD=3)
    assert shown == [("Reading articles", 5, 5), ("Analysing articles", 5, 5)]
    assert new_threads_at_fork == [[]]

    shown.clear()
    build(make_generator, tmp_path, **PARALLEL, SDG_PROGRESS_THRESHOLD=5)  # not more than 5 articles
    assert shown == []


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_no_progress_bars_where_the_output_is_not_a_terminal(make_generator, tmp_path, capsys):
    # a CI log: rich would leave a blank line per bar there
    assert not content.console.is_terminal

    def blank_lines(**settings):
        build(make_generator, tmp_path, **PARALLEL, **settings)
        return capsys.readouterr().out.splitlines().count("")

    assert blank_lines(SDG_PROGRESS_THRESHOLD=3) == blank_lines(SDG_PROGRESS_THRESHOLD=None)


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_an_article_that_cannot_be_handed_over_is_analysed_with_the_rest(make_generator, tmp_path, monkeypatch):
    serial = analyses(build(make_generator, tmp_path, SDG_ANALYSIS_WORKERS=1))
    real_send = content.Session.send

    def send(self, article):
        if article.slug == "water-tariffs-fall-for-the-poorest-households":
            raise RuntimeError("hand-over failed")
        real_send(self, article)

    monkeypatch.setattr(content.Session, "send", send)
    generator = build(make_generator, tmp_path, **PARALLEL)
    assert analyses(generator) == serial  # nothing dropped, the same analyses


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_the_workers_let_go_of_each_batch_of_html_once_analysed():
    pool = workers.Workers(2, batch=2)
    try:
        tickets = [pool.submit(job) for job in jobs()[:5]]
        pool.flush()
        got = [pool.result(ticket) for ticket in tickets]
    finally:
        pool.close()  # the pool's thread has run every callback once it is shut down
    assert got == expected(jobs()[:5])
    assert all(batch.jobs is None for batch, _ in tickets)


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_the_build_lets_go_of_its_rule_tables_once_the_workers_have_forked():
    from sdg_analysis.rules import load_rules

    tables = weakref.ref(load_rules())
    pool = workers.Workers(2, batch=2)
    try:
        assert tables() is None  # the workers have theirs; nothing in the build holds them
        tickets = [pool.submit(job) for job in jobs()[:5]]
        pool.flush()
        got = [pool.result(ticket) for ticket in tickets]
    finally:
        pool.close()
        workers.release()
    # the workers analyse with the tables they forked with; the build, which compiles
    # them again to analyse, gives the same analyses
    assert got == expected(jobs()[:5])


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_the_build_keeps_no_html_unpacked_for_the_articles_it_sent(make_generator, tmp_path, monkeypatch):
    held = []
    real_send = content.Session.send

    def send(self, article):
        real_send(self, article)
        held.append(self.sent[id(article)])

    monkeypatch.setattr(content.Session, "send", send)
    from pathlib import Path

    generator = build(make_generator, tmp_path, path=Path(__file__).resolve().parents[2] / "content", **PARALLEL)
    assert len(held) >= len(generator.articles) > 5  # drafts too
    # each article's HTML as it holds it, compressed: not the text sent to the workers
    assert all(isinstance(entry[0][1], bytes) for entry in held)
