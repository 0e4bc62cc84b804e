"""make serve re-indexes the site for search after every build (SDG_SEARCH_INDEX)."""

import json
import logging
import subprocess
from types import SimpleNamespace

import pytest

from sdg_portal.search import index_for_search
from support import ROOT, build_site

pytestmark = pytest.mark.build


def entry(site):
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_a_build_with_the_setting_is_indexed_for_search(tmp_path):
    site = build_site(ROOT / "tests" / "fixtures" / "site", tmp_path / "out", SDG_AUTO_ANALYSIS=False, SDG_SEARCH_INDEX=True)
    indexed = entry(site)
    assert indexed["languages"], indexed
    assert sum(lang["page_count"] for lang in indexed["languages"].values()) >= 4  # the fixture's articles


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
