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

A target shared by more than ``window`` articles contributes its ``window``
nearest in date (see :func:`related`), which keeps the work per article bounded.
"""

from __future__ import annotations

import heapq
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
        for code in (*analysis.goal_codes, *analysis.target_codes, *analysis.indicator_codes):
            postings[code].append(i)
    index.postings = dict(postings)
    return index


# -- related articles ------------------------------------------------------------
def _nearest(ids: list[int], keys: list[int], day: int, window: int) -> list[int]:
    """The ``window`` ids of a date-sorted posting list nearest to ``day``."""
    if len(ids) <= window:
        return ids
    pos = bisect_left(keys, day)
    lo = max(0, min(pos - window // 2, len(ids) - window))
    return ids[lo : lo + window]


def related(index: SdgIndex, k: int = 5, window: int = 60) -> list[list[int]]:
    """For every item id, the ids of up to ``k`` related items, best first.

    A posting list longer than ``window`` (a target or goal shared by many articles)
    contributes only its ``window`` entries nearest in date: among many articles
    sharing a common target, the nearest in date would win the tie-break anyway,
    and the cost per article stays bounded however large the corpus grows.
    """
    n = len(index)
    days = index.days
    date_sorted = {code: sorted(ids, key=days.__getitem__) for code, ids in index.postings.items()}
    date_keys = {code: [days[i] for i in ids] for code, ids in date_sorted.items()}
    weight = {code: math.log(1 + n / len(ids)) for code, ids in index.postings.items()}
    goal_bit = {str(g): 1 << g for g in range(1, 18)}
    masks = [sum(goal_bit[g] for g in a.goal_codes) for a in index.analyses]

    out: list[list[int]] = []
    for i, analysis in enumerate(index.analyses):
        day_i, mask_i = days[i], masks[i]
        scores: dict[int, float] = {}
        get = scores.get
        for code in analysis.target_codes:
            w = weight[code]
            for j in _nearest(date_sorted[code], date_keys[code], day_i, window):
                scores[j] = get(j, 0.0) + w
        scores.pop(i, None)
        if len(scores) < k:
            for code in analysis.goal_codes:
                for j in _nearest(date_sorted[code], date_keys[code], day_i, 2 * k + 1):
                    if j != i and j not in scores:
                        scores[j] = 0.0
        candidates = scores
        if len(scores) > k:
            # Only items whose score rounds to at least the k-th best can rank: the
            # tie-breaks are worked out for those alone (a few, where every item
            # sharing a target was a candidate). Rounding keeps order, so the k-th
            # best rounded score is that of the k-th best score; the margin keeps
            # every item that rounds to it.
            cut = heapq.nlargest(k, scores.values())[-1] - 1e-8
            candidates = [j for j, s in scores.items() if s >= cut]
        ranked = heapq.nsmallest(
            k,
            candidates,
            key=lambda j: (-round(scores[j], 9), -(mask_i & masks[j]).bit_count(), abs(days[j] - day_i), j),
        )
        out.append(ranked)
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
