"""Figures on the built fixture site: the article's Indicators section and table, the
indicator pages listing every figure with a link to its evidence, goal and target
pages naming the indicators with figures, and the origin of each figure."""

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
    link = items[0].select_one(".article-meta a")["href"]
    assert link.startswith(f"{SITE}/articles/2025/trafficking-ring/#ev-")
    assert items[0].select_one(".sdg-figure-value").get_text() == "42"


def test_goal_and_target_pages_name_indicators_with_figures(fixture_site):
    goal = soup_of(fixture_site / "sdg" / "16" / "index.html")
    section = goal.find(id="figures-heading").parent
    assert [a.get_text() for a in section.select("a")] == ["16.2.2"]
    assert "1 figure" in section.get_text()
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
