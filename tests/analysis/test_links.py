"""The inverted index and what is computed from it across articles."""

from datetime import date

from sdg_analysis import links
from sdg_analysis.model import Analysis, Label


def make(goals, targets):
    return Analysis(goals=[Label(g) for g in goals], targets=[Label(t) for t in targets])


def build(rows):
    """rows: (name, day, goals, targets), given newest first."""
    return links.build_index((name, make(g, t), date(2025, 1, 1).replace(day=d)) for name, d, g, t in rows)


def test_postings_and_counts():
    index = build([("a", 3, ["8", "16"], ["8.7", "16.2"]), ("b", 2, ["16"], ["16.2"]), ("c", 1, ["6"], [])])
    assert index.items_for("16.2") == ["a", "b"]
    assert index.count("16") == 2 and index.count("1") == 0
    assert index.codes("goal") == ["6", "8", "16"]


def test_related_prefers_rare_shared_targets():
    # 16.3 is common (4 articles), 8.7 is rare (2): sharing 8.7 outranks sharing 16.3
    index = build(
        [
            ("x", 20, ["8", "16"], ["8.7", "16.3"]),
            ("rare", 10, ["8"], ["8.7"]),
            ("common1", 19, ["16"], ["16.3"]),
            ("common2", 18, ["16"], ["16.3"]),
            ("common3", 17, ["16"], ["16.3"]),
        ]
    )
    related = links.related(index, k=5)
    names = [index.items[j] for j in related[0]]
    assert names[0] == "rare"
    assert set(names) == {"rare", "common1", "common2", "common3"}
    # among equal target scores, nearer in date first
    assert names[1:] == ["common1", "common2", "common3"]


def test_related_breaks_ties_by_shared_goals_then_date():
    index = build(
        [
            ("x", 15, ["6", "3"], ["6.1"]),
            ("near", 14, ["6"], ["6.1"]),
            ("two_goals", 2, ["6", "3"], ["6.1"]),
        ]
    )
    names = [index.items[j] for j in links.related(index)[0]]
    assert names == ["two_goals", "near"]


def test_related_fills_up_from_shared_goals_and_never_lists_itself():
    index = build(
        [
            ("x", 15, ["13"], ["13.2"]),
            ("goal_only", 14, ["13"], ["13.1"]),
            ("unrelated", 13, ["4"], ["4.1"]),
        ]
    )
    related = links.related(index)
    assert [index.items[j] for j in related[0]] == ["goal_only"]
    assert all(i not in ids for i, ids in enumerate(related))


def test_latest_by_goal_excludes_the_article_itself():
    index = build([("a", 5, ["1"], []), ("b", 4, ["1"], []), ("c", 3, ["1"], []), ("d", 2, ["1"], [])])
    assert links.latest_by_goal(index, 1, per_goal=2) == {"1": [0, 2]}


def test_cooccurrence_counts_pairs_both_ways():
    index = build([("a", 3, ["8", "16"], []), ("b", 2, ["8", "16", "17"], []), ("c", 1, ["8"], [])])
    pairs = links.cooccurrence(index)
    assert pairs[("8", "16")] == pairs[("16", "8")] == 2
    assert pairs[("16", "17")] == 1
    assert pairs[("8", "8")] == 3
    assert ("1", "2") not in pairs


def test_month_range_and_monthly_counts():
    index = links.build_index(
        [
            ("a", make(["1"], []), date(2025, 2, 1)),
            ("b", make(["1"], []), date(2024, 11, 5)),
            ("c", make(["2"], []), date(2024, 11, 20)),
        ]
    )
    assert links.month_range(index) == [(2024, 11), (2024, 12), (2025, 1), (2025, 2)]
    assert links.monthly_counts(index, "1") == {(2025, 2): 1, (2024, 11): 1}


def test_related_ranks_as_a_full_sort_of_every_candidate_would():
    # Many articles over few targets: long runs of equal scores (the sums of the same
    # weights, added in different orders), where only the tie-breaks decide.
    import math
    import random

    rng = random.Random(7)
    targets = ["1.1", "1.2", "2.1", "3.3", "3.4", "16.2"]
    rows = []
    for i in range(300):
        picked = rng.sample(targets, rng.randint(1, 3))
        goals = sorted({t.split(".")[0] for t in picked} | ({"5"} if rng.random() < 0.3 else set()))
        rows.append((f"a{i}", date(2024, 1, 1).toordinal() + rng.randint(0, 700), goals, picked))
    index = links.build_index((name, make(g, t), date.fromordinal(d)) for name, d, g, t in rows)
    n = len(index)
    weight = {code: math.log(1 + n / len(ids)) for code, ids in index.postings.items()}

    def bits(a):
        return sum(1 << int(g) for g in a.goal_codes)

    got = links.related(index, k=5, window=n)  # every article sharing a target is scored
    for i, a in enumerate(index.analyses):
        scores = {}
        for code in a.target_codes:
            for j in index.postings[code]:
                scores[j] = scores.get(j, 0.0) + weight[code]
        scores.pop(i)
        assert len(scores) >= 5  # no filling up from goals in this corpus
        want = sorted(
            scores,
            key=lambda j: (
                -round(scores[j], 9),
                -(bits(a) & bits(index.analyses[j])).bit_count(),
                abs(index.days[j] - index.days[i]),
                j,
            ),
        )[:5]
        assert got[i] == want, index.items[i]
