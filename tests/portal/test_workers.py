"""Many articles are analysed in worker processes, with the same results, in order."""

from __future__ import annotations

import os

import pytest

import sdg_portal.workers as workers
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
    return [(text, editor if i % 2 else None) for i, text in enumerate(TEXTS)]


def expected(items):
    fw = load_framework()
    return [analyse(text, fw, editor) for text, editor in items]


@pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")
def test_workers_give_the_same_analyses_in_the_same_order(monkeypatch):
    forked = []
    real = workers.ProcessPoolExecutor

    def recording(*args, **kwargs):
        forked.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(workers, "ProcessPoolExecutor", recording)
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
def test_an_error_in_a_worker_reaches_the_build(monkeypatch):
    parent = os.getpid()

    def failing(text, fw, editor):
        if text == TEXTS[2] and os.getpid() != parent:
            raise ValueError(f"no analysis for {text[:20]}")
        return analyse(text, fw, editor)

    monkeypatch.setattr(workers, "analyse", failing)
    results = workers.analyse_many(jobs(), {"SDG_ANALYSIS_WORKERS": 2, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 1})
    with pytest.raises(ValueError, match="no analysis for Nearly 3,000"):
        list(results)


def test_worker_count_defaults_to_the_usable_cores():
    assert DEFAULTS["SDG_ANALYSIS_WORKERS"] is None
    assert workers.worker_count({"SDG_ANALYSIS_WORKERS": None}) >= 1
    assert workers.worker_count({"SDG_ANALYSIS_WORKERS": 3}) == 3
    assert workers.worker_count({"SDG_ANALYSIS_WORKERS": 0}) == 1
