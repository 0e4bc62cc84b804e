"""The analysis sections of a large site, rendered in a process of their own while the
build writes the pages (sdg_portal.sections, sdg_analysis.section_server)."""

import io
import logging
import os
import signal
import subprocess
import sys
from types import SimpleNamespace

from sdg_analysis import Packed, analyse, load_framework
from sdg_analysis.anchors import AnchorIds
from sdg_analysis.render import render_section
from sdg_analysis.section_server import encode, read_message, serve
from sdg_portal.sections import SectionServer
from support import ROOT

TEXTS = [
    "Police freed 120 victims of human trafficking from a forced labour camp; 14 traffickers were convicted.",
    "The city's new water plant gives 40,000 households safe drinking water & better sanitation.",
    "Solar panels on 300 rural schools bring electricity to classrooms for the first time.",
]
FRAMEWORK = load_framework()
CODES = [n.code for g in FRAMEWORK.goals for n in (g, *g.targets, *(i for t in g.targets for i in t.indicators))]
URLS = {code: f"sdg/{code}/" for code in CODES}
SETUP = {"urls": URLS, "siteurl": "https://example.org", "template_dirs": []}


def articles(n):
    out = []
    for i in range(n):
        analysis = analyse(TEXTS[i % len(TEXTS)])
        evidence = analysis.all_labels()[0].evidence[0]
        out.append(SimpleNamespace(sdg=Packed.of(analysis), sdg_anchors=AnchorIds([evidence.start])))
    return out


def local(article):
    """The sections as the build's process renders them."""
    return render_section(
        article.sdg.analysis(), URLS.__getitem__, framework=FRAMEWORK, siteurl="https://example.org",
        template_dirs=(), anchors=article.sdg_anchors,
    )  # fmt: skip


def test_the_server_answers_each_batch_in_order():
    items = articles(3)
    requests = io.BytesIO(
        encode(SETUP)
        + encode((0, [(a.sdg.data, a.sdg_anchors) for a in items[:2]]))
        + encode((1, [(items[2].sdg.data, items[2].sdg_anchors), (b"not a pickle", AnchorIds())]))
    )
    answers = io.BytesIO()
    serve(requests, answers)
    answers.seek(0)
    first, second = read_message(answers), read_message(answers)
    assert read_message(answers) is None
    assert first == (0, [str(local(items[0])), str(local(items[1]))])
    assert second == (1, [str(local(items[2])), None])  # failed there: the build renders it
    assert 'href="#ev-' in first[1][0]  # the quote links to its anchor in the body


def test_the_sections_come_from_the_server_the_same_as_rendered_here():
    items = articles(40)
    server = SectionServer(SETUP, window=16)
    try:
        server.send(items)
        got = [server.get(article) for article in items]
        assert server._process.poll() is None  # still there for more
    finally:
        server.close()
    assert server.taken == 40
    assert got == [local(article) for article in items]
    assert server._process.returncode == 0  # stopped at the end of its input


def test_an_article_it_was_not_given_or_already_let_go_is_left_to_the_build():
    items = articles(40)
    server = SectionServer(SETUP, window=8)
    try:
        server.send(items)
        assert server.get(SimpleNamespace(sdg=items[0].sdg, sdg_anchors=AnchorIds())) is None
        assert server.get(items[39]) == local(items[39])  # far ahead of what was asked: sent then
        assert server.get(items[0]) is None  # behind the pages written: let go
    finally:
        server.close()


def test_a_section_the_server_cannot_render_is_left_to_the_build():
    items = articles(3)
    server = SectionServer({**SETUP, "urls": {}})  # no URL for any code: every section fails there
    try:
        server.send(items)
        assert [server.get(article) for article in items] == [None, None, None]
        assert not server.broken and server.taken == 0
    finally:
        server.close()


def test_a_server_that_dies_leaves_the_rest_to_the_build(caplog):
    items = articles(30)
    server = SectionServer(SETUP, window=8)
    try:
        server.send(items)
        assert server.get(items[0]) == local(items[0])
        os.kill(server._process.pid, signal.SIGKILL)
        server._process.wait()
        with caplog.at_level(logging.WARNING, logger="sdg_portal.sections"):
            assert server.get(items[29]) is None
            assert server.get(items[29]) is None  # and nothing more is asked of it
        assert [r.getMessage() for r in caplog.records] == [
            "The process rendering analysis sections stopped; the build renders the rest itself"
        ]
    finally:
        server.close()


def test_a_large_build_takes_every_section_from_the_server(tmp_path):
    # the bundled site as a large one: the threshold at 1 article
    done = subprocess.run(
        [sys.executable, "-m", "pelican", str(ROOT / "content"), "-o", str(tmp_path / "out"), "-s",
         str(ROOT / "pelicanconf.py"), "-D", "-e", "SDG_ANALYSIS_WORKERS=2", "SDG_ANALYSIS_PARALLEL_THRESHOLD=1",
         f'CACHE_PATH="{tmp_path / "cache"}"'],
        capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, COLUMNS="400"), timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    pages = len(list((ROOT / "content" / "articles").glob("*/*.md")))
    log = done.stdout + done.stderr
    assert f"Analysis sections rendered in a separate process for {pages} of {pages} article pages" in log
