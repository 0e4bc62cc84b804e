"""The search index: made after every build under make serve (SDG_SEARCH_INDEX), by
``sdg-portal index`` for make html and make publish."""

import gzip
import json
import logging
import subprocess
from pathlib import Path
from types import SimpleNamespace

import cbor2
import pytest
from click.testing import CliRunner

from sdg_portal.cli import main
from sdg_portal.search import SIGNATURE, SearchIndexError, index_for_search, make_search_index
from support import ROOT, build_site

pytestmark = pytest.mark.build


def entry(site):
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_a_build_with_the_setting_is_indexed_for_search(tmp_path):
    site = build_site(ROOT / "tests" / "fixtures" / "site", tmp_path / "out", SDG_AUTO_ANALYSIS=False, SDG_SEARCH_INDEX=True)
    indexed = entry(site)
    assert indexed["languages"], indexed
    assert sum(lang["page_count"] for lang in indexed["languages"].values()) >= 4  # the fixture's articles
    filters = sorted((site / "pagefind" / "filter").glob("*.pf_filter"))
    assert filters
    for path in filters:  # put in order, as sdg-portal index does
        _, values = cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])
        assert [v for v, _ in values] == sorted(v for v, _ in values)


def test_a_build_without_it_is_not(tmp_path):
    site = build_site(ROOT / "tests" / "fixtures" / "site", tmp_path / "out", SDG_AUTO_ANALYSIS=False)
    assert not (site / "pagefind").exists()


def test_a_failed_index_is_reported_and_the_build_goes_on(tmp_path, monkeypatch, caplog):
    def failing(*args, **kwargs):
        return subprocess.CompletedProcess(args[0], 2, stdout="", stderr="Error: no pages found in the site\n")

    monkeypatch.setattr(subprocess, "run", failing)
    with caplog.at_level(logging.WARNING, logger="sdg_portal.search"):
        index_for_search(SimpleNamespace(settings={"SDG_SEARCH_INDEX": True}, output_path=str(tmp_path)))
    (record,) = caplog.records
    assert "search index was not made" in record.getMessage()
    assert "exited with 2: Error: no pages found in the site" in record.getMessage()


def pagefind_writing(entry_text):
    """A stand-in for Pagefind that writes ``entry_text`` as the entry file of the
    bundle, where the command line asks for it."""

    def run(command, **kwargs):
        site = Path(command[command.index("--site") + 1])
        bundle = site / command[command.index("--output-subdir") + 1]
        bundle.mkdir(parents=True)
        (bundle / "pagefind-entry.json").write_text(entry_text, encoding="utf-8")
        return subprocess.CompletedProcess(command, 0, stdout="Indexed 4 pages\n", stderr="")

    return run


def test_an_index_it_cannot_put_in_order_is_kept_as_pagefind_wrote_it(tmp_path, monkeypatch, caplog):
    written = '{\n  "version": "9.0.0",\n  "languages": {}\n}'  # not Pagefind 1.x's layout
    monkeypatch.setattr(subprocess, "run", pagefind_writing(written))
    with caplog.at_level(logging.WARNING, logger="sdg_portal.search"):
        make_search_index(tmp_path)
    (record,) = caplog.records
    assert "as Pagefind wrote it" in record.getMessage() and "pagefind-entry.json" in record.getMessage()
    assert (tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8") == written


def test_a_new_index_leaves_nothing_of_the_old_one(tmp_path):
    site = build_site(ROOT / "tests" / "fixtures" / "site", tmp_path / "out", SDG_AUTO_ANALYSIS=False, SDG_SEARCH_INDEX=True)
    fresh = sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*"))
    stale = site / "pagefind" / "fragment" / "en_0123abc.pf_fragment"  # a page since edited
    stale.write_bytes(b"old")
    (site / "pagefind.next").mkdir()  # left by a run that was killed
    make_search_index(site)
    assert not stale.exists()
    assert sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*")) == fresh
    assert sorted(p.name for p in site.iterdir() if p.name.startswith("pagefind")) == ["pagefind"]


def test_a_failed_index_leaves_the_old_one_in_place(tmp_path, monkeypatch):
    def failing(command, **kwargs):
        (tmp_path / command[command.index("--output-subdir") + 1]).mkdir()  # began, then failed
        return subprocess.CompletedProcess(command, 1, stdout="", stderr="Error: out of memory\n")

    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(subprocess, "run", failing)
    with pytest.raises(SearchIndexError, match="out of memory"):
        make_search_index(tmp_path)
    assert (tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8") == "{}"
    assert [p.name for p in tmp_path.iterdir()] == ["pagefind"]


def test_the_index_command_fails_when_pagefind_does(tmp_path, monkeypatch):
    def failing(*args, **kwargs):
        return subprocess.CompletedProcess(args[0], 1, stdout="", stderr="Error: no pages found\n")

    monkeypatch.setattr(subprocess, "run", failing)
    result = CliRunner().invoke(main, ["index", str(tmp_path)])
    assert result.exit_code == 1
    assert "the search index was not made: Pagefind exited with 1: Error: no pages found" in result.output


# -- what Pagefind is given to read ------------------------------------------------------
PAGE = '<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body>{body}</body></html>'


def page(path, title, marked=True, attribute="data-pagefind-body"):
    body = f"<nav>Site menu</nav><article {attribute}><h1>{title}</h1><p>{title} text about clean water.</p></article>"
    if not marked:
        body = f"<h1>{title}</h1><p>A list of articles on {title}.</p>"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, body=body), encoding="utf-8")


