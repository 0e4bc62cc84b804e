"""The automatic analyser: rule-table hits anchored in sentences, then a small decision rule.

The hits of a text (every phrase of the rule tables and every explicit reference
found, sentence by sentence, discounts applied) come from :mod:`sdg_analysis.signals`;
this module decides what they mean and builds the evidence.

Decision rule. Sums: where hits of one goal (or one target) overlap in a sentence only
the heaviest counts, and each repetition of a phrase counts :data:`REPEAT_DECAY` of
the one before. ``raw_g`` is a goal's sum, ``L = sqrt(words / REFERENCE_WORDS)`` (content
words) kept between 1 and :data:`MAX_LENGTH_FACTOR`, ``d_g = raw_g / L``: an article is
held to the density of a short paragraph, but a very long text is not asked for ever
more evidence. ``theta_g`` is the goal's threshold (its rule table, else
:data:`~sdg_analysis.rules.DEFAULT_THRESHOLD`).

* a **goal** is reported when it is *dominant enough*, ``d_g >= share * min(max d,
  DOMINANCE_SATURATION)`` with ``share = min(DOMINANCE_ARTICLE, DOMINANCE * L)`` (a
  passing mention next to the main topics is not "addressing" a goal; the longer the
  text, the more room it has for passing mentions, so the share grows with length
  from 0.2 for a paragraph to 0.4 for an article; and a main topic far past its
  threshold does not push the others further down), and either ``d_g >= theta_g`` or
  one of its targets sums to :data:`TARGET_STRONG` with ``d_g >= theta_g / 2`` (one
  unambiguous phrase: targets first, goals follow); or, whatever its share, when the
  text names the goal or one of its targets explicitly;
* a **target** is reported when its goal is and its own sum reaches
  :data:`TARGET_THRESHOLD`, or when it is named explicitly.

Scores: a goal's ``d / (d + theta)``, a target's ``raw / (raw + TARGET_THRESHOLD)``; 0.5
at the threshold, towards 1 above. Every reported label carries as evidence the
sentences of its strongest hits, with the matched words' spans. The whole rule, with
the reasons for it, is in ``docs/developers/analyser.md``.
"""

from __future__ import annotations

import math
from sys import intern
from operator import itemgetter

from . import codes as _codes
from .framework import Framework
from .model import Analysis, Evidence, Label, shared_marks
from .rules import DEFAULT_THRESHOLD, load_rules
from .signals import Hit, Matches, match
from .text import Sentence

REPEAT_DECAY = 0.5
REFERENCE_WORDS = 60
MAX_LENGTH_FACTOR = 4.0  # reached at 960 content words, about 1,500 words of text
DOMINANCE = 0.2
DOMINANCE_ARTICLE = 0.4
DOMINANCE_SATURATION = 16.0
TARGET_THRESHOLD = 3.0
TARGET_STRONG = 3.0
MAX_EVIDENCE = 3

__all__ = ["decide", "detect", "evidence_for", "match", "scores"]


# -- deciding ----------------------------------------------------------------
_HEAVIEST_FIRST = itemgetter(2)  # Hit.weight


def _sum(hits: list[Hit]) -> float:
    """Sum of weights: words count once (where hits overlap in a sentence the heaviest
    wins) and each repetition of the same term counts REPEAT_DECAY less."""
    if len(hits) == 1:
        return hits[0].weight
    taken: dict[int, list[tuple[int, int]]] = {}
    seen: dict[str, int] = {}
    total = 0.0
    # a Hit unpacked at once: its fields read by name are descriptor calls, four a hit
    for _goal, _target, weight, sentence, hit_spans, term, _ref in sorted(hits, key=_HEAVIEST_FIRST, reverse=True):
        spans = taken.get(sentence)
        if spans is None:
            taken[sentence] = list(hit_spans)
        elif _overlaps(hit_spans, spans):
            continue
        else:
            spans.extend(hit_spans)
        n = seen.get(term, 0)
        total += weight * REPEAT_DECAY**n if n else weight
        seen[term] = n + 1
    return total


def _overlaps(these: tuple[tuple[int, int], ...], spans: list[tuple[int, int]]) -> bool:
    """Whether a span of ``these`` overlaps one of ``spans`` (plain loops: both are short)."""
    for a, b in these:
        for s, e in spans:
            if a < e and s < b:
                return True
    return False


def scores(m: Matches) -> tuple[dict[str, float], dict[str, float], float]:
    """Raw goal scores, raw target scores and the length normaliser of one text."""
    length = min(MAX_LENGTH_FACTOR, max(1.0, math.sqrt(m.words / REFERENCE_WORDS)))
    return (
        {g: _sum(hs) for g, hs in m.by_goal.items()},
        {t: _sum(hs) for t, hs in m.by_target.items()},
        length,
    )


