"""Figures tied to indicators and targets; the editor's figures; the Myawaddy sample article."""

import re

import pytest
import yaml

from sdg_analysis import EditorInput, analyse, load_framework
from sdg_analysis.export import analysis_to_dict, figure_to_dict
from sdg_analysis.figure_links import INDICATOR_THRESHOLD, TARGET_THRESHOLD, Context, attach_figures, score
from sdg_analysis.indicator_terms import read_terms, rules_for, stems, title_kinds
from sdg_analysis.model import Analysis, Label
from sdg_analysis.text import markdown_to_text, split_sentences


def by_hand(targets, indicators=()):
    """An analysis as the automatic analyser or an editor might leave it."""
    goals = sorted({t.split(".")[0] for t in targets}, key=int)
    return Analysis(
        goals=[Label(g, 1.0) for g in goals],
        targets=[Label(t, 1.0) for t in targets],
        indicators=[Label(i, 1.0) for i in indicators],
    )


def attach(text, targets, indicators=(), editor=None):
    analysis = by_hand(targets, indicators)
    return attach_figures(analysis, text, split_sentences(text), editor or EditorInput(), load_framework())


def figure(analysis, value):
    found = [f for f in analysis.figures if f.value == value]
    assert len(found) == 1, [(f.value, f.counts, f.target) for f in analysis.figures]
    return found[0]


# -- the rule table ----------------------------------------------------------------------
def test_every_code_in_the_terms_table_exists_and_has_the_right_kind(fw):
    data = read_terms()
    for section, kind in (("indicators", "indicator"), ("targets", "target")):
        for code, entry in data[section].items():
            assert isinstance(code, str), f"{code!r} must be quoted"
            assert fw.get(code) is not None and fw[code].kind == kind, code
            assert entry["terms"], code
            for k in entry.get("kinds", []):
                assert k in {"count", "percent", "money", "rate", "measure", "duration"}, (code, k)


def test_every_indicator_and_target_has_a_rule_from_its_title(fw):
    rules = rules_for(fw)
    assert set(rules) == {n.code for n in [*fw.targets, *fw.indicators]}
    assert all(rules[n.code].title for n in [*fw.targets, *fw.indicators])
    # the rarest title words weigh most: "trafficking" more than "victims"
    title = rules["16.2.2"].title
    assert title[stems("trafficking")[0]] > title[stems("victims")[0]]


@pytest.mark.parametrize(
    "title, kinds",
    [
        ("Number of victims of human trafficking per 100,000 population", {"rate", "count"}),
        ("Proportion of population using safely managed drinking water services", {"percent"}),
        ("Proportion and number of children aged 5–17 years engaged in child labour", {"percent", "count"}),
        ("Amount in United States dollars committed to public-private partnerships", {"money", "percent"}),
        ("Red List Index", None),
    ],
)
def test_title_says_which_kind_of_figure_measures_it(title, kinds):
    assert title_kinds(title) == (frozenset(kinds) if kinds else None)


def test_a_figure_of_the_wrong_kind_scores_lower(fw):
    rules = rules_for(fw)
    ctx = Context.of("trafficking victims", "258 trafficking victims were found.")
    as_count, terms = score(rules["16.2.2"], "count", ctx)
    as_money, _ = score(rules["16.2.2"], "money", ctx)
    assert as_count > as_money
    assert "trafficking victims" in terms


# -- linking -------------------------------------------------------------------------------
def test_trafficking_victims_link_to_16_2_2():
    result = attach("Police identified 258 trafficking victims in the raids.", ["8.7", "16.2"])
    fig = figure(result, 258)
    assert (fig.target, fig.indicator) == ("16.2", "16.2.2")
    assert fig.score >= INDICATOR_THRESHOLD
    assert "trafficking victims" in fig.evidence.terms


def test_only_the_articles_targets_are_candidates():
    text = "Police identified 258 trafficking victims in the raids."
    assert attach(text, ["4.1"]).figures == []
    assert figure(attach(text, ["8.7"]), 258).target == "8.7"