def small_site(root):
    """Marked pages in a folder (one at its top, one deep), at the top of the site,
    and a folder of unmarked listing pages, as the portal writes them."""
    page(root / "articles" / "2024" / "wells" / "index.html", "Wells")
    page(root / "articles" / "dams.html", "Dams")
    page(root / "index.html", "Home")
    page(root / "sdg" / "6" / "index.html", "Goal 6", marked=False)
    page(root / "sdg" / "6" / "6-1" / "index.html", "Target 6.1", marked=False)
    page(root / "404.html", "Not found", marked=False)
    return root


def test_pagefind_reads_only_the_folders_and_files_that_hold_marked_pages(tmp_path):
    from sdg_portal.search import search_glob

    site = small_site(tmp_path)
    assert search_glob(site) == "{articles/**/*.html,index.html}"
    (site / "index.html").unlink()
    assert search_glob(site) == "articles/**/*.html"
    (site / "pagefind").mkdir()
    page(site / "pagefind" / "demo.html", "Demo")
    assert search_glob(site, skip={"pagefind"}) == "articles/**/*.html"
    assert search_glob(site) == "{articles/**/*.html,pagefind/**/*.html}"


def test_the_whole_site_is_read_when_no_page_is_marked_or_a_name_is_not_plain(tmp_path):
    from sdg_portal.search import DEFAULT_GLOB, search_glob

    page(tmp_path / "a" / "index.html", "A", marked=False)
    assert search_glob(tmp_path) == DEFAULT_GLOB  # Pagefind then indexes every page
    page(tmp_path / "news {2024}" / "index.html", "B")
    assert search_glob(tmp_path) == DEFAULT_GLOB  # braces are glob syntax
    (tmp_path / "news {2024}" / "index.html").unlink()
    page(tmp_path / "b" / "index.html", "B", attribute="DATA-PAGEFIND-BODY")  # HTML ignores case
    assert search_glob(tmp_path) == "b/**/*.html"


def test_a_missing_site_is_left_to_pagefind_to_report(tmp_path, monkeypatch):
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: subprocess.CompletedProcess(command, 1, "", "Error: no such folder\n"))
    with pytest.raises(SearchIndexError, match="no such folder"):
        make_search_index(tmp_path / "missing")


def test_the_index_of_the_pages_read_is_the_index_of_the_whole_site(tmp_path, monkeypatch):
    import sdg_portal.search as search

    narrowed, whole = small_site(tmp_path / "narrowed"), small_site(tmp_path / "whole")
    commands = []
    run = subprocess.run

    def recording(command, **kwargs):
        commands.append(command)
        return run(command, **kwargs)

    monkeypatch.setattr(subprocess, "run", recording)
    make_search_index(narrowed)
    monkeypatch.setattr(search, "search_glob", lambda site, skip=(): search.DEFAULT_GLOB)
    make_search_index(whole)
    assert [c[c.index("--glob") + 1] for c in commands] == ["{articles/**/*.html,index.html}", "**/*.{html}"]
    assert sum(lang["page_count"] for lang in entry(narrowed)["languages"].values()) == 3

    def files(site):
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}

    assert files(narrowed) == files(whole)
