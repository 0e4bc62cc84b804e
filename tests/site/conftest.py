"""One whole Pelican build of the small fixture site, shared by the site tests."""

from pathlib import Path

import pytest

from support import ROOT, build_site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture site built with the analyser off, so listings follow front matter only."""
    out = tmp_path_factory.mktemp("fixture-site")
    return build_site(
        ROOT / "tests" / "fixtures" / "site",
        out,
        SITEURL="https://portal.example.org",
        FEED_DOMAIN="https://portal.example.org",
        SDG_AUTO_ANALYSIS=False,
        DEFAULT_PAGINATION=2,
        SDG_GOAL_PAGINATION=2,
    )