def test_a_figure_under_the_indicator_threshold_stays_with_its_target():
    result = attach("Rescuers freed 300 workers from the brick kilns where forced labour was rife.", ["8.7", "16.2"])
    fig = figure(result, 300)
    assert fig.target == "8.7" and fig.indicator is None
    assert TARGET_THRESHOLD <= fig.score


def test_percentages_link_to_proportion_indicators():
    result = attach("Only 40 per cent of households have access to safe drinking water.", ["6.1", "6.2"])
    fig = figure(result, 40)
    assert fig.indicator == "6.1.1"


def test_money_links_to_money_indicators():
    result = attach(
        "Donors committed US$2 billion to public-private partnerships for roads.", ["9.1", "17.17"]
    )
    assert figure(result, 2_000_000_000).indicator == "17.17.1"


def test_the_nearby_sentences_count_less_than_the_figures_own():
    text = "Thousands were trafficked across the border. Officials counted 300 buses at the crossing."
    result = attach(text, ["16.2"])
    for fig in result.figures:
        assert fig.indicator is None  # the buses are not trafficking victims


def test_figures_fitting_no_target_are_left_out():
    assert attach("The stadium holds 50,000 spectators.", ["16.2"]).figures == []


def test_an_article_without_targets_gets_no_figures_and_stays_empty():
    result = attach("Police identified 258 trafficking victims in the raids.", [])
    assert result.figures == []
    assert not result


def test_figures_are_in_text_order():
    text = "Some 40 schools were flooded. About 300 pupils lost their classrooms. Another 12 schools closed."
    result = attach(text, ["4.a", "4.1"])
    starts = [(f.evidence.start, f.evidence.marks[0][0]) for f in result.figures]
    assert starts == sorted(starts) and len(starts) >= 2


# -- through analyse() ----------------------------------------------------------------------
def test_analyse_attaches_figures_from_the_editors_targets():
    text = "Of those screened, 258 were formally identified as victims of human trafficking."
    analysis = analyse(text, editor=EditorInput(goals=["16"], targets=["16.2"]))
    fig = figure(analysis, 258)
    assert fig.indicator == "16.2.2" and fig.origin == "analyser"


def test_excluded_targets_take_their_figures_with_them():
    text = "Of those screened, 258 were formally identified as victims of human trafficking."
    analysis = analyse(text, editor=EditorInput(goals=["16"], targets=["16.2"], exclude=["16.2"]))
    assert all(f.target != "16.2" for f in analysis.figures)


# -- the editor's figures ----------------------------------------------------------------------
TEXT = (
    "Fifteen perpetrators of forced scamming have been convicted so far. "
    "Of those screened, 258 were formally identified as victims of human trafficking."
)
EDITOR = dict(goals=["8", "16"], targets=["8.7", "16.2"])


def test_editor_adds_a_figure_with_its_sentence_as_evidence():
    entry = {"value": 2000, "counts": "victims repatriated", "sentence": "Fifteen perpetrators", "indicator": "16.2.2"}
    analysis = analyse(TEXT, editor=EditorInput(**EDITOR, figures=[entry]))
    fig = figure(analysis, 2000)
    assert fig.origin == "editor"
    assert (fig.target, fig.indicator, fig.counts) == ("16.2", "16.2.2", "victims repatriated")
    assert fig.evidence.sentence.startswith("Fifteen perpetrators")
    assert TEXT[fig.evidence.start : fig.evidence.end] == fig.evidence.sentence


def test_editor_adds_a_figure_the_text_does_not_hold_and_it_is_kept_unlinked():
    entry = {"value": 7, "counts": "shelters"}
    analysis = analyse(TEXT, editor=EditorInput(**EDITOR, figures=[entry]))
    fig = figure(analysis, 7)
    assert fig.origin == "editor" and fig.evidence is None


def test_editor_corrects_an_extracted_figure():
    entry = {"value": 258, "counts": "people confirmed as trafficking victims", "qualifier": "at least"}
    analysis = analyse(TEXT, editor=EditorInput(**EDITOR, figures=[entry]))
    fig = figure(analysis, 258)
    assert fig.origin == "editor"
    assert fig.counts == "people confirmed as trafficking victims"
    assert fig.qualifier == "at least"
    assert fig.indicator == "16.2.2"
    assert fig.evidence is not None and "258" in fig.evidence.sentence
    assert len(analysis.figures) == 2  # corrected, not added


