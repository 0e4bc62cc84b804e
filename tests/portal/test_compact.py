"""Articles hold their HTML compressed, and read and write it as Pelican's do."""

from __future__ import annotations

import pickle
import re
import sys
from array import array
from pathlib import Path

from pelican import Pelican, signals
from pelican.contents import Article, Content
from pelican.settings import read_settings

from sdg_analysis.anchors import insert_anchors
from sdg_portal import compact, generator
from sdg_portal.compact import CompactArticle

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
ANOTHER = "<p>Another article, long enough to be compressed.</p>" * 10


def test_every_article_read_holds_its_html_compressed(make_generator):
    generator = make_generator(CONTENT)  # the sample articles: news of 300 to 900 words
    assert generator.articles
    for article in generator.articles:
        assert type(article) is CompactArticle
        held = compact.stored(article)
        html = article._content
        assert isinstance(html, str) and html.startswith("<")
        if len(html) < compact.SHORT:  # a line or two: kept as it is
            assert held is html
        else:
            assert isinstance(held, bytes) and len(held) < 0.6 * sys.getsizeof(html)
        # what a page is given: Pelican's content, its links updated as before
        assert article.content == Content.__dict__["get_content"].func(article, article.get_siteurl())
    assert any(isinstance(compact.stored(article), bytes) for article in generator.articles)


def test_html_set_again_is_read_back_and_pickles_as_pelicans_cache_does(make_generator):
    article = make_generator().articles[0]
    before = compact.stored(article)
    article._content = article._content.replace("<p>", '<p class="x">', 1) + "<p>More.</p>" * 30
    assert compact.stored(article) is not before  # an article changed is seen to have changed
    html = article._content
    assert '<p class="x">' in html

    compact.pack(ANOTHER)  # no longer the last one packed: really unpacked
    assert article._content == html
    again = pickle.loads(pickle.dumps(article))
    assert type(again) is CompactArticle and again._content == html and again.title == article.title


def test_the_content_a_page_was_given_is_not_memoized(make_generator):
    article = make_generator().articles[0]
    memo = Content.__dict__["get_content"].cache
    first = article.content
    assert first == article.content
    assert not any(key[0] is article for key in memo)


def test_any_text_comes_back_as_it_was():
    long = " and so on" * 30
    for text in ["", "short", "plain ascii" + long, "€ 40 million “quoted” – dash" + long, "\U0001f30d emoji" + long,
                 "lone \ud800 surrogate" + long, None]:
        packed = compact.pack(text)
        compact.pack(ANOTHER)
        assert compact.unpack(packed) == text


def test_another_plugins_article_class_is_left_as_it_is():
    class OwnArticle(Article):
        pass

    article = OwnArticle.__new__(OwnArticle)
    article.__dict__["_content"] = "<p>x</p>"
    compact.compact(article)
    assert type(article) is OwnArticle and article.__dict__["_content"] == "<p>x</p>"


def test_the_goal_and_target_feeds_unpack_each_article_once(make_generator, monkeypatch):
    articles = make_generator(CONTENT).articles
    unpacked = []
    real = compact._get_content
    monkeypatch.setattr(compact, "_get_content", lambda self, siteurl: unpacked.append(self) or real(self, siteurl))
    monkeypatch.setattr(compact, "REMEMBERED", 3)
    with compact.remembering():
        for _ in range(2):
            for article in articles[:3]:
                assert article.content == real(article, article.get_siteurl())
        assert unpacked == articles[:3]  # each once while remembered
        articles[3].content  # a fourth: the first is let go
        articles[0].content
        assert unpacked == articles[:4] + articles[:1]
    unpacked.clear()
    articles[1].content
    articles[1].content
    assert unpacked == [articles[1], articles[1]]  # outside, nothing is kept


def test_anchors_given_to_an_article_go_in_as_its_html_is_read(make_generator):
    article = make_generator(CONTENT).articles[0]
    html = article._content
    before = compact.stored(article)
    positions = array("I", [0, 7, html.index("</p>"), 120])
    compact.anchor(article, positions)
    assert compact.stored(article) is not before  # the article's HTML has changed
    expected = insert_anchors(html, positions)
    assert expected.startswith('<span id="ev-7" class="sdg-anchor"></span><p>')
    assert article._content == expected and article.content == expected
    assert pickle.loads(pickle.dumps(article))._content == expected

    article._content = "<p>Rewritten by another plugin.</p>"  # the anchors went with the old HTML
    assert article._content == "<p>Rewritten by another plugin.</p>"


def test_the_anchors_and_figures_made_with_each_analysis_are_used_where_its_html_is_unchanged(tmp_path, monkeypatch):
    searched, unpacked_in_context, in_context = [], [], []
    real = generator.anchor_positions
    monkeypatch.setattr(generator, "anchor_positions", lambda html, evidences: searched.append(html) or real(html, evidences))
    real_unpacked, real_context = generator.unpacked, generator.SdgGenerator.generate_context

    def unpacked(packed):
        if in_context:
            unpacked_in_context.append(packed)
        return real_unpacked(packed)

    def generate_context(self):
        in_context.append(True)
        try:
            return real_context(self)
        finally:
            in_context.clear()

    monkeypatch.setattr(generator, "unpacked", unpacked)
    monkeypatch.setattr(generator.SdgGenerator, "generate_context", generate_context)
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(CONTENT), "OUTPUT_PATH": str(tmp_path / "out"), "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")], "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False,
            "SDG_ANALYSIS_CACHE": False,
        },
    )  # fmt: skip
    site = Pelican(settings)
    changed = []

    def change(articles_generator):  # as another plugin might, once the analyses are in
        article = articles_generator.articles[0]
        article._content += "<p>A line added later by another plugin.</p>"
        changed.append(article)

    signals.article_generator_finalized.connect(change)
    try:
        site.run()
    finally:
        signals.article_generator_finalized.disconnect(change)
    # only the changed article's anchors were looked for again, in its new HTML, and
    # only its analysis was unpacked for its figures listed
    assert len(searched) == 1 and searched[0].endswith("<p>A line added later by another plugin.</p>")
    assert unpacked_in_context == [changed[0].sdg]
    for article in (changed[0], *[a for a in site_articles(tmp_path) if a != changed[0].save_as][:3]):
        page = (tmp_path / "out" / (article if isinstance(article, str) else article.save_as)).read_text(encoding="utf-8")
        links = set(re.findall(r'href="#(ev-\d+)"', page))
        anchors = set(re.findall(r'<span id="(ev-\d+)" class="sdg-anchor"></span>', page))
        assert links and links <= anchors  # every quote links to its sentence in the body
    assert "A line added later by another plugin." in (tmp_path / "out" / changed[0].save_as).read_text(encoding="utf-8")


def site_articles(tmp_path) -> list[str]:
    out = tmp_path / "out"
    return sorted(str(p.relative_to(out)) for p in out.glob("articles/20*/*/index.html"))
