"""The published site works under a sub-path, as a GitHub Pages project site does.

The bundled content is built with ``make publish`` and
``SITEURL=http://127.0.0.1:<port>/portal``, served under ``/portal/`` by a local
HTTP server, and crawled from ``/portal/``: every page and asset the pages, style
sheets, feeds and sitemap point at, and then every file the build wrote. Nothing
may point outside ``/portal/`` on the server, nothing but ``<a href>`` may point
off the site, and every URL in the feeds and the sitemap is absolute under the
sub-path.
"""

from __future__ import annotations

import http.client
import http.server
import re
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

from deploy.publishing import publish
from support import ROOT

pytestmark = pytest.mark.build

PREFIX = "/portal"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_FETCHED = ("mailto:", "tel:", "javascript:", "data:")


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder under /portal/ only; anything else is a 404."""

    def translate_path(self, path):
        route = urlsplit(path).path
        if route != PREFIX and not route.startswith(PREFIX + "/"):
            return str(Path(self.directory) / "\0not-under-the-sub-path")
        return super().translate_path(path[len(PREFIX) :] or "/")

    def log_message(self, *args):
        pass


class Links(HTMLParser):
    """Every URL a page refers to, with the element and attribute, and every id it defines."""

    URL_ATTRS = {"href", "src", "action", "poster", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []  # (tag, rel, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        rel = (attrs.get("rel") or "").lower()
        for key, value in attrs.items():
            if value is None:
                continue
            if key in self.URL_ATTRS:
                self.refs.append((tag, rel, value.strip()))
            elif key in ("srcset", "imagesrcset"):
                for part in value.split(","):
                    if part.strip():
                        self.refs.append((tag, rel, part.split()[0]))
        if tag == "meta" and (attrs.get("property") or "").startswith("og:") and attrs.get("property") in ("og:url", "og:image"):
            self.refs.append(("meta", attrs["property"], (attrs.get("content") or "").strip()))

    handle_startendtag = handle_starttag


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class Crawl:
    base: str
    output: Path
    status: dict[str, int] = field(default_factory=dict)  # url -> HTTP status
    ids: dict[str, set[str]] = field(default_factory=dict)  # page url -> ids
    refs: list[tuple[str, str, str, str]] = field(default_factory=list)  # (from, tag, rel, absolute url)
    external: list[tuple[str, str, str, str]] = field(default_factory=list)
    bodies: dict[str, bytes] = field(default_factory=dict)  # feeds, sitemap, robots.txt

    @property
    def netloc(self) -> str:
        return urlsplit(self.base).netloc


def fetch(netloc: str, path: str) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection(netloc, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        conn.close()


def url_of_file(base: str, rel: str) -> str:
    if rel == "index.html":
        return base
    if rel.endswith("/index.html"):
        return base + rel[: -len("index.html")]
    return base + rel


def crawl(base: str, output: Path) -> Crawl:
    site = Crawl(base, output)
    queue = [base]
    # After the links, every file the build wrote: orphans are served and checked too.
    files = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())
    for batch in (None, files):
        if batch is not None:
            queue.extend(url_of_file(base, rel) for rel in batch)
        while queue:
            url = queue.pop()
            if url in site.status:
                continue
            parts = urlsplit(url)
            status, ctype, body = fetch(site.netloc, parts.path)
            site.status[url] = status
            if status != 200:
                continue
            found: list[tuple[str, str, str]] = []
            if "html" in ctype:
                parser = Links()
                parser.feed(body.decode("utf-8"))
                site.ids[url] = parser.ids
                found = parser.refs
            elif "css" in ctype:
                found = [("css", "", a or b) for a, b in CSS_URL.findall(body.decode("utf-8"))]
            elif url.endswith((".xml", ".txt")):
                site.bodies[url] = body
            for tag, rel, ref in found:
                if not ref or ref.startswith(NOT_FETCHED) or ref.startswith("#") and tag != "a":
                    continue
                absolute = urljoin(url, ref)
                if urlsplit(absolute).netloc != site.netloc:
                    site.external.append((url, tag, rel, absolute))
                    continue
                site.refs.append((url, tag, rel, absolute))
                target = urldefrag(absolute)[0]
                if target.startswith(base) and target not in site.status:
                    queue.append(target)
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Crawl:
    output = tmp_path_factory.mktemp("subpath") / "output"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), None)
    port = server.server_address[1]
    base = f"http://127.0.0.1:{port}{PREFIX}/"
    publish(ROOT / "content", output, base.rstrip("/"))
    server.RequestHandlerClass = partial(SubPathHandler, directory=str(output))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield crawl(base, output)
    finally:
        server.shutdown()
        server.server_close()


def report(problems: list[str], what: str) -> str:
    return f"{len(problems)} {what}:\n" + "\n".join(problems[:25])


def test_the_crawl_covers_the_site(site):
    pages = [u for u in site.ids if u.startswith(site.base)]
    assert site.status[site.base] == 200
    assert len(pages) > 50
    assert any("/sdg/" in u for u in pages) and any("/articles/" in u for u in pages)


def test_every_internal_reference_answers_200(site):
    broken = sorted(
        {f"{status} {target}  (from {page}, <{tag}>)"
         for page, tag, _, target in site.refs
         for status in [site.status.get(urldefrag(target)[0])]
         if status != 200}
    )  # fmt: skip
    assert not broken, report(broken, "references to the site that do not answer 200")


def test_nothing_points_outside_the_sub_path(site):
    outside = sorted({f"{target}  (from {page}, <{tag}>)" for page, tag, _, target in site.refs if not target.startswith(site.base)})
    assert not outside, report(outside, "references to the server outside /portal/")


def test_only_links_leave_the_site(site):
    """Pages may link to article sources; no style sheet, script, image or frame loads from elsewhere."""
    loads = sorted({f"<{tag} {rel}> {target}  (from {page})" for page, tag, rel, target in site.external if tag != "a"})
    assert not loads, report(loads, "requests that would leave the site")


def test_every_fragment_exists(site):
    missing = []
    for page, tag, _, target in site.refs:
        url, fragment = urldefrag(target)
        if fragment and url in site.ids and unquote(fragment) not in site.ids[url]:
            missing.append(f"{target}  (from {page})")
    assert not missing, report(sorted(set(missing)), "links to an id the page does not have")


def test_sitemap_lists_absolute_urls_under_the_sub_path(site):
    sitemap = site.base + "sitemap.xml"
    assert site.status[sitemap] == 200
    locs = [el.text for el in ET.fromstring(site.bodies[sitemap]).iter(f"{SITEMAP}loc")]
    assert locs and site.base in locs
    wrong = [loc for loc in locs if not loc.startswith(site.base)]
    assert not wrong, report(wrong, "sitemap URLs outside the sub-path")
    broken = [loc for loc in locs if site.status.get(loc) != 200]
    assert not broken, report(broken, "sitemap URLs that do not answer 200")
    robots = site.bodies[site.base + "robots.txt"].decode()
    assert f"Sitemap: {sitemap}" in robots.splitlines()


def test_feeds_carry_absolute_urls_under_the_sub_path(site):
    feeds = [u for u in site.bodies if u.endswith(".atom.xml")]
    assert site.base + "feeds/all.atom.xml" in feeds and len(feeds) > 5
    host = urlsplit(site.base).hostname
    tag_id = re.compile(rf"^tag:{re.escape(host)},\d{{4}}-\d{{2}}-\d{{2}}:{re.escape(PREFIX)}/")
    wrong = []
    for feed in feeds:
        root = ET.fromstring(site.bodies[feed])
        feed_id = root.find(f"{ATOM}id").text
        if not feed_id.startswith(site.base):
            wrong.append(f"{feed}: feed id {feed_id}")
        for link in root.iter(f"{ATOM}link"):
            href = link.get("href")
            if not href.startswith(site.base):
                wrong.append(f"{feed}: link {href}")
            elif site.status.get(href) != 200:
                wrong.append(f"{feed}: link {href} answers {site.status.get(href)}")
        # Entry ids are Pelican's tag URIs (RFC 4151): host, date, then the article's path.
        for entry in root.iter(f"{ATOM}entry"):
            entry_id = entry.find(f"{ATOM}id").text
            if not (entry_id.startswith(site.base) or tag_id.match(entry_id)):
                wrong.append(f"{feed}: entry id {entry_id}")
    assert not wrong, report(wrong, "feed URLs outside the sub-path")


def test_host_files_are_written(site):
    assert (site.output / ".nojekyll").is_file()
    assert not (site.output / "CNAME").exists()  # no CNAME in the environment
