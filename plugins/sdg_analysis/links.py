"""The site-wide index from goals, targets and indicators to the articles addressing them,
and everything computed across articles: related articles, co-occurrence, timelines.

``build_index(entries)`` takes ``(item, analysis, date)`` triples in display order
(newest first) and inverts them once into posting lists of integer ids. Items are
opaque (Pelican articles in the plugin, dicts in tests). Related articles come
from those posting lists, never from comparing all pairs:

1. candidates are the articles sharing at least one target; each shared target
   adds its rarity weight ``log(1 + N / df)`` (N articles, df articles with it);
2. ties, and candidates found only through a shared goal, are ordered by the
   number of shared goals, then by nearness in date;
3. when targets give fewer than ``k`` candidates, the articles nearest in date on
   each shared goal's list fill up the rest.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from typing import Generic, Iterable, TypeVar

from . import codes as _codes
from .model import Analysis

T = TypeVar("T")


def _ordinal(value) -> int:
    if isinstance(value, datetime):
        return value.toordinal()
    if isinstance(value, date):
        return value.toordinal()
    return int(value or 0)


@dataclass
class SdgIndex(Generic[T]):
    items: list[T] = field(default_factory=list)
    analyses: list[Analysis] = field(default_factory=list)
    days: list[int] = field(default_factory=list)  # date of each item as a day ordinal
    months: list[tuple[int, int]] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)  # code -> item ids, input order

    def ids_for(self, code: str) -> list[int]:
        return self.postings.get(code, [])

    def items_for(self, code: str) -> list[T]:
        """Items addressing a goal, target or indicator, in input order (newest first)."""
        return [self.items[i] for i in self.postings.get(code, ())]

    def count(self, code: str) -> int:
        return len(self.postings.get(code, ()))

    def codes(self, kind: str | None = None) -> list[str]:
        found = [c for c in self.postings if kind is None or _codes.kind_of(c) == kind]
        return _codes.sorted_codes(found)

    def __len__(self) -> int:
        return len(self.items)


def build_index(entries: Iterable[tuple[T, Analysis, object]]) -> SdgIndex[T]:
    index: SdgIndex = SdgIndex()
    postings: dict[str, list[int]] = defaultdict(list)
    for i, (item, analysis, when) in enumerate(entries):
        index.items.append(item)
        index.analyses.append(analysis)
        index.days.append(_ordinal(when))
        index.months.append((when.year, when.month) if hasattr(when, "year") else (0, 0))
        for label in analysis.all_labels():
            postings[label.code].append(i)
    index.postings = dict(postings)
    return index


# -- related articles ------------------------------------------------------------
def related(index: SdgIndex, k: int = 5, fill_window: int = 8) -> list[list[int]]:
    """For every item id, the ids of up to ``k`` related items, best first."""
    n = len(index)
    weight = {
        code: math.log(1 + n / len(ids))
        for code, ids in index.postings.items()
        if _codes.kind_of(code) == "target"
    }
    goal_sets = [frozenset(a.goal_codes) for a in index.analyses]
    days = index.days
    # goal posting lists sorted by date, for filling up by nearness
    by_day = {
        g: sorted(index.postings.get(g, ()), key=days.__getitem__) for g in {g for s in goal_sets for g in s}
    }
    by_day_keys = {g: [days[i] for i in ids] for g, ids in by_day.items()}

    out: list[list[int]] = []
    for i, analysis in enumerate(index.analyses):
        scores: dict[int, float] = defaultdict(float)
        for code in analysis.target_codes:
            w = weight.get(code)
            if w is None:
                continue
            for j in index.postings[code]:
                scores[j] += w
        scores.pop(i, None)
        goals_i = goal_sets[i]
        day_i = days[i]
        if len(scores) < k:
            for g in goals_i:
                ids, keys = by_day[g], by_day_keys[g]
                pos = bisect_left(keys, day_i)
                for j in ids[max(0, pos - fill_window) : pos + fill_window]:
                    if j != i and j not in scores:
                        scores[j] = 0.0
        ranked = sorted(
            scores,
            key=lambda j: (-round(scores[j], 9), -len(goals_i & goal_sets[j]), abs(days[j] - day_i), j),
        )
        out.append(ranked[:k])
    return out


def latest_by_goal(index: SdgIndex, item_id: int, per_goal: int = 3) -> dict[str, list[int]]:
    """For each goal of an item, the newest other items on that goal."""
    result = {}
    for goal in index.analyses[item_id].goal_codes:
        ids = [j for j in index.postings.get(goal, ())[: per_goal + 1] if j != item_id][:per_goal]
        result[goal] = ids
    return result


# -- aggregates for charts ---------------------------------------------------------
def cooccurrence(index: SdgIndex) -> dict[tuple[str, str], int]:
    """How many items address both goals, for every pair (both orders) and the diagonal."""
    counts: Counter = Counter()
    for analysis in index.analyses:
        goals = analysis.goal_codes
        for g in goals:
            counts[(g, g)] += 1
        for a, b in combinations(goals, 2):
            counts[(a, b)] += 1
            counts[(b, a)] += 1
    return dict(counts)


def month_range(index: SdgIndex) -> list[tuple[int, int]]:
    """Every month from the oldest to the newest item, inclusive."""
    months = [m for m in index.months if m != (0, 0)]
    if not months:
        return []
    (y, m), last = min(months), max(months)
    out = []
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def monthly_counts(index: SdgIndex, code: str) -> Counter:
    return Counter(index.months[i] for i in index.postings.get(code, ()))
