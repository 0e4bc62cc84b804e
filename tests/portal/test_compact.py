"""Articles hold their HTML compressed, and read and write it as Pelican's do."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from pelican.contents import Article, Content

from sdg_portal import compact
from sdg_portal.compact import CompactArticle

CONTENT = Path(__file__).resolve().parents[2] / "content"
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
