"""Tie each figure an article reports to the indicator, or target, it speaks to.

Only the article's own targets are candidates (after the editor's curation), with all
their indicators in the framework. A figure is scored against each of them from three
places, strongest first: the noun phrase it counts, its sentence, and the sentences
just before and after it. What is looked for is the rule of each indicator and
target (:mod:`sdg_analysis.indicator_terms`): the hand-written terms of
``data/indicator-terms.yaml`` and the words of the official title, each title word
weighted by how rare it is among all indicator titles. The kind of figure must suit
the indicator (a percentage for a "Proportion of ...", a count for a "Number of
..."). The best indicator at or over :data:`INDICATOR_THRESHOLD` gets the figure;
otherwise the best target at or over :data:`TARGET_THRESHOLD` gets it as a related
figure (``indicator`` None); a figure that fits none of the article's targets is left
out of the analysis. The rule is documented in ``docs/reference/figures.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from . import codes as _codes
from .editor_figures import apply_editor_figures
from .figures import extract_figures
from .framework import Framework
from .frontmatter import EditorInput
from .indicator_terms import Rule, contains, rules_for, stem, stems
from .model import EDITOR, Analysis, Figure
from .text import Sentence

INDICATOR_THRESHOLD = 0.5
TARGET_THRESHOLD = 0.25
#: Where a term is found, and what that is worth.
IN_COUNTS, IN_SENTENCE, IN_WINDOW = 1.0, 0.5, 0.25
#: Share of the official title's (rarity-weighted) words found in the noun phrase / sentence.
TITLE_IN_COUNTS, TITLE_IN_SENTENCE = 0.5, 0.25
#: How much of its sentence's evidence a figure keeps when its own noun phrase says nothing of it.
OTHER_COUNTS = 0.5
#: An indicator the analysis (or the editor) already lists is a little more likely.
LISTED_BONUS = 0.1
KIND_FITS, KIND_UNKNOWN, KIND_NEAR, KIND_CLASHES = 1.0, 0.8, 0.7, 0.4
#: Kinds of figure that measure the same thing another way: a count of people is the
#: numerator of a proportion or a rate; an area or an amount is the base of a share.
_NEAR_KINDS = {
    "count": {"percent", "rate"},
    "percent": {"count", "rate"},
    "rate": {"count", "percent"},
    "measure": {"percent"},
    "money": {"percent"},
}


#: Nouns that count people or places without saying who they are: "3.8 billion people".
_POPULATION = frozenset(
    stem(w) for w in "people persons individuals households families residents inhabitants citizens adults countries".split()
)


# -- scoring --------------------------------------------------------------------------
class Place:
    """The stems of one place a figure is read from (its noun phrase, sentence or window).

    Keeps the stems in order and as a set, and remembers what each rule found there,
    so that figures sharing a sentence score it once. ``titles``: whether the share
    of title words is ever asked of this place (it is not of a window).
    """

    __slots__ = ("seq", "set", "titles", "_found", "_relevant", "_relevant_to")

    def __init__(self, seq: tuple[str, ...], titles: bool = True):
        self.seq = seq
        self.set = frozenset(seq)
        self.titles = titles
        self._found: dict[str, tuple[float, str | None, float]] = {}
        self._relevant: frozenset[str] = frozenset()
        self._relevant_to = None

    def relevant(self, candidates: "Candidates") -> frozenset[str]:
        """The codes of the candidate rules that share at least one word with this place."""
        if self._relevant_to is not candidates:
            words = self.set
            self._relevant = frozenset(r.code for r in candidates.rules if words and not r.vocabulary.isdisjoint(words))
            self._relevant_to = candidates
        return self._relevant

    def found(self, rule: Rule) -> tuple[float, str | None, float]:
        """What ``rule`` finds here: the weight and text of its strongest term, and the
        rarity-weighted share of its official title words (0 for a window).

        One call, and one cache entry, for both. A place that shares no word with the
        rule's vocabulary (every stem of its terms and title) holds none of them: one
        ``isdisjoint`` answers for the whole rule, and nothing is cached.
        """
        got = self._found.get(rule.code)
        if got is None:
            words = self.set
            if not words or rule.vocabulary.isdisjoint(words):
                return _NOTHING
            weight, text = 0.0, None
            for term_text, term, term_set, term_weight in rule.terms:
                if term_weight <= weight:
                    break  # strongest first: nothing further can do better
                if term_set <= words and contains(self.seq, term):
                    weight, text = term_weight, term_text
            share = 0.0
            if self.titles and rule.title_total:
                common = words & rule.title.keys()
                share = sum(rule.title[s] for s in common) / rule.title_total if common else 0.0
            got = self._found[rule.code] = (weight, text, share)
        return got

    def best_term(self, rule: Rule) -> tuple[float, str | None]:
        """The weight and text of the strongest of the rule's terms found here."""
        return self.found(rule)[:2]

    def title_share(self, rule: Rule) -> float:
        """The rarity-weighted share of the rule's official title words found here."""
        return self.found(rule)[2]


