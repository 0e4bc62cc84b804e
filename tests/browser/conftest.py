"""The bundled site in a real browser: built once with Pelican and Pagefind, served on
127.0.0.1 under a sub-path, and driven through Playwright by Debian's Chromium.

The site is built with ``SITEURL = http://127.0.0.1:<port>/portal`` and served from a
folder in which it sits under ``portal/``, as on a project page of GitHub Pages: a URL
that does not go through SITEURL leaves the site and shows up in the recorded requests.

Environment:
  SDG_BROWSER_TESTS  ``required`` (set by .ci/run): a missing browser fails the run;
                     ``off``: never run them; anything else: skip them, saying why,
                     when there is no browser.
  SDG_CHROMIUM       the browser (default /usr/bin/chromium); never ``playwright install``.
  SDG_ARTIFACTS      where screenshots and the print PDF go (default test-artifacts/).
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sdg_portal.search import make_search_index
from support import ROOT, build_site

PREFIX = "portal"  # the site's sub-path on the test server
CHROMIUM = os.environ.get("SDG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("SDG_ARTIFACTS", ROOT / "test-artifacts")).resolve()
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# The pages the tests visit, relative to the site root. The article is the Myawaddy
# report (content/articles/2025/myawaddy-scam-compound-release.md); the target and
# indicator are among those its editor gave it.
PAGES = {
    "home": "",
    "article": "articles/2025/myawaddy-scam-compound-release/",
    "goals": "sdg/",
    "goal": "sdg/16/",
    "target": "sdg/16/16-2/",
    "indicator": "sdg/16/16-2/16-2-2/",
    "search": "search/",
}
WIDTHS = (360, 1280)

# Lines for the end of the pytest run: where the screenshots are, what a page weighs.
REPORT: list[str] = []


def browser_problem() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set SDG_CHROMIUM)"
    return None


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless; the tests skip (or fail, when required) without it."""
    mode = os.environ.get("SDG_BROWSER_TESTS", "").strip().lower()
    if mode == "off":
        pytest.skip("browser tests not run: SDG_BROWSER_TESTS=off")
    problem = browser_problem()
    if problem and mode == "required":
        pytest.fail(f"browser tests are required (SDG_BROWSER_TESTS=required) but {problem}", pytrace=False)
    if problem:
        pytest.skip(f"browser tests not run: {problem}")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        pw.stop()
        raise
    yield browser
    browser.close()
    pw.stop()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def site_url(chromium, tmp_path_factory) -> str:
    """The bundled content/ built with Pelican and indexed as `make html` does (Pagefind,
    its filter indexes put in order), served on 127.0.0.1."""
    www = tmp_path_factory.mktemp("browser-www")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(www)))
    base = f"http://127.0.0.1:{server.server_port}/{PREFIX}"
    site = www / PREFIX
    build_site(ROOT / "content", site, SITEURL=base, FEED_DOMAIN=base)
    make_search_index(site)
    assert (site / "pagefind" / "pagefind-ui.js").is_file(), "Pagefind wrote no bundle"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base + "/"
    server.shutdown()
    server.server_close()


@dataclass
class Visit:
    """One page in its own browser context, with every request it made."""

    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    responses: list[object] = field(default_factory=list)

    def outside(self) -> list[str]:
        """Requests that left the site (anything not under its SITEURL)."""
        return [u for u in self.requests if not u.startswith(self.base) and not u.startswith(("data:", "blob:"))]


@pytest.fixture
def visit(chromium, site_url):
    """visit(name_or_path, width=1280, **context options) -> Visit, after the page has loaded."""
    contexts = []

    def open_page(where: str, width: int = 1280, height: int = 900, **options) -> Visit:
        context = chromium.new_context(viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        v = Visit(page, site_url)
        page.on("request", lambda r: v.requests.append(r.url))
        page.on("response", lambda r: v.responses.append(r))
        response = page.goto(site_url + PAGES.get(where, where), wait_until="load")
        assert response is not None and response.status == 200, f"{where}: HTTP {response and response.status}"
        return v

    yield open_page
    for context in contexts:
        context.close()


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page as it stands (the vendored copy, never a CDN)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def search(page, words: str) -> list[dict]:
    """Type words into the search page's field; the results once Pagefind has shown them."""
    page.locator(".pagefind-ui__search-input").fill(words)
    page.wait_for_selector(".pagefind-ui__result-link")
    page.wait_for_function(
        "() => document.querySelector('.pagefind-ui__message')?.textContent.includes('result')"
    )
    return result_links(page)


def result_links(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(a => ({title: a.textContent.trim(), href: a.href}))"
    )


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("browser tests")
        for line in REPORT:
            terminalreporter.write_line(line)
