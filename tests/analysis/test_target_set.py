"""Our own target-level cases (data/targets.yaml): each short text yields its targets and not the others."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from sdg_analysis import analyse, codes

CASES = yaml.safe_load((Path(__file__).parent / "data" / "targets.yaml").read_text(encoding="utf-8"))


def test_at_least_three_cases_per_goal_and_well_formed(fw):
    per_goal = Counter(codes.goal_of(t) for case in CASES for t in case["yields"])
    assert all(per_goal[str(g)] >= 3 for g in range(1, 18)), per_goal
    assert len({case["id"] for case in CASES}) == len(CASES)
    for case in CASES:
        assert case["yields"] and case["not"], case["id"]
        assert all(fw.exists(c) and codes.kind_of(c) == "target" for c in case["yields"] + case["not"]), case["id"]
        assert not set(case["yields"]) & set(case["not"]), case["id"]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_target_case(case):
    result = analyse(case["text"])
    found = set(result.target_codes)
    assert set(case["yields"]) <= found, f"missing {sorted(set(case['yields']) - found)}; found {sorted(found)}"
    assert not set(case["not"]) & found, f"unwanted {sorted(set(case['not']) & found)}"
    for code in case["yields"]:
        label = result.label(code)
        assert label.evidence and all(case["text"][e.start : e.end] == e.sentence for e in label.evidence)
        assert codes.goal_of(code) in result.goal_codes