_EMPTY = Place(())
_NOTHING = (0.0, None, 0.0)


@dataclass(frozen=True)
class Context:
    """Where a figure is scored from: its noun phrase, its sentence, the sentences around."""

    counts: Place
    sentence: Place
    window: Place

    @classmethod
    def of(cls, counts: str | None, sentence: str | None = None, window: str | None = None) -> "Context":
        return cls(Place(stems(counts)), Place(stems(sentence)), Place(stems(window), titles=False))


def score(rule: Rule, kind: str, ctx: Context, listed: bool = False) -> tuple[float, tuple[str, ...]]:
    """How well a figure of ``kind`` in context ``ctx`` fits ``rule``, in [0, 1], and the terms that matched."""
    counts = ctx.counts
    weight, term, share = counts.found(rule)
    raw = IN_COUNTS * weight + TITLE_IN_COUNTS * share
    matched = [term] if term else []
    # A figure whose noun phrase names something else borrows less from its sentence.
    around = 1.0 if raw > 0 or counts.set <= _POPULATION else OTHER_COUNTS
    weight, term, share = ctx.sentence.found(rule)
    if term:
        raw += around * IN_SENTENCE * weight
        if term not in matched:
            matched.append(term)
    weight, term, _ = ctx.window.found(rule)
    if term:
        raw += around * IN_WINDOW * weight
        if term not in matched:
            matched.append(term)
    raw += around * TITLE_IN_SENTENCE * share  # the sentence's
    if raw == 0.0:
        return 0.0, ()
    if listed:
        raw += LISTED_BONUS
    if rule.kinds is None:
        fit = KIND_UNKNOWN if kind in ("duration", "number") else KIND_FITS
    elif kind in rule.kinds:
        fit = KIND_FITS
    elif rule.kinds & _NEAR_KINDS.get(kind, set()):
        fit = KIND_NEAR
    else:
        fit = KIND_CLASHES
    return round(min(1.0, raw) * fit, 4), tuple(matched)


@dataclass(frozen=True)
class Link:
    target: str | None
    indicator: str | None
    score: float
    terms: tuple[str, ...] = ()


class Candidates:
    """What the figures of one article may be tied to: its targets and all their indicators."""

    def __init__(self, analysis: Analysis, framework: Framework, targets: list[str] | None = None):
        rules = rules_for(framework)
        children = _indicators_by_target(framework)
        listed = set(analysis.indicator_codes)
        self.targets: list[tuple[Rule, list[tuple[Rule, bool]]]] = []
        for code in dict.fromkeys(targets if targets is not None else analysis.target_codes):
            if code in children:
                self.targets.append((rules[code], [(rules[i], i in listed) for i in children[code]]))
        self.rules = [r for target, inds in self.targets for r in (target, *(i for i, _ in inds))]


@lru_cache(maxsize=4)
def _indicators_by_target(framework: Framework) -> dict[str, tuple[str, ...]]:
    return {t.code: tuple(i.code for i in t.indicators) for t in framework.targets}


def link(figure: Figure, ctx: Context, candidates: Candidates) -> Link:
    """The indicator (or target) among the article's targets that ``figure`` speaks to.

    Only rules sharing a word with the figure's noun phrase, sentence or window are
    scored. Ties go to the first target in code order, and to an indicator over a
    target.
    """
    relevant = ctx.counts.relevant(candidates) | ctx.sentence.relevant(candidates) | ctx.window.relevant(candidates)
    best_ind = (0.0, (), None)
    best_tgt = (0.0, (), None)
    if relevant:
        kind = figure.kind
        for target, indicators in candidates.targets:
            t_score, t_terms = score(target, kind, ctx) if target.code in relevant else (0.0, ())
            for rule, listed in indicators:
                if rule.code not in relevant:
                    continue
                s, terms = score(rule, kind, ctx, listed)
                if s > best_ind[0]:
                    best_ind = (s, terms, rule.code)
                if s > t_score:
                    t_score, t_terms = s, terms
            if t_score > best_tgt[0]:
                best_tgt = (t_score, t_terms, target.code)
    if best_ind[0] >= INDICATOR_THRESHOLD:
        return Link(_codes.target_of(best_ind[2]), best_ind[2], best_ind[0], best_ind[1])
    if best_tgt[0] >= TARGET_THRESHOLD:
        return Link(best_tgt[2], None, best_tgt[0], best_tgt[1])
    return Link(None, None, max(best_ind[0], best_tgt[0]))


