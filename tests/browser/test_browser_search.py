"""Search in the browser: Pagefind's index of the bundled site, its filters, and the page without JavaScript."""

import html
import re

from conftest import PAGES, search


def test_searching_trafficking_finds_the_myawaddy_article(visit):
    v = visit("search")
    results = search(v.page, "trafficking")
    article = v.base + PAGES["article"]
    assert any(r["href"] == article and "Myawaddy" in r["title"] for r in results), results
    # Only article pages are indexed: no goal, target, list or search page among the results.
    assert all("/articles/" in r["href"] for r in results), results


def test_a_query_in_the_address_runs_on_arrival(visit):
    v = visit("search/?q=trafficking")
    v.page.wait_for_selector(".pagefind-ui__result-link")
    assert v.page.locator(".pagefind-ui__search-input").input_value() == "trafficking"
    assert any("Myawaddy" in r["title"] for r in v.page.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(a => ({title: a.textContent}))"))


def filter_values(page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f".pagefind-ui__filter-checkbox[name='{name}']", "els => els.map(e => e.value)"
    )


def result_count(page) -> int:
    """The count in Pagefind's message, e.g. 12 in "12 results for people"."""
    return int(re.match(r"\d+", page.locator(".pagefind-ui__message").inner_text()).group())


def apply_filter(page, name: str, value: str) -> list[str]:
    """Tick one filter value in the default UI; the result links once the results have changed."""
    before = page.locator(".pagefind-ui__message").inner_text()
    page.locator(".pagefind-ui__filter-name", has_text=re.compile(f"^{name}$", re.I)).click()
    page.locator(f".pagefind-ui__filter-checkbox[name='{name}'][value='{value}']").check()
    page.wait_for_function(
        "before => { const m = document.querySelector('.pagefind-ui__message');"
        " return m && m.textContent !== before && /^\\d+ results? for/.test(m.textContent); }",
        arg=before,
    )
    return page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(a => a.href)")


def declared_filters(page, url: str, name: str) -> list[str]:
    """The values of one Pagefind filter that an article page declares (fetched, not rendered)."""
    text = page.request.get(url).text()
    return [html.unescape(v).strip() for v in re.findall(rf'data-pagefind-filter="{name}">([^<]*)<', text)]


def code_order(value: str):
    """ "Target 8.a" -> (8, 1, "a"), "Target 8.10" -> (8, 0, 10), "SDG 12: ..." -> (12,)."""
    code = re.search(r"\d+(?:\.\w+)?", value).group()
    goal, _, rest = code.partition(".")
    if not rest:
        return (int(goal),)
    return (int(goal), 0, int(rest)) if rest.isdigit() else (int(goal), 1, rest)


def test_goal_and_target_filters_narrow_the_results(visit):
    v = visit("search")
    search(v.page, "people")
    total = result_count(v.page)
    assert total >= 5

    goals = filter_values(v.page, "goal")
    assert len(goals) == 17 and goals == sorted(goals, key=code_order)
    assert goals[0] == "SDG 1: No poverty" and goals[-1] == "SDG 17: Partnerships for the goals"
    targets = filter_values(v.page, "target")
    assert "Target 8.7" in targets and targets == sorted(targets, key=code_order)

    goal16 = "SDG 16: Peace, justice and strong institutions"
    by_goal = apply_filter(v.page, "goal", goal16)
    assert 0 < result_count(v.page) < total
    for url in by_goal:
        assert goal16 in declared_filters(v.page, url, "goal"), url

    by_target = apply_filter(v.page, "target", "Target 8.7")
    assert v.base + PAGES["article"] in by_target
    for url in by_target:
        assert "Target 8.7" in declared_filters(v.page, url, "target"), url


def test_without_javascript_the_search_page_says_so_and_links_the_goals(visit):
    v = visit("search", java_script_enabled=False)
    note = v.page.locator(".search-noscript")
    assert note.is_visible()
    assert "needs JavaScript" in note.inner_text()
    links = note.locator(".search-noscript-goals a")
    assert links.count() == 17
    hrefs = links.evaluate_all("els => els.map(a => a.href)")
    assert hrefs[0] == v.base + "sdg/1/" and hrefs[15] == v.base + PAGES["goal"]
    links.nth(15).click()
    v.page.wait_for_load_state()
    assert v.page.locator("h1").inner_text().startswith("Peace, justice")
