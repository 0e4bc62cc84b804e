"""Run the plugin on fixture Markdown through a real Pelican ArticlesGenerator.

In the manner of pelican-plugins/series' conftest: real settings, real context,
real generator, a temporary output folder.
"""

from pathlib import Path

import pytest
from pelican.generators import ArticlesGenerator
from pelican.tests.support import get_context, get_settings

import sdg_portal
from sdg_portal.settings import check
from sdg_portal.workers import release

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def make_generator(tmp_path):
    sdg_portal.register()

    def make(path=FIXTURES / "site" / "articles", **overrides):
        settings = get_settings(filenames={})
        settings["PATH"] = str(path)
        settings["CACHE_CONTENT"] = False
        settings["SDG_AUTO_ANALYSIS"] = False
        settings.update(overrides)
        check(settings)
        context = get_context(settings)
        generator = ArticlesGenerator(
            context=context,
            settings=settings,
            path=settings["PATH"],
            theme=settings["THEME"],
            output_path=str(tmp_path),
        )
        generator.generate_context()
        return generator

    yield make
    release()  # what a large build froze: a build here never gets to Pelican's finalized