# -- the stage in analyse() -----------------------------------------------------------
def _sentence_index(sentences: list[Sentence]) -> dict[int, int]:
    return {s.start: i for i, s in enumerate(sentences)}


def context_of(figure: Figure, sentences: list[Sentence], index: dict[int, int], cache: dict) -> Context:
    """The places a figure is read from; sentences and windows are shared through ``cache``."""
    ev = figure.evidence
    i = index.get(ev.start) if ev else None
    counts = Place(stems(figure.counts))
    if i is None:
        return Context(counts, Place(stems(ev.sentence)) if ev else _EMPTY, _EMPTY)
    sentence = _sentence_place(sentences, i, cache)
    window = cache.get(("w", i))
    if window is None:
        before = _sentence_place(sentences, i - 1, cache).seq if i > 0 else ()
        after = _sentence_place(sentences, i + 1, cache).seq if i + 1 < len(sentences) else ()
        window = cache[("w", i)] = Place(before + after, titles=False)
    return Context(counts, sentence, window)


def _sentence_place(sentences: list[Sentence], k: int, cache: dict) -> Place:
    place = cache.get(("s", k))
    if place is None:
        place = cache[("s", k)] = Place(stems(sentences[k].text))
    return place


def _excluded(code: str | None, exclude: list[str]) -> bool:
    return bool(code) and any(code == e or code.startswith(e + ".") for e in exclude)


def attach_figures(
    analysis: Analysis, text: str, sentences: list[Sentence], editor: EditorInput, framework: Framework
) -> Analysis:
    """Extract the article's figures, apply the editor's, link them; set ``analysis.figures``.

    With ``auto: false`` only the editor's figures are kept. Extracted figures that fit
    none of the article's targets are left out; the editor's are always kept.
    """
    candidates = Candidates(analysis, framework)
    # An extracted figure is kept only when it fits one of the article's targets, or
    # when an editor's entry matches it: with neither, nothing extracted would be kept.
    wanted = editor.auto and (candidates.targets or editor.figures)
    figures = extract_figures(text, sentences) if wanted else []
    pinned = apply_editor_figures(figures, editor.figures, sentences)
    index, cache = _sentence_index(sentences), {}
    out: list[Figure] = []
    for fig in figures:
        ctx = context_of(fig, sentences, index, cache)
        pin = pinned.get(id(fig))
        if pin is not None and pin.get("indicator"):
            fig.indicator, fig.target, fig.score = pin["indicator"], _codes.target_of(pin["indicator"]), 1.0
        elif pin is not None and pin.get("target"):
            fig.target, fig.indicator, fig.score = pin["target"], None, 1.0
            if "indicator" not in pin:  # an indicator of that target, if one fits
                found = link(fig, ctx, Candidates(analysis, framework, targets=[pin["target"]]))
                if found.indicator:
                    fig.indicator, fig.score = found.indicator, found.score
                    _add_terms(fig, found.terms)
        else:
            found = link(fig, ctx, candidates)
            if found.target is None and fig.origin != EDITOR:
                continue  # fits none of the article's targets: not an SDG figure of this article
            fig.target, fig.indicator, fig.score = found.target, found.indicator, found.score
            _add_terms(fig, found.terms)
            if pin is not None and "indicator" in pin:  # the editor said: no indicator
                fig.indicator = None
        if _excluded(fig.target, editor.exclude) or _excluded(fig.indicator, editor.exclude):
            continue
        out.append(fig)
    out.sort(key=lambda f: (f.evidence.start, f.evidence.marks[0][0] if f.evidence.marks else 0) if f.evidence else (1 << 62, 0))
    analysis.figures = out
    return analysis


def _add_terms(fig: Figure, terms: tuple[str, ...]) -> None:
    if fig.evidence and terms:
        fig.evidence = replace(fig.evidence, terms=fig.evidence.terms + tuple(t for t in terms if t not in fig.evidence.terms))
