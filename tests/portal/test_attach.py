"""The plugin attaches an analysis to every article read by Pelican."""

import logging

import pytest

from sdg_portal.content import SdgContentError


def by_slug(generator):
    return {a.slug: a for a in generator.articles}


def test_every_article_has_an_analysis(make_generator):
    generator = make_generator()
    articles = by_slug(generator)
    assert len(articles) == 5
    assert all(hasattr(a, "sdg") for a in articles.values())
    ring = articles["trafficking-ring-dismantled"]
    assert ring.sdg.goal_codes == ["8", "16"]
    assert ring.sdg.target_codes == ["8.7", "16.2"]
    assert ring.sdg.indicator_codes == ["16.2.2"]
    assert {label.origin for label in ring.sdg.all_labels()} == {"editor"}
    assert articles["a-council-meeting-with-no-sdg-block"].sdg.goal_codes == []


def test_bad_code_is_reported_with_file_and_line_and_the_rest_is_kept(make_generator, caplog):
    with caplog.at_level(logging.WARNING):
        generator = make_generator()
    reef = by_slug(generator)["coral-reefs-bleach-again"]
    assert reef.sdg.target_codes == ["14.2"]
    messages = [r.getMessage() for r in caplog.records]
    assert any(
        m.startswith("tests/fixtures/site/articles/bad-codes.md:11: error: 14.11 is not a target of goal 14; did you mean") for m in messages
    ), messages
    assert len(generator.articles) == 5
    assert [p.path for p in generator.context["sdg_problems"]] == ["tests/fixtures/site/articles/bad-codes.md"]


def test_strict_mode_fails_after_reporting(make_generator):
    with pytest.raises(SdgContentError, match="14.11 is not a target"):
        make_generator(SDG_STRICT=True)


@pytest.mark.parametrize("workers", [1, 2], ids=["in the build process", "in workers"])
def test_an_article_the_analyser_fails_on_is_reported_and_published(make_generator, monkeypatch, caplog, workers):
    import sdg_portal.workers as workers_module

    real = workers_module.analyse

    def failing(text, fw, editor):
        if text.startswith("Trafficking ring dismantled"):
            raise RuntimeError("rule table exploded")
        return real(text, fw, editor)

    monkeypatch.setattr(workers_module, "analyse", failing)
    settings = {"SDG_AUTO_ANALYSIS": True, "SDG_ANALYSIS_CACHE": False, "SDG_ANALYSIS_WORKERS": workers}
    with caplog.at_level(logging.WARNING):
        generator = make_generator(**settings, SDG_ANALYSIS_PARALLEL_THRESHOLD=1)
    articles = by_slug(generator)
    assert len(articles) == 5
    ring = articles["trafficking-ring-dismantled"]
    message = (
        "tests/fixtures/site/articles/trafficking-ring.md: error: the analyser failed on this article "
        "(RuntimeError: rule table exploded); it is published with the editor's labels only"
    )
    assert message in [r.getMessage() for r in caplog.records]
    assert message in [p.format() for p in ring.sdg_problems]
    # what its editor listed, and nothing the analyser would have added
    assert ring.sdg.goal_codes == ["8", "16"]
    assert ring.sdg.target_codes == ["8.7", "16.2"]
    assert ring.sdg.indicator_codes == ["16.2.2"]
    assert ring.sdg.figures == []
    # the others are analysed as usual
    assert articles["solar-panels-reach-rural-schools"].sdg.goal_codes != []

    with pytest.raises(SdgContentError, match=r"SDG_STRICT: 2 problem\(s\)"):  # bad-codes.md's and this one
        make_generator(**settings, SDG_ANALYSIS_PARALLEL_THRESHOLD=1, SDG_STRICT=True)
