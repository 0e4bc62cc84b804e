"""The analysis sections of a large site, rendered in a process of their own while the
build writes the pages (sdg_portal.sections, sdg_analysis.section_server)."""

import io
import logging
import os
import signal
from types import SimpleNamespace

from sdg_analysis import Packed, analyse, load_framework
from sdg_analysis.anchors import AnchorIds
from sdg_analysis.render import render_section
from sdg_analysis.section_server import encode, read_message, serve
from sdg_portal.sections import SectionServer
from support import ROOT, pelican_process

TEXTS = [
    "Police freed 120 victims of human trafficking from a forced labour camp; 14 traffickers were convicted.",
    "The city's new water plant gives 40,000 households safe drinking water & better sanitation.",
    "Solar panels on 300 rural schools bring electricity to classrooms for the first time.",
]
FRAMEWORK = load_framework()
URLS = {n.code: f"sdg/{n.code}/" for n in (*FRAMEWORK.goals, *FRAMEWORK.targets, *FRAMEWORK.indicators)}
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
        + encode(("sections", 0, [(a.sdg.data, a.sdg_anchors) for a in items[:2]]))
        + encode(("sections", 1, [(items[2].sdg.data, items[2].sdg_anchors), (b"not a pickle", AnchorIds())]))
    )
    answers = io.BytesIO()
    serve(requests, answers)
    answers.seek(0)
    first, second = read_message(answers), read_message(answers)
    assert read_message(answers) is None
    assert first == ("sections", 0, [str(local(items[0])), str(local(items[1]))])
    assert second == ("sections", 1, [str(local(items[2])), None])  # failed there: the build renders it
    assert 'href="#ev-' in first[2][0]  # the quote links to its anchor in the body


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


def test_an_item_the_build_keeps_is_answered_none():
    items = articles(2)
    requests = io.BytesIO(encode(SETUP) + encode(("sections", 0, [(None, None), (items[1].sdg.data, items[1].sdg_anchors)])))
    answers = io.BytesIO()
    serve(requests, answers)
    answers.seek(0)
    assert read_message(answers) == ("sections", 0, [None, str(local(items[1]))])


