"""Time the cross-links of N articles: index, related articles, "more on", co-occurrence.

    .venv/bin/python benchmarks/crosslinks.py [--articles 10000] [--repeat 3]

Synthetic but shaped like news: each article has 1-4 goals and 1-5 targets drawn
with a skew (a few targets are very common, most are rare), dates over three
years. Prints the median wall time of each stage and of all of them together.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from sdg_analysis import load_framework
from sdg_analysis import links
from sdg_analysis.model import Analysis, Label


def corpus(n: int, seed: int = 7):
    rng = random.Random(seed)
    targets = [t.code for t in load_framework().targets]
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(targets))]
    rng.shuffle(weights)
    start = date(2023, 1, 1)
    rows = []
    for i in range(n):
        chosen = sorted(set(rng.choices(targets, weights, k=rng.randint(1, 5))))
        goals = sorted({t.split(".")[0] for t in chosen}, key=int)
        analysis = Analysis(goals=[Label(g) for g in goals], targets=[Label(t) for t in chosen])
        rows.append((f"article-{i}", analysis, start + timedelta(days=rng.randrange(3 * 365))))
    rows.sort(key=lambda r: r[2], reverse=True)  # newest first, as Pelican lists them
    return rows


def timed(fn, repeat):
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rows = corpus(args.articles)
    t_index, index = timed(lambda: links.build_index(rows), args.repeat)
    t_related, related = timed(lambda: links.related(index, k=5), args.repeat)
    t_more, _ = timed(lambda: [links.latest_by_goal(index, i, 3) for i in range(len(index))], args.repeat)
    t_pairs, _ = timed(lambda: links.cooccurrence(index), args.repeat)
    total = t_index + t_related + t_more + t_pairs
    filled = sum(1 for r in related if len(r) == 5) / len(related)
    print(f"articles: {args.articles}")
    print(f"build index:     {t_index:.3f} s")
    print(f"related (top 5): {t_related:.3f} s  ({filled:.0%} of articles have 5)")
    print(f"more on goal:    {t_more:.3f} s")
    print(f"co-occurrence:   {t_pairs:.3f} s")
    print(f"cross-links total: {total:.3f} s (median of {args.repeat})")


if __name__ == "__main__":
    main()
