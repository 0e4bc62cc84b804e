"""The four injected sections and the table "SDGs, targets and indicators"."""

from bs4 import BeautifulSoup

from sdg_analysis import EditorInput, analyse
from sdg_analysis.model import Evidence
from sdg_analysis.render import mark_terms, render_indicator_table, render_section


def url_for(code):
    return f"sdg/{code.replace('.', '-')}/"


def myawaddy_like():
    editor = EditorInput(
        goals=["8", "16", "17"],
        targets=["8.7", "16.2", "16.3", "16.a", "17.17"],
        indicators=["16.2.2"],
        auto=False,
    )
    return analyse("Some text.", editor=editor)


def test_four_sections_in_order():
    soup = BeautifulSoup(render_section(myawaddy_like(), url_for, siteurl="https://x.org"), "html.parser")
    headings = [h.get_text() for h in soup.find_all(["h3"])]
    assert headings == ["SDGs addressed", "Targets", "Indicators", "SDGs, targets and indicators"]


def test_every_goal_and_target_links_to_its_page():
    soup = BeautifulSoup(render_section(myawaddy_like(), url_for, siteurl="https://x.org"), "html.parser")
    hrefs = {a["href"] for a in soup.find_all("a")}
    for code in ["8", "16", "17", "8.7", "16.2", "16.3", "16.a", "17.17", "16.2.2"]:
        assert f"https://x.org/{url_for(code)}" in hrefs, code


def test_table_is_accessible_and_has_one_row_per_target():
    html = render_indicator_table(myawaddy_like(), url_for)
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table")
    assert table.caption.get_text(strip=True)
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col", "col", "col"]
    rows = table.tbody.find_all("tr")
    row_heads = [r.find("th", scope="row").a.get_text() for r in rows]
    assert row_heads == ["8.7", "16.2", "16.3", "16.a", "17.17"]
    goal_cells = [r.find("td").find("a", class_="sdg-badge").get_text() for r in rows]
    assert goal_cells == ["SDG 8", "SDG 16", "SDG 16", "SDG 16", "SDG 17"]
    indicators = [[a.get_text() for a in r.find_all("td")[1].find_all("a")] for r in rows]
    assert indicators == [[], ["16.2.2"], [], [], []]


def test_goal_without_targets_still_has_a_row():
    analysis = analyse("x", editor=EditorInput(goals=["13"], auto=False))
    soup = BeautifulSoup(render_indicator_table(analysis, url_for), "html.parser")
    rows = soup.find("tbody").find_all("tr")
    assert len(rows) == 1 and "SDG 13" in rows[0].get_text()


def test_hostile_text_is_escaped():
    analysis = analyse("x", editor=EditorInput(goals=["1"], notes='<script>alert(1)</script>"><img onerror=x>', auto=False))
    html = str(render_section(analysis, url_for))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_marked_terms():
    ev = Evidence("People were <forced> to work.", 0, 28, ("forced",), ((12, 20),))
    assert str(mark_terms(ev)) == "People were <mark>&lt;forced&gt;</mark> to work."


def test_origin_says_confirmed_added_or_found():
    from sdg_analysis.model import Analysis, Label

    ev = Evidence("Workers were forced to fish.", 0, 28, ("forced",), ((13, 19),))
    analysis = Analysis(
        goals=[Label("8", 1, "editor", [ev]), Label("16", 1, "editor"), Label("14", 0.5, "analyser", [ev])]
    )
    soup = BeautifulSoup(render_section(analysis, url_for), "html.parser")
    origins = {li["id"]: li.select_one(".sdg-origin").get_text() for li in soup.select(".sdg-goals li")}
    assert origins == {
        "sdg-goal-8": "confirmed by an editor",
        "sdg-goal-14": "found by the analyser",
        "sdg-goal-16": "added by an editor",
    }


def test_a_theme_override_is_read_once_per_build(tmp_path):
    from sdg_analysis.render import fresh_templates

    folder = tmp_path / "templates"
    (folder / "sdg").mkdir(parents=True)
    override = folder / "sdg" / "indicator_table.html"
    override.write_text("<p class='theme-table'>first</p>", encoding="utf-8")
    fresh_templates()
    try:
        render = lambda: render_section(myawaddy_like(), url_for, template_dirs=[str(folder)])  # noqa: E731
        assert "theme-table'>first" in render() or 'theme-table">first' in render()
        override.write_text("<p class='theme-table'>second</p>", encoding="utf-8")
        assert "first" in render()  # not read again within a build
        fresh_templates()  # what a new build (make serve) does
        assert "second" in render()
    finally:
        fresh_templates()


def test_two_quotes_shown_the_rest_folded_each_linked_when_its_anchor_is_placed():
    from sdg_analysis.anchors import AnchorIds
    from sdg_analysis.model import Analysis, Figure, Label

    evs = [Evidence(f"Sentence number {i} about forced labour.", 100 * i, 100 * i + 38) for i in range(5)]
    analysis = Analysis(
        goals=[Label("8", 1, "analyser", evs[:1]), Label("16", 1, "analyser", evs[:3]), Label("5", 1, "analyser", evs)],
        targets=[Label("8.7", 1, "analyser", evs[:2])],
        figures=[
            Figure(value=40, text="40", counts="workers", evidence=evs[1], target="8.7", origin="editor"),
            Figure(value=3, text="three", counts="boats", evidence=evs[4]),
        ],
    )
    placed = AnchorIds([0, 200, 400])  # the sentences found in the body
    soup = BeautifulSoup(render_section(analysis, url_for, anchors=placed), "html.parser")
    folds = {}
    for li in soup.select(".sdg-goals li"):
        box = li.select_one(".sdg-evidence")
        details = box.find("details")
        shown = [q for q in box.find_all("blockquote", recursive=False)]
        folded = details.find_all("blockquote") if details else []
        folds[li["id"]] = (len(shown), len(folded), details.summary.get_text() if details else None)
    assert folds == {
        "sdg-goal-8": (1, 0, None),
        "sdg-goal-16": (2, 1, "1 more sentence"),
        "sdg-goal-5": (2, 3, "3 more sentences"),
    }
    # a quote links to its sentence in the article only where the anchor was placed
    links = {q.p.get_text().split(" about")[0]: q.find("a", class_="sdg-context") for q in soup.select(".sdg-goals blockquote")}
    assert {k: (a["href"] if a else None) for k, a in links.items()} == {
        "Sentence number 0": "#ev-0",
        "Sentence number 1": None,
        "Sentence number 2": "#ev-200",
        "Sentence number 3": None,
        "Sentence number 4": "#ev-400",
    }
    figures = [
        (li.select_one(".sdg-figure-value").get_text(), li.select_one(".sdg-origin").get_text(), li.blockquote.a and li.blockquote.a["href"])
        for li in soup.select(".sdg-figures li")
    ]
    assert figures == [
        ("40", "figure from an editor", None),
        ("three", "figure found by the analyser", "#ev-400"),
    ]
