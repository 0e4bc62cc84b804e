"""The analyser on the SDG Classification Benchmark: accuracy per goal, speed.

    .venv/bin/python benchmarks/classification.py            # print the figures
    .venv/bin/python benchmarks/classification.py --record   # ... and write classification-figures.json
    .venv/bin/python benchmarks/classification.py --errors 8 # DEV rows of goal 8 the analyser gets wrong

The benchmark (PyPI ``sdgclassification-benchmark``) has 1,251 expert-labelled rows
``(id, text, sdg, label)``: whether text ``text`` addresses goal ``sdg``. A goal's
accuracy is over that goal's rows; the average is the unweighted mean over the 17
goals, as the benchmark's own ``Metrics.calculate_average`` does. Precision, recall
and F1 are per goal too, in per cent.

The rows are split once and for all: DEV is the rows whose ``int(id, 16)`` is even,
HOLDOUT the odd ones. Rules are tuned on DEV only; HOLDOUT is reported as summary
figures and its texts are never shown (``--errors`` refuses it).

Speed: texts per second over every benchmark row on one core, and the median time
to analyse a 1,000-word article built from the bundled articles in ``content/``: the
analyser alone (sentences, matching, decision, evidence) and the whole of
``analyse()``, which adds the editor's block and the figures of the article.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "benchmarks" / "classification-figures.json"
SPLITS = ("DEV", "HOLDOUT")


def load_rows() -> list[dict]:
    source = resources.files("sdgclassification.benchmark.resources").joinpath("benchmark.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split_of(row: dict) -> str:
    return "DEV" if int(row["id"], 16) % 2 == 0 else "HOLDOUT"


def metrics(pairs: list[tuple[bool, bool]]) -> dict:
    tp = sum(e and p for e, p in pairs)
    fp = sum(p and not e for e, p in pairs)
    fn = sum(e and not p for e, p in pairs)
    tn = len(pairs) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": len(pairs),
        "accuracy": 100 * (tp + tn) / len(pairs) if pairs else 0.0,
        "precision": 100 * precision,
        "recall": 100 * recall,
        "f1": 100 * f1,
    }


def evaluate(rows: list[dict], predicted: dict[str, set[str]]) -> dict:
    """Per-goal and average metrics of one split."""
    per_goal = {}
    for goal in range(1, 18):
        pairs = [
            (row["label"] == "True", str(goal) in predicted[row["text"]])
            for row in rows
            if row["sdg"] == str(goal)
        ]
        per_goal[str(goal)] = metrics(pairs)
    keys = ("accuracy", "precision", "recall", "f1")
    average = {k: statistics.fmean(m[k] for m in per_goal.values()) for k in keys}
    return {"goals": per_goal, "average": average}


def article_of_words(words: int = 1000) -> str:
    """A realistic article of exactly ``words`` words: a title, then paragraphs of the bundled articles."""
    from sdg_analysis.text import markdown_to_text

    paragraphs: list[str] = []
    title = None
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        source = path.read_text(encoding="utf-8")
        if title is None:
            title = next((line.split(":", 1)[1].strip().strip('"') for line in source.splitlines()
                          if line.startswith("title:")), "Article")
        paragraphs.extend(markdown_to_text(source).split("\n\n"))
    out, count = [], len(title.split())
    for para in paragraphs:
        tokens = para.split()
        if count + len(tokens) >= words:
            out.append(" ".join(tokens[: words - count]))
            break
        out.append(para)
        count += len(tokens)
    return f"{title}\n\n" + "\n\n".join(out)


def _median_ms(func, runs: int = 101) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        func()
        times.append(time.process_time() - t0)
    return 1000 * statistics.median(times)


def timings(rows: list[dict]) -> dict:
    """Benchmark texts per second through ``analyse()``, and the median time for a
    1,000-word article: the analyser alone (sentences + :func:`detect`) and the whole of
    ``analyse()`` (which also applies the editor block and extracts figures)."""
    from sdg_analysis import analyse, load_framework
    from sdg_analysis.analysis import detect
    from sdg_analysis.text import split_sentences

    fw = load_framework()
    analyse("warm up: forced labour and child labour", fw)  # compile the rules outside the clock
    texts = [row["text"] for row in rows]
    start = time.process_time()
    for text in texts:
        analyse(text, fw)
    per_second = len(texts) / (time.process_time() - start)
    article = article_of_words(1000)
    return {
        "texts_per_second": per_second,
        "article_1000_words_analyser_ms": _median_ms(lambda: detect(article, fw, split_sentences(article))),
        "article_1000_words_analyse_ms": _median_ms(lambda: analyse(article, fw)),
        "article_words": len(article.split()),
    }


def predict_all(rows: list[dict]) -> dict[str, set[str]]:
    from sdg_analysis import analyse, load_framework

    fw = load_framework()
    return {text: set(analyse(text, fw).goal_codes) for text in {row["text"] for row in rows}}


def show_errors(rows: list[dict], predicted: dict[str, set[str]], goal: str) -> None:
    from sdg_analysis.matcher import decide, match, scores

    for row in rows:
        if row["sdg"] != goal or split_of(row) != "DEV":
            continue
        expected = row["label"] == "True"
        got = goal in predicted[row["text"]]
        if expected == got:
            continue
        m = match(row["text"])
        raw, _targets, length = scores(m)
        terms = sorted({(h.goal, h.term, round(h.weight, 2)) for h in m.hits if h.goal == goal})
        top = sorted(raw.items(), key=lambda kv: -kv[1])[:3]
        print(f"--- {row['id']} expected {expected} got {got}  goal score {raw.get(goal, 0) / length:.2f}"
              f"  top {[(g, round(s / length, 2)) for g, s in top]}")
        print("   ", row["text"][:600].replace("\n", " "))
        print("    terms:", [(t, w) for _g, t, w in terms])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--record", action="store_true", help=f"write {FIGURES.relative_to(ROOT)}")
    parser.add_argument("--errors", metavar="GOAL", help="show the DEV rows of GOAL the analyser gets wrong")
    parser.add_argument("--no-timing", action="store_true", help="skip the speed measurements")
    args = parser.parse_args(argv)

    rows = load_rows()
    predicted = predict_all(rows)
    if args.errors:
        show_errors(rows, predicted, str(args.errors))
        return 0

    results = {split: evaluate([r for r in rows if split_of(r) == split], predicted) for split in SPLITS}
    print(f"{'goal':>5} " + "  ".join(f"{s + ' acc/prec/rec/F1':>27}" for s in SPLITS))
    for goal in map(str, range(1, 18)):
        cells = []
        for split in SPLITS:
            m = results[split]["goals"][goal]
            cells.append(f"{m['accuracy']:6.1f} {m['precision']:6.1f} {m['recall']:6.1f} {m['f1']:6.1f}")
        print(f"{goal:>5} " + "  ".join(f"{c:>27}" for c in cells))
    for split in SPLITS:
        a = results[split]["average"]
        low = min(results[split]["goals"].items(), key=lambda kv: kv[1]["accuracy"])
        print(f"{split:8} average accuracy {a['accuracy']:.1f}  precision {a['precision']:.1f}  "
              f"recall {a['recall']:.1f}  F1 {a['f1']:.1f}  lowest goal {low[0]} at {low[1]['accuracy']:.1f}")
    gap = results["DEV"]["average"]["accuracy"] - results["HOLDOUT"]["average"]["accuracy"]
    print(f"DEV - HOLDOUT average accuracy: {gap:+.1f} points")

    speed = {}
    if not args.no_timing:
        speed = timings(rows)
        print(f"speed: {speed['texts_per_second']:.0f} benchmark texts/s on one core; "
              f"a {speed['article_words']}-word article: {speed['article_1000_words_analyser_ms']:.2f} ms median "
              f"for the analyser, {speed['article_1000_words_analyse_ms']:.2f} ms for the whole of analyse()")

    if args.record:
        figures = {
            "about": "Written by benchmarks/classification.py --record; guarded by tests/analysis/test_benchmark_guard.py",
            **{
                split.lower(): {
                    "average": {k: round(v, 2) for k, v in results[split]["average"].items()},
                    "accuracy_by_goal": {g: round(m["accuracy"], 2) for g, m in results[split]["goals"].items()},
                }
                for split in SPLITS
            },
            **({k: round(v, 2) for k, v in speed.items()}),
        }
        FIGURES.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"recorded {FIGURES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