def test_editor_corrects_by_text_and_pins_the_target_without_an_indicator():
    entry = {"value": 15, "text": "Fifteen", "target": "16.2", "indicator": None}
    analysis = analyse(TEXT, editor=EditorInput(**EDITOR, figures=[entry]))
    fig = figure(analysis, 15)
    assert (fig.origin, fig.target, fig.indicator) == ("editor", "16.2", None)


def test_editor_removes_a_figure():
    entry = {"value": 15, "remove": True}
    analysis = analyse(TEXT, editor=EditorInput(**EDITOR, figures=[entry]))
    assert [f.value for f in analysis.figures] == [258]


def test_a_removal_limited_to_another_sentence_removes_nothing():
    entry = {"value": 15, "remove": True, "sentence": "Of those screened"}
    analysis = analyse(TEXT, editor=EditorInput(**EDITOR, figures=[entry]))
    assert sorted(f.value for f in analysis.figures) == [15, 258]


def test_with_auto_off_only_the_editors_figures_remain():
    entry = {"value": 258, "counts": "victims", "indicator": "16.2.2"}
    analysis = analyse(TEXT, editor=EditorInput(**EDITOR, auto=False, figures=[entry]))
    assert [(f.value, f.origin) for f in analysis.figures] == [(258, "editor")]


def test_the_export_says_where_each_figure_came_from():
    entry = {"value": 258, "counts": "victims of human trafficking"}
    analysis = analyse(TEXT, editor=EditorInput(**EDITOR, figures=[entry]))
    exported = analysis_to_dict(analysis)["figures"]
    assert {d["origin"] for d in exported} == {"analyser", "editor"}
    for d in exported:
        for key in ("value", "qualifier", "counts", "sentence", "target", "indicator", "origin", "kind"):
            assert key in d


# -- the Myawaddy sample article ------------------------------------------------------------------
@pytest.fixture(scope="module")
def myawaddy(root):
    path = root / "content" / "articles" / "2025" / "myawaddy-scam-compound-release.md"
    _, header, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(header)
    text = meta["title"] + "\n\n" + markdown_to_text(body)
    return text, meta["sdg"]


def test_myawaddy_extraction_without_its_sdg_block(myawaddy):
    from sdg_analysis.figures import extract_figures

    text, _ = myawaddy
    figures = {f.value: f for f in extract_figures(text)}
    assert figures[260].qualifier == "about" and re.match(r"people (held|released)", figures[260].counts)
    assert figures[258].counts == "victims of human trafficking"
    assert figures[15].counts.startswith("perpetrators") and figures[15].counts.endswith("convicted")
    assert figures[500].qualifier == "close to" and figures[500].counts == "victims assisted"
    assert figures[19].counts == "countries"
    for year in (2021, 2025):
        assert year not in figures
    thirty = figures[30]
    assert thirty.kind == "duration" and thirty.unit == "years"
    assert "people" not in (thirty.counts or "")


def test_myawaddy_258_links_to_16_2_2_with_the_curated_targets(myawaddy):
    text, block = myawaddy
    editor = EditorInput(goals=[str(g) for g in block["goals"]], targets=block["targets"], indicators=block["indicators"])
    analysis = analyse(text, editor=editor)
    fig = figure(analysis, 258)
    assert (fig.target, fig.indicator) == ("16.2", "16.2.2")
    assert fig.evidence.sentence == "Of those screened, 258 were formally identified as victims of human trafficking."
    # every figure on the page belongs to one of the article's targets
    assert {f.target for f in analysis.figures} <= set(block["targets"])
    assert all(f.kind != "count" or f.value not in (2021, 2025, 30) for f in analysis.figures)
    exported = [figure_to_dict(f) for f in analysis.figures]
    assert {"value": 258, "indicator": "16.2.2"}.items() <= next(d for d in exported if d["value"] == 258).items()
