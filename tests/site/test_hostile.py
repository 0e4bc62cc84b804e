"""Hostile text in a title, summary, source name, note or tag is inert everywhere:
every page, feed, JSON-LD block and data file of the built site."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from support import build_site, soup_of

PAYLOADS = {
    "title": "<script>alert('title')</script> Flood report",
    "summary": '"><img src=x onerror=alert("summary")>',
    "source": "</script><script>alert('source')</script>",
    "note": "<script>alert('note')</script>",
    "tag": "<b onmouseover=alert('tag')>bold</b>",
}
SITE = "https://portal.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"


def yaml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    content = tmp_path_factory.mktemp("hostile-content")
    (content / "articles").mkdir()
    (content / "articles" / "hostile.md").write_text(
        "---\n"
        f"title: {yaml_string(PAYLOADS['title'])}\n"
        "date: 2025-05-01\n"
        "source:\n"
        f"  name: {yaml_string(PAYLOADS['source'])}\n"
        "  url: https://example.org/news\n"
        f"summary: {yaml_string(PAYLOADS['summary'])}\n"
        f"tags: [{yaml_string(PAYLOADS['tag'])}, floods]\n"
        "sdg:\n"
        "  goals: [11, 13]\n"
        '  targets: ["11.5", "13.1"]\n'
        f"  notes: {yaml_string(PAYLOADS['note'])}\n"
        "---\n\n"
        "Floods displaced 12,000 people in the river valley after three days of rain.\n"
    )
    (content / "articles" / "plain.md").write_text(
        "---\ntitle: A plain article\ndate: 2025-04-01\nsummary: Calm.\ntags: [floods]\n"
        "sdg:\n  goals: [13]\n---\n\nNothing to see.\n"
    )
    return build_site(content, tmp_path_factory.mktemp("hostile-out"), SITEURL=SITE, FEED_DOMAIN=SITE)


def executable(html: str) -> list[str]:
    """Script elements that would run, and elements with event handler attributes."""
    soup = BeautifulSoup(html, "html.parser")
    found = [str(s)[:80] for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
    for tag in soup.find_all(True):
        found += [f"{tag.name} {a}" for a in tag.attrs if a.lower().startswith("on")]
    return found


def test_payloads_are_shown_as_text_on_the_article_page(hostile_site):
    page = next(hostile_site.glob("articles/2025/hostile/index.html"))
    soup = soup_of(page)
    assert soup.h1.get_text() == PAYLOADS["title"]
    assert PAYLOADS["source"] in soup.select_one(".article-meta").get_text()
    assert PAYLOADS["note"] in soup.select_one(".sdg-notes").get_text()
    assert PAYLOADS["tag"] in soup.select_one(".article-tags").get_text()
    assert soup.find("meta", attrs={"name": "description"})["content"] == PAYLOADS["summary"]


def test_no_page_has_anything_executable(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 400
    suspicious = re.compile(r"<script|\son[a-z]+\s*=", re.IGNORECASE)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = executable(html) if suspicious.search(html) else []
        if page.relative_to(hostile_site).as_posix() == "search/index.html":
            # the search page runs Pagefind's own scripts from the site, nothing else
            soup = soup_of(page)
            sources = [s.get("src") for s in soup.find_all("script") if s.get("src")]
            assert sources and all(src.startswith(SITE + "/pagefind/") for src in sources), sources
            assert not any(" on" in f for f in found), found
            continue
        assert found == [], page


def test_json_ld_cannot_break_out_of_its_script(hostile_site):
    html = next(hostile_site.glob("articles/2025/hostile/index.html")).read_text()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    assert "<" not in blocks[0]
    data = json.loads(blocks[0])
    assert data["headline"] == PAYLOADS["title"]
    assert data["sourceOrganization"]["name"] == PAYLOADS["source"]


def test_feeds_carry_the_payloads_as_text_only(hostile_site):
    feeds = list((hostile_site / "feeds").glob("*.xml"))
    assert feeds
    for feed in feeds:
        root = ET.parse(feed).getroot()
        for entry in root.iter(f"{ATOM}entry"):
            for element in (entry.find(f"{ATOM}title"), entry.find(f"{ATOM}summary")):
                if element is None or element.text is None:
                    continue
                # a feed reader renders type="html" text as HTML: it must hold no markup
                rendered = element.text if element.get("type") == "html" else element.text
                assert executable(rendered) == [], (feed, rendered)
                assert "<img" not in rendered and "<script" not in rendered, (feed, rendered)


def test_data_files_hold_the_payloads_escaped(hostile_site):
    raw = (hostile_site / "data" / "articles.json").read_text()
    assert "<" not in raw and ">" not in raw
    export = json.loads(raw)
    hostile = next(a for a in export["articles"] if a["url"].endswith("/hostile/"))
    assert hostile["title"] == PAYLOADS["title"]
    assert hostile["summary"] == PAYLOADS["summary"]
    assert hostile["notes"] == PAYLOADS["note"]
    assert PAYLOADS["tag"] in hostile["tags"]
