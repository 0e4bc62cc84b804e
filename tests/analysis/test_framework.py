"""The project's framework data against the shared UN reference."""

import hashlib
import json
import os
from pathlib import Path

import pytest

from sdg_analysis import framework as framework_module
from sdg_analysis.framework import Goal, Indicator, Target, contrast_ratio

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "tests" / "fixtures" / "sdg-reference-snapshot.json"


def _reference() -> dict:
    """Codes -> English titles of the reference: the shared file when reachable, else
    the snapshot taken from it (whose checksum is checked when both are present)."""
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    path = Path(os.environ.get("SDG_REFERENCE", ROOT.parent / "shared" / "reference" / "sdg-framework.json"))
    if not path.exists():
        return snapshot
    raw = path.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == snapshot["sha256"], (
        "the shared reference changed: run scripts/build_framework_data.py"
    )
    ref = json.loads(raw)
    return {
        "goals": {g["code"]: [g["title"]["en"], g["color"]] for g in ref["goals"]},
        "targets": {t["code"]: t["title"]["en"] for t in ref["targets"]},
        "indicators": {i["code"]: i["title"]["en"] for i in ref["indicators"]},
    }


REFERENCE = _reference()


def test_counts(fw):
    assert len(fw.goals) == 17
    assert len(fw.targets) == 169
    assert len(fw.indicators) == len(REFERENCE["indicators"])


def test_every_code_and_english_title_matches_the_reference(fw):
    ours = {
        "goals": {g.code: [g.title, g.color] for g in fw.goals},
        "targets": {t.code: t.title for t in fw.targets},
        "indicators": {i.code: i.title for i in fw.indicators},
    }
    for kind in ("goals", "targets", "indicators"):
        assert set(ours[kind]) == set(REFERENCE[kind]), kind
        for code, value in REFERENCE[kind].items():
            assert ours[kind][code] == value, (kind, code)


def test_six_languages_and_attribution(fw):
    data = framework_module.read_framework_data()
    assert data["languages"] == ["en", "fr", "es", "ar", "ru", "zh-Hans"]
    assert "Open SDG" in data["about"] and "MIT" in data["about"]
    for node in fw:
        assert set(node.titles) == set(data["languages"]), node.code
        assert all(node.titles.values()), node.code
    assert (ROOT / "plugins" / "sdg_analysis" / "data" / data["license"]).exists()


@pytest.mark.parametrize(
    "code, cls, title_start",
    [
        ("8", Goal, "Promote sustained"),
        ("8.7", Target, "Take immediate and effective measures to eradicate forced labour"),
        ("8.a", Target, "Increase Aid for Trade support"),
        ("16.2.2", Indicator, "Number of victims of human trafficking"),
        ("17.19.2", Indicator, "Proportion of countries that"),
    ],
)
def test_lookup_by_code(fw, code, cls, title_start):
    node = fw[code]
    assert isinstance(node, cls)
    assert node.code == code
    assert node.title.startswith(title_start)


def test_parents_and_children(fw):
    assert fw.parent("16.2.2").code == "16.2"
    assert fw.parent("16.2").code == "16"
    assert fw.parent("16") is None
    assert [c.code for c in fw.children("16.2")] == ["16.2.1", "16.2.2", "16.2.3"]
    targets_of_8 = [c.code for c in fw.children("8")]
    assert targets_of_8[:2] == ["8.1", "8.2"] and targets_of_8[-2:] == ["8.a", "8.b"]
    assert targets_of_8.index("8.10") == targets_of_8.index("8.9") + 1
    assert fw.children("16.2.2") == []
    assert [n.code for n in fw["16.2.2"].lineage()] == ["16", "16.2", "16.2.2"]


@pytest.mark.parametrize("code", ["8", "8.7", "8.a", "16.2.2", "SDG 8", 8, " 8.7 "])
def test_exists(fw, code):
    assert fw.exists(code)


@pytest.mark.parametrize("code", ["18", "0", "8.99", "16.11", "8.z", "16.2.9", "", None, 8.1, "8..7"])
def test_does_not_exist(fw, code):
    assert not fw.exists(code)
    assert fw.get(code) is None


def test_wrong_kind_lookup_says_so(fw):
    with pytest.raises(KeyError, match="target, not a goal"):
        fw.goal("8.7")
    with pytest.raises(KeyError, match="not a goal, target or indicator"):
        fw["16.11"]


def test_loaded_once():
    assert framework_module.load_framework() is framework_module.load_framework()


def test_goal_text_colour_meets_wcag_aa(fw):
    for goal in fw.goals:
        assert contrast_ratio(goal.color, goal.text_color) >= 4.5, goal.code
    # goal 7's yellow needs dark text
    assert fw.goal("7").text_color != "#FFFFFF"
