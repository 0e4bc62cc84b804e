"""Accessibility in the browser: axe-core on every kind of page, the keyboard, tables and charts."""

import pytest

from conftest import PAGES, REPORT, WIDTHS, run_axe, search

BLOCKING = {"serious", "critical"}


def describe(violations) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {targets})")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violation(visit, name, width):
    v = visit(name, width=width)
    # Data tables and further evidence sit in <details>: check them open too.
    v.page.evaluate("() => document.querySelectorAll('main details').forEach(d => { d.open = true; })")
    if name == "search":
        # Check the page as a reader sees it: with results and the filters open.
        search(v.page, "trafficking")
        for summary in v.page.locator(".pagefind-ui__filter-name").all():
            summary.click()
    violations = run_axe(v.page)
    found = ", ".join(f"{x['impact']} {x['id']}" for x in violations) or "none"
    REPORT.append(f"axe-core, {name} page at {width} px: violations: {found}")
    blocking = [x for x in violations if x["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


def focused(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement, s = getComputedStyle(el), r = el.getBoundingClientRect();
          return {tag: el.tagName, id: el.id, cls: el.className, text: el.textContent.trim().slice(0, 60),
                  inMain: !!el.closest('main') && el.tagName !== 'MAIN',
                  outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
                  visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
                           && r.left < innerWidth && r.top < innerHeight};
        }"""
    )


def test_skip_link_is_first_visible_on_focus_and_jumps_to_the_content(visit):
    v = visit("article", width=360)
    page = v.page
    page.keyboard.press("Tab")
    first = focused(page)
    assert "skip-link" in first["cls"] and first["text"] == "Skip to content"
    assert first["visible"] and first["outline"] != "none" and first["outlineWidth"] >= 2, first
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    assert focused(page)["id"] == "main"
    # The next Tab goes on inside the content, not back to the navigation.
    page.keyboard.press("Tab")
    after = focused(page)
    assert after["inMain"] and after["visible"], after


def test_tab_order_follows_the_page_and_every_stop_shows_its_focus(visit):
    v = visit("home")
    page = v.page
    assert page.locator("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").count() == 0
    page.evaluate("() => { window.__stops = []; document.addEventListener('focusin', e => window.__stops.push(e.target)); }")
    for _ in range(25):
        page.keyboard.press("Tab")
        stop = focused(page)
        assert stop["outline"] != "none" and stop["outlineWidth"] >= 2, f"no visible focus on {stop}"
        assert stop["visible"], f"focused but off screen: {stop}"
    in_order = page.evaluate(
        """() => window.__stops.every((el, i, all) => i === 0 ||
             (all[i - 1].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING))"""
    )
    assert in_order, "keyboard focus jumps backwards in the document"
    # From the skip link through the header and navigation into the goal tiles.
    kinds = page.evaluate("() => window.__stops.map(el => el.className || el.tagName)")
    assert kinds[0] == "skip-link" and "goal-tile" in kinds


@pytest.mark.parametrize("name", ["article", "goals", "goal"])
def test_tables_have_captions_and_header_scopes(visit, name):
    v = visit(name)
    tables = v.page.evaluate(
        """() => [...document.querySelectorAll('main table')].map(t => ({
             cls: t.className,
             caption: t.caption ? t.caption.textContent.trim() : '',
             headers: t.querySelectorAll('th').length,
             unscoped: [...t.querySelectorAll('th')].filter(th => !['col', 'row', 'colgroup', 'rowgroup']
                        .includes(th.getAttribute('scope'))).map(th => th.textContent.trim()),
           }))"""
    )
    assert tables, f"no table on {name}"
    for table in tables:
        assert table["caption"], f"table without caption: {table}"
        assert table["headers"] and not table["unscoped"], f"header cells without scope: {table}"


@pytest.mark.parametrize("name", ["goals", "goal"])
def test_charts_have_text_alternatives(visit, name):
    v = visit(name)
    charts = v.page.evaluate(
        """() => [...document.querySelectorAll('main svg')].map(svg => {
             const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
             const text = ids.map(id => document.getElementById(id)?.textContent.trim() || '');
             const figure = svg.closest('figure');
             const data = figure && figure.nextElementSibling;
             return {role: svg.getAttribute('role'), name: text[0] || svg.getAttribute('aria-label') || '',
                     desc: text[1] || '', caption: figure?.querySelector('figcaption')?.textContent.trim() || '',
                     table: !!(data && data.matches('.chart-data') && data.querySelector('table caption'))};
           })"""
    )
    assert charts, f"no chart on {name}"
    for chart in charts:
        assert chart["role"] == "img" and chart["name"] and chart["desc"], chart
        assert chart["caption"] and chart["table"], f"chart without caption or data table: {chart}"


def test_the_axe_check_can_fail(visit):
    """The vendored axe-core does find problems: an image without text and an unnamed button."""
    v = visit("home")
    v.page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('afterbegin',
             '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button>')"""
    )
    ids = {x["id"] for x in run_axe(v.page) if x["impact"] in BLOCKING}
    assert {"image-alt", "button-name"} <= ids
