"""Navigation on the built fixture site: cross-links, feeds, sitemap, open data, reachability."""

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import jsonschema

from support import soup_of

SITE = "https://portal.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"


def article_page(site: Path, slug: str) -> Path:
    return next(site.glob(f"articles/*/{slug}/index.html"))


# -- pages -----------------------------------------------------------------------
def test_all_goals_page_has_tiles_and_an_accessible_matrix(fixture_site):
    soup = soup_of(fixture_site / "sdg" / "index.html")
    assert len(soup.select(".goal-tile")) == 17
    svg = soup.select_one(".chart-matrix svg")
    assert svg["role"] == "img" and svg.title.get_text()
    table = soup.select_one(".matrix-table")
    assert table.caption and len(table.tbody.find_all("tr")) == 17
    row = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")}
    # the trafficking article addresses 8 and 16 together; the water one 1 and 6
    assert row["SDG 8"][15] == "1" and row["SDG 16"][7] == "1"
    assert row["SDG 1"][5] == "1" and row["SDG 1"][2] == "0"


def test_goal_page_has_a_timeline_with_a_text_alternative_and_its_feed(fixture_site):
    soup = soup_of(fixture_site / "sdg" / "16" / "index.html")
    svg = soup.select_one(".chart-timeline svg")
    assert svg["role"] == "img" and "1 article over" in svg.find("desc").get_text()
    months = {tr.th.get_text(): tr.td.get_text() for tr in soup.select(".chart-data tbody tr")}
    assert months["January 2025"] == "1" and months["March 2024"] == "0"
    alt = soup.find("link", rel="alternate", type="application/atom+xml", href=re.compile("sdg-16"))
    assert alt["href"] == f"{SITE}/feeds/sdg-16.atom.xml"


def test_target_page_shows_official_text_indicators_and_feed(fixture_site):
    soup = soup_of(fixture_site / "sdg" / "8" / "8-7" / "index.html")
    assert soup.select_one(".target-title").get_text().startswith("Take immediate and effective measures")
    assert [a.get_text() for a in soup.select(".indicator-list a")] == ["8.7.1"]
    assert soup.find("link", rel="alternate", href=f"{SITE}/feeds/sdg-8-7.atom.xml")


def test_url_settings_change_where_pages_go(tmp_path):
    from support import ROOT, build_site

    out = build_site(
        ROOT / "tests" / "fixtures" / "site",
        tmp_path / "out",
        SDG_AUTO_ANALYSIS=False,
        SDG_GOAL_URL="goals/{slug}/",
        SDG_GOAL_SAVE_AS="goals/{slug}/index.html",
        SDG_TARGET_URL="targets/{slug}.html",
        SDG_TARGET_SAVE_AS="targets/{slug}.html",
    )
    assert (out / "goals" / "16" / "index.html").exists()
    assert (out / "targets" / "16-2.html").exists()
    soup = soup_of(article_page(out, "trafficking-ring"))
    assert soup.select_one('.sdg-targets a[href="/targets/16-2.html"]')


# -- cross-links -----------------------------------------------------------------
def test_article_cross_links(fixture_site):
    soup = soup_of(article_page(fixture_site, "water-tariffs"))
    badges = [a["href"] for a in soup.select(".article-header .sdg-badge")]
    assert badges == [f"{SITE}/sdg/1/", f"{SITE}/sdg/6/"]
    # nothing else shares a goal with it: no related articles, no "more on"
    assert not soup.select("#related-heading")
    nav = soup.select_one(".prev-next")
    assert nav.find("a", rel="next")["href"].endswith("/solar-schools/")
    assert nav.find("a", rel="prev") is None  # the oldest article


# -- feeds -----------------------------------------------------------------------
def _check_atom(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{required}")) == 1, (path, required)
    entries = root.findall(f"{ATOM}entry")
    assert entries, path
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}") is not None, (path, required)
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href").startswith(SITE + "/"), path
        assert entry.find(f"{ATOM}author") is not None or root.find(f"{ATOM}author") is not None
    return root


def test_every_feed_is_valid_atom_with_absolute_urls_and_goal_categories(fixture_site):
    feeds = sorted((fixture_site / "feeds").glob("*.xml"))
    names = {f.name for f in feeds}
    assert {"all.atom.xml", "sdg-16.atom.xml", "sdg-16-2.atom.xml", "sdg-8-7.atom.xml"} <= names
    assert "sdg-2.atom.xml" not in names  # no article, no feed
    for feed in feeds:
        _check_atom(feed)
    root = _check_atom(fixture_site / "feeds" / "sdg-16.atom.xml")
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Trafficking ring dismantled"]
    terms = {c.get("term") for c in entries[0].findall(f"{ATOM}category")}
    assert {"SDG 8: Decent work and economic growth", "SDG 16: Peace, justice and strong institutions"} <= terms
    summary = entries[0].find(f"{ATOM}summary")
    assert summary is not None and summary.text == "Police dismantle a trafficking ring."


