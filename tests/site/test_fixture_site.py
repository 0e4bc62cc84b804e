"""A full build of the fixture site: goal pages, injected sections, pagination."""

from support import soup_of

SITE = "https://portal.example.org"


def listed_titles(page):
    return [a.get_text(strip=True) for a in soup_of(page).select(".article-list .article-item-title a")]


def test_goal_pages_list_exactly_their_articles_newest_first(fixture_site):
    expected = {
        "1": ["Water tariffs fall for the poorest households"],
        "4": ["Solar panels reach rural schools"],
        "6": ["Water tariffs fall for the poorest households"],
        "7": ["Solar panels reach rural schools"],
        "8": ["Trafficking ring dismantled"],
        "14": ["Coral reefs bleach again"],
        "16": ["Trafficking ring dismantled"],
    }
    for n in range(1, 18):
        page = fixture_site / "sdg" / str(n) / "index.html"
        assert page.exists(), n
        assert listed_titles(page) == expected.get(str(n), []), n


def test_goal_page_shows_official_title_and_targets(fixture_site):
    soup = soup_of(fixture_site / "sdg" / "16" / "index.html")
    assert "Promote peaceful and inclusive societies" in soup.select_one(".goal-title").get_text()
    targets = [a.get_text() for a in soup.select(".target-list a")]
    assert targets[:3] == ["16.1", "16.2", "16.3"] and len(targets) == 12
    assert soup.select_one('.target-list a[href="https://portal.example.org/sdg/16/16-2/"]')


def test_target_and_indicator_pages(fixture_site):
    target = fixture_site / "sdg" / "16" / "16-2" / "index.html"
    indicator = fixture_site / "sdg" / "16" / "16-2" / "16-2-2" / "index.html"
    assert listed_titles(target) == ["Trafficking ring dismantled"]
    assert listed_titles(indicator) == ["Trafficking ring dismantled"]
    assert not (fixture_site / "sdg" / "14" / "14-11").exists()


def test_injected_table_has_the_right_rows(fixture_site):
    page = next((fixture_site / "articles" / "2025").glob("trafficking-ring/index.html"))
    soup = soup_of(page)
    table = soup.select_one(".sdg-analysis table")
    assert table.caption
    rows = [
        (
            tr.find("td").select_one(".sdg-badge").get_text(),
            tr.find("th", scope="row").a.get_text(),
            [a.get_text() for a in tr.find_all("td")[1].find_all("a")],
        )
        for tr in table.tbody.find_all("tr")
    ]
    assert rows == [("SDG 8", "8.7", []), ("SDG 16", "16.2", ["16.2.2"])]
    sections = [h.get_text() for h in soup.select(".sdg-analysis h3")]
    assert sections == ["SDGs addressed", "Targets", "Indicators", "SDGs, targets and indicators"]
    for a in soup.select(".sdg-analysis a"):
        assert a["href"].startswith((SITE + "/sdg/", "#ev-")), a["href"]


def test_article_with_a_bad_code_is_still_published_with_its_valid_part(fixture_site):
    soup = soup_of(fixture_site / "articles" / "2025" / "bad-codes" / "index.html")
    targets = [a.get_text() for a in soup.select(".sdg-targets .sdg-code")]
    assert targets == ["Target 14.2"]


def test_home_page_tiles_count_articles_per_goal(fixture_site):
    soup = soup_of(fixture_site / "index.html")
    tiles = soup.select(".goal-tiles .goal-tile")
    assert len(tiles) == 17
    counts = {t.select_one(".tile-number").get_text(): t.select_one(".tile-count").get_text() for t in tiles}
    assert counts["16"] == "1 article" and counts["2"] == "0 articles"
    # goal 7's yellow tile carries dark text
    assert "--goal-text: #111111" in tiles[6]["style"]
    # the latest articles follow, paginated two per page into folders
    assert listed_titles(fixture_site / "index.html")[0] == "A council meeting with no SDG block"
    assert (fixture_site / "page" / "2" / "index.html").exists()


def test_pages_work_without_javascript(fixture_site):
    """No page needs a script: the only script elements are JSON-LD data blocks
    (the search page aside, which says so without JavaScript)."""
    for page in fixture_site.rglob("*.html"):
        if page.relative_to(fixture_site).as_posix() == "search/index.html":
            continue
        if "<script" not in page.read_text(encoding="utf-8"):
            continue
        for script in soup_of(page).find_all("script"):
            assert script.get("type") == "application/ld+json", page
