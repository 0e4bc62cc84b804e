"""Layout in the browser: no sideways scrolling at phone and desktop widths, screenshots for
reviewers, light article pages, no request leaving the site, and print."""

import pytest

from conftest import ARTIFACTS, PAGES, REPORT, SCREENSHOTS, WIDTHS, search

SHOTS = {"home", "article", "goal"}
ARTICLE_BUDGET = 100_000  # bytes of HTML, CSS and JavaScript, search index aside


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_the_width_without_sideways_scrolling(visit, name, width):
    v = visit(name, width=width)
    scroll, inner = v.page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    if name in SHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}-{width}.png"
        v.page.screenshot(path=str(path), full_page=True)
        if name == "home" and width == WIDTHS[0]:
            REPORT.append(f"screenshots of the home, article and goal pages at {WIDTHS} px: {SCREENSHOTS}")
    assert scroll <= inner, f"{name} at {width} px scrolls sideways: {scroll} > {inner}"


def weigh(v) -> dict[str, int]:
    """Bytes the page loaded, by kind, leaving out Pagefind's bundle."""
    kinds = {"document": "html", "stylesheet": "css", "script": "js"}
    sizes: dict[str, int] = {}
    for response in v.responses:
        if "/pagefind/" in response.url:
            continue
        kind = kinds.get(response.request.resource_type, response.request.resource_type)
        sizes[kind] = sizes.get(kind, 0) + len(response.body())
    return sizes


def test_an_article_page_weighs_at_most_100_kb(visit):
    v = visit("article")
    sizes = weigh(v)
    total = sum(sizes.get(k, 0) for k in ("html", "css", "js"))
    detail = ", ".join(f"{k} {n}" for k, n in sorted(sizes.items()))
    REPORT.append(f"article page weight: {total} bytes of HTML, CSS and JavaScript ({detail}); budget {ARTICLE_BUDGET}")
    assert sizes.get("html") and sizes.get("css"), sizes
    assert total <= ARTICLE_BUDGET, detail
    # No script or web font is needed to read an article.
    assert not {"js", "font"} & set(sizes), detail


def test_no_request_leaves_the_site(visit):
    outside, count = [], 0
    for name in PAGES:
        v = visit(name)
        if name == "search":
            search(v.page, "trafficking")
            v.page.locator(".pagefind-ui__filter-name").first.click()
        count += len(v.requests)
        outside += v.outside()
    REPORT.append(f"requests while loading {len(PAGES)} pages and running a search: {count}, outside the site: {len(outside)}")
    assert not outside, outside


def test_an_article_prints_its_analysis_without_navigation(visit):
    v = visit("article")
    page = v.page
    page.emulate_media(media="print")
    for selector in (".skip-link", ".site-header", ".site-nav", ".site-footer", ".prev-next", ".breadcrumbs"):
        assert all(not el.is_visible() for el in page.locator(selector).all()), f"{selector} is printed"
    for selector in ("h1", ".article-body", ".sdg-analysis", ".sdg-indicator-table"):
        assert page.locator(selector).first.is_visible(), f"{selector} is not printed"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "article-print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    REPORT.append(f"the article as printed: {pdf}")
