"""A theme overrides the analysis templates; a new build reads an edited override."""

import shutil

import pytest

from support import ROOT, build_site

pytestmark = pytest.mark.build


def test_an_override_edited_between_builds_shows_in_the_next(tmp_path):
    # make serve builds again in the same process after every change: the analysis
    # templates are read once per build, so an edit must show in the next build.
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    override = theme / "templates" / "sdg" / "indicator_table.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    pages = []
    for word in ("first", "second"):
        override.write_text(f'<p class="theme-table">{word} table</p>', encoding="utf-8")
        site = build_site(ROOT / "tests" / "fixtures" / "site", tmp_path / word, THEME=str(theme), SDG_AUTO_ANALYSIS=False)
        pages.append(next(p for p in (site / "articles").rglob("index.html") if "theme-table" in p.read_text("utf-8")))
    assert "first table" in pages[0].read_text("utf-8")
    assert "second table" in pages[1].read_text("utf-8")
