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