def decide(m: Matches) -> tuple[dict[str, float], dict[str, float]]:
    """The reported goals (with density scores) and targets (with raw scores) of one text."""
    thresholds = load_rules().thresholds
    raw_goals, raw_targets, length = scores(m)
    dense = {g: s / length for g, s in raw_goals.items()}
    best = max(dense.values(), default=0.0)
    explicit = {h.target or h.goal for h in m.hits if h.reference}
    strong = {_codes.goal_of(t) for t, s in raw_targets.items() if s >= TARGET_STRONG}
    goals: dict[str, float] = {}
    share = min(DOMINANCE_ARTICLE, DOMINANCE * length)
    bar = share * min(best, DOMINANCE_SATURATION)
    for g, d in dense.items():
        theta = thresholds.get(g, DEFAULT_THRESHOLD)
        if (d >= bar and (d >= theta or (g in strong and d >= theta / 2))) or g in explicit:
            goals[g] = d
    for code in explicit:
        goals.setdefault(_codes.goal_of(code), dense.get(_codes.goal_of(code), 0.0))
    targets: dict[str, float] = {}
    for t, s in raw_targets.items():
        if (s >= TARGET_THRESHOLD and _codes.goal_of(t) in goals) or t in explicit:
            targets[t] = s
    return goals, targets


def _evidence(m: Matches, hits: list[Hit], shared: dict | None = None) -> list[Evidence]:
    """The sentences of the strongest ``hits``, best first, with the matched words marked.

    With ``shared``, an evidence equal to one made before for another label of the
    text (a goal and its only target often quote the same sentence with the same
    marks) is that one, so that the analysis holds it, and pickles it, once. It is
    found by its sentence's index and its merged spans, which make the rest of it:
    an equal evidence is not made, nor hashed field by field, a second time.
    """
    # Each sentence's weight and spans in one walk over the hits: a label's hits lie in
    # a few sentences, so the spans of all of them cost less than a second walk for
    # those of the sentences ranked.
    weight: dict[int, float] = {}
    spans_in: dict[int, tuple[tuple[int, int], ...]] = {}
    get, get_spans = weight.get, spans_in.get
    for h in hits:
        i = h[3]  # Hit.sentence, Hit.weight, Hit.spans: by index, in the inner loops
        weight[i] = get(i, 0.0) + h[2]
        spans_in[i] = get_spans(i, ()) + h[4]
    # heaviest first, ties in sentence order: a stable sort by weight of the sorted indices
    ranked = sorted(sorted(weight), key=weight.__getitem__, reverse=True)[:MAX_EVIDENCE]
    out = []
    text = m.text
    for i in ranked:
        spans = spans_in[i]
        spans = _merge(sorted(set(spans))) if len(spans) > 1 else list(spans)
        if shared is not None:
            key = (i, *spans)
            ev = shared.get(key)
            if ev is not None:
                out.append(ev)
                continue
        s = m.sentences[i]
        start = s.start
        # terms and spans shared with every other evidence (see model.shared_marks);
        # most evidence marks one span
        if len(spans) == 1:
            ((a, b),) = spans
            terms = (intern(text[a:b]),)
            marks = shared_marks(((a - start, b - start),))
        else:
            terms = tuple(dict.fromkeys([intern(text[a:b]) for a, b in spans]))
            marks = shared_marks([(a - start, b - start) for a, b in spans])
        ev = Evidence(s.text, start, s.end, terms, marks)
        if shared is not None:
            shared[key] = ev
        out.append(ev)
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined, so that no word is marked twice."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def detect(text: str, framework: Framework, sentences: list[Sentence]) -> Analysis:
    """The automatic analysis of plain ``text`` split into ``sentences``."""
    m = match(text, sentences, framework)
    goals, targets = decide(m)
    by_goal, by_target = m.by_goal, m.by_target
    thresholds = load_rules().thresholds
    result = Analysis()
    shared: dict[tuple, Evidence] = {}  # see _evidence
    for g, d in goals.items():
        theta = thresholds.get(g, DEFAULT_THRESHOLD)
        result.goals.append(Label(g, d / (d + theta), evidence=_evidence(m, by_goal.get(g, []), shared)))
    for t, s in targets.items():
        result.targets.append(Label(t, s / (s + TARGET_THRESHOLD), evidence=_evidence(m, by_target.get(t, []), shared)))
    return result


def evidence_for(text: str, code: str, sentences: list[Sentence] | None = None) -> list[Evidence]:
    """Sentences of ``text`` that support ``code`` (a goal, target or indicator), if any.

    For labels an editor adds: they can still quote the article when it has
    signals for them, whether or not the analyser would have reported them. An
    indicator is supported by its target's signals.
    """
    code = _codes.normalise(code)
    m = match(text, sentences)
    if _codes.kind_of(code) == "goal":
        hits = [h for h in m.hits if h.goal == code]
    else:
        target = _codes.target_of(code)
        hits = [h for h in m.hits if h.target == target]
    return _evidence(m, hits)