# -- sitemap, robots, 404, canonical, Open Graph, JSON-LD ---------------------------
def test_sitemap_lists_every_page_once_with_absolute_urls(fixture_site):
    root = ET.parse(fixture_site / "sitemap.xml").getroot()
    locs = [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in root]
    assert len(locs) == len(set(locs))
    pages = set()
    for page in fixture_site.rglob("*.html"):
        rel = page.relative_to(fixture_site).as_posix()
        if rel == "404.html":
            continue
        pages.add(f"{SITE}/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    assert set(locs) == pages
    robots = (fixture_site / "robots.txt").read_text()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots


def test_404_canonical_and_open_graph(fixture_site):
    assert "Page not found" in (fixture_site / "404.html").read_text()
    soup = soup_of(article_page(fixture_site, "trafficking-ring"))
    url = f"{SITE}/articles/2025/trafficking-ring/"
    assert soup.find("link", rel="canonical")["href"] == url
    assert soup.find("meta", property="og:url")["content"] == url
    assert soup.find("meta", property="og:type")["content"] == "article"
    assert soup.find("meta", property="og:title")["content"] == "Trafficking ring dismantled"
    goal = soup_of(fixture_site / "sdg" / "16" / "index.html")
    assert goal.find("link", rel="canonical")["href"] == f"{SITE}/sdg/16/"


def test_json_ld_names_goals_and_targets_by_un_iris(fixture_site):
    soup = soup_of(article_page(fixture_site, "trafficking-ring"))
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Trafficking ring dismantled"
    assert [t["@id"] for t in data["about"]] == [
        "http://metadata.un.org/sdg/8",
        "http://metadata.un.org/sdg/16",
        "http://metadata.un.org/sdg/8.7",
        "http://metadata.un.org/sdg/16.2",
    ]


# -- open data -------------------------------------------------------------------
def test_open_data_matches_its_published_schema(fixture_site):
    schema = json.loads((fixture_site / "data" / "articles.schema.json").read_text())
    export = json.loads((fixture_site / "data" / "articles.json").read_text())
    jsonschema.validate(export, schema)
    by_title = {a["title"]: a for a in export["articles"]}
    assert len(by_title) == 5
    ring = by_title["Trafficking ring dismantled"]
    assert ring["url"] == f"{SITE}/articles/2025/trafficking-ring/"
    assert [(g["code"], g["origin"]) for g in ring["goals"]] == [("8", "editor"), ("16", "editor")]
    assert ring["source"] == {"name": "Fixture Wire", "url": "https://example.org/news"}
    header = (fixture_site / "data" / "figures.csv").read_text().splitlines()[0]
    assert header.startswith("article_url,article_title,article_date,value")


# -- reachability ----------------------------------------------------------------
HREF = re.compile(r'<a\b[^>]*?\shref="([^"]*)"')


def crawl(site: Path) -> dict[str, int]:
    """Breadth-first from the home page over internal links: page -> clicks from home."""

    def to_file(href: str, base: str) -> str | None:
        href = urldefrag(href)[0]
        if not href or href.startswith(("mailto:", "#")):
            return None
        parsed = urlparse(href)
        if parsed.netloc and not href.startswith(SITE):
            return None
        path = parsed.path[len(urlparse(SITE).path):] if href.startswith(SITE) else parsed.path
        if not path.startswith("/"):
            path = base.rsplit("/", 1)[0] + "/" + path
        rel = path.lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        return rel

    depth = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        rel = queue.popleft()
        page = site / rel
        if not page.exists() or not rel.endswith(".html"):
            continue
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            target = to_file(html.unescape(href), "/" + rel)
            if target and target not in depth and (site / target).exists():
                depth[target] = depth[rel] + 1
                queue.append(target)
    return depth


def test_every_page_is_reachable_and_goals_and_targets_within_three_clicks(fixture_site):
    depth = crawl(fixture_site)
    pages = {p.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("*.html")} - {"404.html"}
    assert pages - set(depth) == set()
    for rel, clicks in depth.items():
        if re.fullmatch(r"sdg/\d+/(index\.html|[^/]+/index\.html)", rel):
            assert clicks <= 3, (rel, clicks)