def test_while_pages_wait_for_the_server_the_build_renders_a_share_of_the_sections():
    items = articles(40)
    server = SectionServer(SETUP, window=16)
    try:
        server.send(items)  # the first window at once, while the process starts
        assert server.get(items[0]) == local(items[0])  # it had not answered yet: a wait
        assert server._share == SectionServer.SHARE_UP
        server._share = 0.5  # as after many waits: every second one not sent
        got = [server.get(article) for article in items[1:]]
    finally:
        server.close()
    left = [i for i, html in enumerate(got, start=1) if html is None]
    # from the first batch sent after that, every second article
    assert len(left) >= 5 and all(b - a == 2 for a, b in zip(left, left[1:])) and left[0] >= 16
    assert server.taken == 40 - len(left)
    assert [html for html in got if html is not None] == [local(items[i]) for i in range(1, 40) if i not in left]


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
    done, _ = pelican_process(
        tmp_path, "SDG_ANALYSIS_WORKERS=2", "SDG_ANALYSIS_PARALLEL_THRESHOLD=1", options=["-D"], columns=400
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    pages = len(list((ROOT / "content" / "articles").glob("*/*.md")))
    log = done.stdout + done.stderr
    assert f"Analysis sections rendered in a separate process for {pages} of {pages} article pages" in log
    assert "Open data written by the process that rendered the analysis sections" in log


# -- the open data, written by the same process while the build writes the SDG pages ----
from sdg_analysis.opendata import article_record, write_open_data  # noqa: E402


def record_fields(i):
    return {
        "title": f"Article {i} <b>&</b>", "date": f"2025-01-{i + 1:02d}T10:00:00+00:00",
        "url": f"https://example.org/articles/{i}.html", "source": {"name": "Wire", "url": None},
        "summary": "A summary.", "tags": ["water"], "authors": ["Desk"], "image": None,
    }  # fmt: skip


def local_data(tmp_path, items):
    paths = tmp_path / "local.json", tmp_path / "local.csv"
    with open(paths[0], "w", encoding="utf-8", newline="") as j, open(paths[1], "w", encoding="utf-8", newline="") as c:
        records = (article_record(analysis=a.sdg.analysis(), framework=FRAMEWORK, **record_fields(i)) for i, a in enumerate(items))
        write_open_data(records, j, c, site_url="https://example.org", analyser_version="test")
    return [p.read_bytes() for p in paths]


def data_options(tmp_path):
    return {"json": str(tmp_path / "articles.json"), "csv": str(tmp_path / "figures.csv"),
            "site_url": "https://example.org", "analyser_version": "test"}  # fmt: skip


def test_the_server_writes_the_open_data_as_the_build_would(tmp_path):
    items = articles(5)
    records = [(a.sdg.data, record_fields(i)) for i, a in enumerate(items)]
    requests = io.BytesIO(
        encode(SETUP) + encode(("data", data_options(tmp_path)))
        + encode(("records", records[:3])) + encode(("records", records[3:])) + encode(("end",))
        + encode(("sections", 0, [(items[0].sdg.data, items[0].sdg_anchors)]))
    )  # fmt: skip
    answers = io.BytesIO()
    serve(requests, answers)
    answers.seek(0)
    assert read_message(answers) == ("data", None)
    assert read_message(answers) == ("sections", 0, [str(local(items[0]))])  # and goes on after it
    written = [(tmp_path / name).read_bytes() for name in ("articles.json", "figures.csv")]
    assert written == local_data(tmp_path, items)
    assert b'"title":"Article 0 \\u003cb\\u003e\\u0026\\u003c/b\\u003e"' in written[0]


def test_open_data_the_server_cannot_write_is_reported_and_the_server_goes_on(tmp_path):
    items = articles(20)
    server = SectionServer(SETUP)
    try:
        bad = {**data_options(tmp_path), "json": str(tmp_path)}  # a folder: it cannot be opened as a file
        assert server.write_data(bad, ((a.sdg.data, record_fields(i % 28)) for i, a in enumerate(items)))
        assert server.data_written().startswith("IsADirectoryError")
        server.send(items)
        assert server.get(items[0]) == local(items[0])  # every record was read past: the answers stay in step
    finally:
        server.close()


def test_open_data_is_left_to_the_build_when_the_server_dies(tmp_path):
    items = articles(3)
    server = SectionServer(SETUP)
    try:
        os.kill(server._process.pid, signal.SIGKILL)
        server._process.wait()
        sent = server.write_data(data_options(tmp_path), ((a.sdg.data, record_fields(i)) for i, a in enumerate(items)))
        assert not sent or server.data_written() == "the process stopped"
    finally:
        server.close()


def test_a_large_build_writes_the_same_open_data_when_the_server_cannot(tmp_path, monkeypatch, caplog):
    from sdg_portal.generator import SdgGenerator
    from support import build_site

    parallel = {"SDG_ANALYSIS_WORKERS": 2, "SDG_ANALYSIS_PARALLEL_THRESHOLD": 1}
    build_site(ROOT / "content", tmp_path / "serial", SDG_ANALYSIS_WORKERS=1)
    real = SdgGenerator._data_options
    monkeypatch.setattr(SdgGenerator, "_data_options", lambda self: {**real(self), "json": str(tmp_path)})
    with caplog.at_level(logging.WARNING, logger="sdg_portal.generator"):
        build_site(ROOT / "content", tmp_path / "parallel", **parallel)
    assert "The process writing the open data failed (IsADirectoryError" in caplog.text
    for name in ("articles.json", "figures.csv", "articles.schema.json"):
        assert (tmp_path / "parallel" / "data" / name).read_bytes() == (tmp_path / "serial" / "data" / name).read_bytes()


def test_what_the_sdg_context_makes_for_a_large_site_is_kept_out_of_full_collections(tmp_path, monkeypatch):
    import gc

    from sdg_portal.generator import SdgGenerator
    from support import build_site

    def frozen(obj):
        return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())

    seen = {}
    real = SdgGenerator.generate_output

    def generate_output(self, writer):
        article = next(iter(self.figures.values()))[0].article
        seen["figures listed"], seen["anchors"] = frozen(self.figures), frozen(article.sdg_anchors)
        return real(self, writer)

    monkeypatch.setattr(SdgGenerator, "generate_output", generate_output)
    build_site(ROOT / "content", tmp_path / "small", SDG_ANALYSIS_WORKERS=1)
    assert seen == {"figures listed": False, "anchors": False}  # a small site: left to the collector
    build_site(ROOT / "content", tmp_path / "large", SDG_ANALYSIS_WORKERS=2, SDG_ANALYSIS_PARALLEL_THRESHOLD=1)
    assert seen == {"figures listed": True, "anchors": True}
    assert gc.get_freeze_count() == 0  # given back at the end of the build


def test_a_build_that_fails_before_the_sdg_pages_leaves_no_server(tmp_path, monkeypatch):
    import pytest
    from pelican.generators import ArticlesGenerator

    from support import build_site

    processes = []
    real_init = SectionServer.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        processes.append(self._process)  # the process, not the server: that may go

    def theme_error(self, writer):
        raise RuntimeError("a template failed")

    monkeypatch.setattr(SectionServer, "__init__", init)
    monkeypatch.setattr(ArticlesGenerator, "generate_output", theme_error)

    def fails(**settings):
        with pytest.raises(RuntimeError, match="a template failed"):
            build_site(ROOT / "content", tmp_path / "out", **settings)
        return True

    assert fails(SDG_ANALYSIS_WORKERS=2, SDG_ANALYSIS_PARALLEL_THRESHOLD=1) and len(processes) == 1
    # Pelican's memoized content keeps the failed build's articles, and through them
    # its generators, to the end of the process: the next build (here a small one,
    # failing the same way) stops the server that was never closed
    assert processes[0].poll() is None
    assert fails(SDG_ANALYSIS_WORKERS=1) and len(processes) == 1
    assert processes[0].wait(timeout=10) is not None
    assert processes[0].stdin.closed and processes[0].stdout.closed
