"""Figures on the built fixture site: the article's Indicators section and table, the
indicator pages listing every figure, under its article, with a link to its evidence,
goal and target pages naming the indicators with figures, and the origin of each figure."""

import json

from support import soup_of

SITE = "https://portal.example.org"


def test_article_lists_the_figure_under_its_indicator_with_its_sentence(fixture_site):
    soup = soup_of(fixture_site / "articles" / "2025" / "trafficking-ring" / "index.html")
    item = soup.select_one("#sdg-indicator-16-2-2")
    figure = item.select_one(".sdg-figures li")
    assert figure.select_one(".sdg-figure-value").get_text() == "42"
    assert figure.select_one(".sdg-figure-counts").get_text() == "workers freed"
    assert "figure from an editor" in figure.get_text()
    quote = figure.blockquote.get_text()
    assert "Officers freed 42 workers held on three vessels." in quote
    # the quote links to the sentence's anchor in the article body
    anchor = figure.select_one("a.sdg-context")["href"].lstrip("#")
    target = soup.find(id=anchor)
    assert target is not None and soup.select_one(".article-body").find(id=anchor) is target
    assert target.next_sibling.strip().startswith("Officers freed 42 workers")


def test_table_carries_the_figure_in_its_indicator_column(fixture_site):
    soup = soup_of(fixture_site / "articles" / "2025" / "trafficking-ring" / "index.html")
    row = [tr for tr in soup.select(".sdg-indicator-table tbody tr") if tr.th.a.get_text() == "16.2"][0]
    cell = row.find_all("td")[1]
    assert "16.2.2" in cell.a.get_text()
    assert cell.select_one(".sdg-table-figures .sdg-figure-value").get_text() == "42"


def test_indicator_page_lists_figures_linking_to_the_evidence_anchor(fixture_site):
    soup = soup_of(fixture_site / "sdg" / "16" / "16-2" / "16-2-2" / "index.html")
    items = soup.select(".figure-list > li")
    assert len(items) == 1
    # listed under the article that reports it
    article = items[0].find_parent("li", class_="article-item")
    assert article.select_one(".article-item-title a").get_text() == "Trafficking ring dismantled"
    link = items[0].select_one("a.sdg-context")["href"]
    assert link.startswith(f"{SITE}/articles/2025/trafficking-ring/#ev-")
    assert items[0].select_one(".sdg-figure-value").get_text() == "42"
    assert "1 figure reported for this indicator" in soup.select_one(".listing-intro").get_text()


def _figure_article(day: int, values: list[int]) -> str:
    figures = "".join(
        f"""    - value: {v}
      counts: workers freed
      sentence: freed {v} workers
      indicator: "16.2.2"
"""
        for v in values
    )
    body = " ".join(f"Officers freed {v} workers from boat number {i + 1}." for i, v in enumerate(values))
    return f"""---
title: Raid {day}
date: 2025-03-{day:02d}
source:
  name: Fixture Wire
  url: https://example.org/raid-{day}
summary: Workers freed in a raid.
sdg:
  goals: ["16"]
  targets: ["16.2"]
  indicators: ["16.2.2"]
  figures:
{figures}---

Police raided fishing boats. {body}
"""


def test_indicator_pages_list_every_figure_newest_first_across_their_pages(tmp_path):
    from support import ROOT, build_site

    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    reported = {day: [day * 10 + k for k in range(1, 4)] for day in range(1, 8)}  # 7 articles, 3 figures each
    for day, values in reported.items():
        (content / f"raid-{day}.md").write_text(_figure_article(day, values), encoding="utf-8")
    out = build_site(tmp_path / "content", tmp_path / "out", SDG_AUTO_ANALYSIS=False, SDG_GOAL_PAGINATION=3)

    page = out / "sdg" / "16" / "16-2" / "16-2-2"
    pages = [page / "index.html", *(page / "page" / str(n) / "index.html" for n in (2, 3))]
    assert not (page / "page" / "4").exists()
    listed = []  # (article slug, figure value, anchor link), in page order
    for path in pages:
        soup = soup_of(path)
        assert "21 figures reported for this indicator" in soup.select_one(".listing-intro").get_text()
        for article in soup.select("li.article-item"):
            slug = article.select_one(".article-item-title a")["href"].rstrip("/").rsplit("/", 1)[1]
            for item in article.select(".figure-list > li"):
                value = int(item.select_one(".sdg-figure-value").get_text())
                listed.append((slug, value, item.select_one("a.sdg-context")["href"]))
    expected = [(f"raid-{day}", v) for day in sorted(reported, reverse=True) for v in reported[day]]
    assert [(slug, value) for slug, value, _ in listed] == expected
    for slug, value, href in listed:
        assert href.startswith(f"/articles/2025/{slug}/#ev-"), href
        anchor = href.split("#", 1)[1]
        target = soup_of(out / "articles" / "2025" / slug / "index.html").find(id=anchor)
        assert target is not None and target.next_sibling.strip().startswith(f"Officers freed {value} workers")

    # the goal page shows the latest three of them beside the indicator
    goal = soup_of(out / "sdg" / "16" / "index.html").find(id="figures-heading").parent
    (item,) = goal.select(".indicator-list > li")
    assert "(21 figures, the latest 3 below)" in item.get_text()
    latest = [int(v.get_text()) for v in item.select(".goal-figures .sdg-figure-value")]
    assert latest == reported[7]


def test_goal_and_target_pages_name_indicators_with_figures(fixture_site):
    goal = soup_of(fixture_site / "sdg" / "16" / "index.html")
    section = goal.find(id="figures-heading").parent
    (item,) = section.select(".indicator-list > li")
    assert item.a.get_text() == "16.2.2" and "(1 figure)" in item.get_text()
    # the latest figures themselves, each linking to its sentence in its article
    (figure,) = item.select(".goal-figures > li")
    assert figure.select_one(".sdg-figure-value").get_text() == "42"
    link = figure.select_one("a")
    assert link.get_text() == "Trafficking ring dismantled"
    assert link["href"].startswith(f"{SITE}/articles/2025/trafficking-ring/#ev-")
    target = soup_of(fixture_site / "sdg" / "16" / "16-2" / "index.html")
    line = [li for li in target.select(".indicator-list li") if li.a.get_text() == "16.2.2"][0]
    assert "1 figure reported" in line.get_text()
    other = soup_of(fixture_site / "sdg" / "6" / "index.html")
    assert other.find(id="figures-heading") is None


def test_export_says_where_each_figure_came_from(fixture_site):
    export = json.loads((fixture_site / "data" / "articles.json").read_text())
    ring = next(a for a in export["articles"] if a["url"].endswith("/trafficking-ring/"))
    (figure,) = ring["figures"]
    assert figure["value"] == 42 and figure["indicator"] == "16.2.2" and figure["origin"] == "editor"
    rows = (fixture_site / "data" / "figures.csv").read_text().splitlines()
    assert len(rows) == 2 and ",16.2.2,editor," in rows[1]
