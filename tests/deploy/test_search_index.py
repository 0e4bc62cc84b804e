"""The search index: made after every build under make serve (SDG_SEARCH_INDEX), by
``sdg-portal index`` for make html and make publish."""

import gzip
import json
import logging
import subprocess
from types import SimpleNamespace

import cbor2
import pytest
from click.testing import CliRunner

from sdg_portal.cli import main
from sdg_portal.search import SIGNATURE, index_for_search, make_search_index
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


def succeeding(*args, **kwargs):
    return subprocess.CompletedProcess(args[0], 0, stdout="Indexed 4 pages\n", stderr="")


def test_an_index_it_cannot_put_in_order_is_kept_as_pagefind_wrote_it(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(subprocess, "run", succeeding)
    pagefind = tmp_path / "pagefind"
    pagefind.mkdir()
    written = '{\n  "version": "9.0.0",\n  "languages": {}\n}'  # not Pagefind 1.x's layout
    (pagefind / "pagefind-entry.json").write_text(written, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="sdg_portal.search"):
        make_search_index(tmp_path)
    (record,) = caplog.records
    assert "as Pagefind wrote it" in record.getMessage() and "pagefind-entry.json" in record.getMessage()
    assert (pagefind / "pagefind-entry.json").read_text(encoding="utf-8") == written


def test_the_index_command_fails_when_pagefind_does(tmp_path, monkeypatch):
    def failing(*args, **kwargs):
        return subprocess.CompletedProcess(args[0], 1, stdout="", stderr="Error: no pages found\n")

    monkeypatch.setattr(subprocess, "run", failing)
    result = CliRunner().invoke(main, ["index", str(tmp_path)])
    assert result.exit_code == 1
    assert "the search index was not made: Pagefind exited with 1: Error: no pages found" in result.output
