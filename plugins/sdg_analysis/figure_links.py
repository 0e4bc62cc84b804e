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

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from . import codes as _codes
from .editor_figures import apply_editor_figures
from .figures import _figures_in, deduplicate, extract_figures, possible_values, sentence_candidates
from .framework import Framework
from .frontmatter import EditorInput
from .indicator_terms import _WORDS, Rule, contains, rules_for, stem, stems
from .model import EDITOR, Analysis, Evidence, Figure
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
        self._relevant: dict[str, tuple[float, str | None, float]] | None = None
        self._relevant_to = None

    def relevant(self, candidates: "Candidates") -> dict[str, tuple[float, str | None, float]]:
        """The codes of the candidate rules that find something here (a term, or a share
        of their title words), each with what it finds (:meth:`found`).

        :func:`score` adds nothing for a rule that finds nothing in any of a figure's
        places, so :func:`link` scores only these. A rule finds a share of its title
        here when the place holds one of its title stems, and a term only if the place
        holds the term's first stem: both are looked up (:meth:`Candidates.lookups`),
        and what :meth:`found` would say is made from those look-ups at once, rather
        than by asking it rule by rule. What each finds is kept with its code, so that
        :func:`link` reads it from here rather than again for every rule of every figure.
        """
        if self._relevant_to is not candidates:
            lookups = candidates.lookups()
            words, seq = self.set, self.seq
            # What found() would say, read from the look-ups rather than rule by rule:
            # a term is found only if its first stem is here, so the terms indexed under
            # the place's stems are all the terms that may be; the strongest found of a
            # rule is the first in rule.terms (strongest first), as found() stops there.
            strongest: dict[str, tuple] = {}
            terms = lookups.terms
            for s in words & terms.keys():
                for term_set, _weight, rule, at in terms[s]:
                    if term_set <= words:
                        code = rule.code
                        known = strongest.get(code)
                        if (known is None or at < known[0]) and contains(seq, rule.terms[at][1]):
                            strongest[code] = (at, rule)
            found: dict[str, tuple[float, str | None, float]] = {}
            if self.titles:
                # The share of a rule's title: of one title stem, its part in the look-up,
                # which is the same division of the same numbers as found()'s; of more,
                # added up as found() adds them, in the order of the same set.
                shares: dict[str, float] = {}
                more: list[str] = []
                titles = lookups.titles
                for s in words & titles.keys():
                    for code, part in titles[s]:
                        if code in shares:
                            more.append(code)
                        else:
                            shares[code] = part
                if more:
                    place = candidates.place
                    for code in more:
                        rule = place[code][2]
                        common = words & rule.title.keys()
                        shares[code] = sum(map(rule.title.__getitem__, common)) / rule.title_total
                for code, share in shares.items():
                    known = strongest.get(code)
                    if known is None:
                        found[code] = (0.0, None, share)
                    else:
                        term = known[1].terms[known[0]]
                        found[code] = (term[3], term[0], share)
            for code, (at, rule) in strongest.items():
                if code not in found:  # none of its title stems here: a share of 0
                    term = rule.terms[at]
                    found[code] = (term[3], term[0], 0.0)
            self._relevant = found
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
                share = sum(map(rule.title.__getitem__, common)) / rule.title_total if common else 0.0
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
    return _score(
        rule, kind, counts.found(rule), counts.set <= _POPULATION, ctx.sentence.found(rule), ctx.window.found(rule), listed
    )


def _score(
    rule: Rule,
    kind: str,
    in_counts: tuple[float, str | None, float],
    population: bool,
    in_sentence: tuple[float, str | None, float],
    in_window: tuple[float, str | None, float],
    listed: bool,
) -> tuple[float, tuple[str, ...]]:
    """:func:`score` from what the rule finds in each place (:meth:`Place.found`);
    ``population``: whether the noun phrase's stems are all of :data:`_POPULATION`."""
    weight, term, share = in_counts
    raw = IN_COUNTS * weight + TITLE_IN_COUNTS * share
    matched = [term] if term else []
    # A figure whose noun phrase names something else borrows less from its sentence.
    around = 1.0 if raw > 0 or population else OTHER_COUNTS
    weight, term, share = in_sentence
    if term:
        raw += around * IN_SENTENCE * weight
        if term not in matched:
            matched.append(term)
    weight, term, _ = in_window
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
        #: code -> (target's place, the rule's place among its target's, rule, listed): the
        #: order in which link() meets the rules; a target comes before its indicators.
        self.place: dict[str, tuple[int, int, Rule, bool]] = {}
        for t, (target, inds) in enumerate(self.targets):
            self.place[target.code] = (t, -1, target, False)
            for i, (rule, listed) in enumerate(inds):
                self.place[rule.code] = (t, i, rule, listed)
        self._lookups: _Lookups | None = None
        self._framework = framework

    def lookups(self) -> "_Lookups":
        """The words of the candidate rules as look-ups, made once (see :class:`_Lookups`)."""
        if self._lookups is None:
            self._lookups = _Lookups(self, self._framework)
        return self._lookups


@lru_cache(maxsize=4)
def _indicators_by_target(framework: Framework) -> dict[str, tuple[str, ...]]:
    return {t.code: tuple(i.code for i in t.indicators) for t in framework.targets}


# -- which sentences' figures could be kept ---------------------------------------------
#: :func:`score` is at most ``_TERM * w_x + _WINDOW * w_w + _TITLE * share_x`` plus the
#: listed bonus, where ``w_x`` is the weight of the strongest term whose words all
#: occur in the stems ``x`` of the figure's sentence and noun phrase, ``w_w`` the same
#: in its window, and ``share_x`` the share of title words found in ``x`` (see
#: :class:`_Reach`).
_TERM = IN_COUNTS + IN_SENTENCE
_WINDOW = IN_WINDOW
_TITLE = TITLE_IN_COUNTS + TITLE_IN_SENTENCE
#: A bound under this keeps a figure under TARGET_THRESHOLD once rounded to 4 places,
#: with room for the order in which floats were added.
_CANNOT_LINK = TARGET_THRESHOLD - 1e-4
assert max(KIND_FITS, KIND_UNKNOWN, KIND_NEAR, KIND_CLASHES, OTHER_COUNTS) <= 1.0  # what the bound assumes


@dataclass(frozen=True)
class _TargetLookups:
    """The words of one target's rules (the target's and its indicators'), as look-ups.

    ``terms``: a stem -> the ``(stems, weight, rule, index in rule.terms)`` of the
    terms whose first stem it is; ``titles``: a title stem -> ``(rule code, its weight / the rule's title
    total)`` for every rule whose official title holds it; ``words``: every stem of
    the rules' terms and titles.
    """

    terms: dict
    titles: dict
    words: frozenset


@lru_cache(maxsize=4)
def _all_target_lookups(framework: Framework) -> dict[str, _TargetLookups]:
    """One :class:`_TargetLookups` per target, filled in as targets are met."""
    return {}


def _target_lookups(framework: Framework, code: str) -> _TargetLookups:
    known = _all_target_lookups(framework)
    found = known.get(code)
    if found is None:
        rules = rules_for(framework)
        terms: dict[str, list] = {}
        titles: dict[str, list] = {}
        words: set[str] = set()
        for rule in (rules[code], *(rules[i] for i in _indicators_by_target(framework)[code])):
            words |= rule.vocabulary
            for at, (_text, term, term_set, weight) in enumerate(rule.terms):
                terms.setdefault(term[0], []).append((term_set, weight, rule, at))
            for s, weight in rule.title.items():
                titles.setdefault(s, []).append((rule.code, weight / rule.title_total))
        found = known[code] = _TargetLookups(
            {s: tuple(v) for s, v in terms.items()}, {s: tuple(v) for s, v in titles.items()}, frozenset(words)
        )
    return found


class _Lookups:
    """The words of an article's candidate rules as look-ups: :class:`_TargetLookups`
    joined over its targets. ``listed``: whether any candidate indicator is listed."""

    __slots__ = ("terms", "titles", "listed", "_targets")

    def __init__(self, candidates: "Candidates", framework: Framework):
        self._targets = [_target_lookups(framework, target.code) for target, _indicators in candidates.targets]
        self.terms: dict[str, tuple] = {}
        self.titles: dict[str, tuple] = {}
        for theirs in self._targets:
            for mine, their in ((self.terms, theirs.terms), (self.titles, theirs.titles)):
                if not mine:
                    mine.update(their)
                    continue
                both = mine.keys() & their.keys()
                before = {s: mine[s] for s in both} if both else None
                mine.update(their)
                if before:  # a stem of two targets' rules
                    for s, found in before.items():
                        mine[s] = found + their[s]
        self.listed = any(listed for _target, inds in candidates.targets for _rule, listed in inds)

    def holds_any(self, stems: frozenset[str]) -> bool:
        """Whether one of ``stems`` is a stem of a candidate rule's terms or title.

        Asked of each target's words in turn rather than of their union, which would
        be made for every article to answer a question asked of few.
        """
        return any(not t.words.isdisjoint(stems) for t in self._targets)


class _Reach:
    """How much any rule of the article's targets could score for a figure of a sentence.

    Most numbers an article holds (dates, amounts of the story's background) fit none
    of its targets: :func:`link` drops their figures. Reading a figure (its range,
    unit, noun phrase) and scoring it against every rule is the dearest part of the
    figure stage, so sentences whose figures could not reach :data:`TARGET_THRESHOLD`
    are found first, from the stems of the sentence and its window alone.

    Why that bounds :func:`score`: ``around``, the kind's fit and the constants are at
    most 1 (asserted at import); a term is found in a place only if all its stems are
    there; the sentence's stems are ``x``, and so are the noun phrase's, which is made
    of the sentence's words (:func:`_figures_may_link` says when more stems are added
    to ``x``); the window's are ``w``. So, for every rule, ``score <= _TERM * w_x +
    _WINDOW * w_w + _TITLE * share_x + LISTED_BONUS``, bounded over the rules by the
    strongest term of any rule in ``x`` and in ``w`` and the largest title share in
    ``x``. A bound under :data:`_CANNOT_LINK` rounds under TARGET_THRESHOLD, and
    :func:`link` then gives no target.
    """

    def __init__(self, candidates: "Candidates"):
        lookups = candidates.lookups()
        self.lookups = lookups
        self.terms, self.titles = lookups.terms, lookups.titles
        self.bonus = LISTED_BONUS if lookups.listed else 0.0
        #: Whether "prison sentence" (:func:`_figures_may_link`) may add to a bound.
        self.prison = lookups.holds_any(_PRISON_STEMS)

    def most(self, x: frozenset[str], window: Callable[[], frozenset[str]]) -> float:
        """A bound of :func:`score` for a figure whose sentence (and noun phrase) has the
        stems ``x`` and whose window those ``window()`` gives (asked only when needed);
        exact enough to tell whether it is under :data:`_CANNOT_LINK` (it stops as soon
        as it is not)."""
        terms = self.terms
        w_x = 0.0
        for s in x & terms.keys():
            for term_set, weight, _rule, _at in terms[s]:
                if weight > w_x and term_set <= x:
                    w_x = weight
                    if _TERM * w_x >= _CANNOT_LINK:
                        return _TERM * w_x
        w_w = 0.0
        w = window()
        for s in w & terms.keys():
            for term_set, weight, _rule, _at in terms[s]:
                if weight > w_w and term_set <= w:
                    w_w = weight
        share = 0.0
        hits = x & self.titles.keys()
        if hits:
            shares: dict[str, float] = {}
            for s in hits:
                for code, part in self.titles[s]:
                    shares[code] = shares.get(code, 0.0) + part
            share = max(shares.values())
        return _TERM * w_x + _WINDOW * w_w + _TITLE * share + self.bonus


#: What may open a prison sentence's "counts" ("prison sentence", not words of the sentence):
#: the words SENTENCE_BEFORE and PRISON_AFTER of :mod:`sdg_analysis.numbers` look for.
_PRISON_HINT_WORDS = ("sentenced", "jail", "prison", "condemned", "detention", "behind")
_PRISON_HINT = re.compile("|".join(_PRISON_HINT_WORDS), re.IGNORECASE)
_PRISON_STEMS = frozenset(stems("prison sentence"))
#: How far before a number (its text may start 20 characters before it) the subject a
#: number completes is looked for (:func:`sdg_analysis.noun_phrases.lookback`).
_LOOKBACK_REACH = 120
_SUFFIXES: dict[str, frozenset[str]] = {}


def _suffix_stems(word: str) -> frozenset[str]:
    """The stems of every ending of ``word`` that starts with a letter (cached)."""
    found = _SUFFIXES.get(word)
    if found is None:
        found = frozenset(s for i in range(1, len(word)) if word[i].isascii() and word[i].isalpha() for s in stems(word[i:]))
        if len(_SUFFIXES) < 100_000:
            _SUFFIXES[word] = found
    return found


def _prison_hint(sentence: str) -> bool:
    """Whether :data:`_PRISON_HINT` finds one of its words in ``sentence``.

    A case-insensitive alternation is tried at every position of the sentence (some
    12 µs a sentence, asked of half the sentences not read). In ASCII text (nearly
    all) matching ignoring case is finding the words in the lower-case text; the
    pattern is kept for the rest, where it also matches such letters as "ſ" and "ı".
    """
    if sentence.isascii():
        low = sentence.lower()
        return any(word in low for word in _PRISON_HINT_WORDS)
    return _PRISON_HINT.search(sentence) is not None


def _figures_may_link(
    reach: _Reach, sentence: str, x: frozenset[str], window: Callable[[], frozenset[str]], found: list[tuple[int, bool]]
) -> bool:
    """Whether a figure read in ``sentence`` at the candidates ``found`` could fit a target.

    ``x``: the stems of the sentence, ``window()`` those of its window. A figure's noun
    phrase (``counts``) is made of words of its sentence, whose stems are in ``x``, with
    three exceptions, which are added to ``x``: "prison sentence", the noun phrase of a
    prison term (only where a word it is read from occurs); the subject a number
    completes when it is read from 120 characters before the number (from its text,
    which starts at most 20 characters before it) and that slice starts inside a word:
    the endings of the sentence's words; and words joined by ``&`` or ``+``, which
    :func:`stems` reads as one word and the noun phrase cuts: such a sentence is
    always read.
    """
    if "&" in sentence or "+" in sentence:
        return True
    if reach.most(x, window) >= _CANNOT_LINK:
        return True
    more = x
    if reach.prison and _prison_hint(sentence):
        more = more | _PRISON_STEMS
    if found[-1][0] > _LOOKBACK_REACH:  # candidates are in order
        more = more.union(*map(_suffix_stems, _WORDS.findall(sentence)))
    return more is not x and reach.lookups.holds_any(more - x) and reach.most(more, window) >= _CANNOT_LINK


def _figures_to_link(text: str, sentences: list[Sentence], candidates: Candidates, framework: Framework, cache: dict) -> list[Figure]:
    """The figures :func:`extract_figures` finds, less some that provably fit no target.

    The figures of a sentence are read only when :func:`_figures_may_link` says one of
    them could fit; the others would be dropped by :func:`attach_figures`. One more
    thing ties them to the rest: :func:`~sdg_analysis.figures.deduplicate` keeps one
    figure of several with the same value, range, kind, unit and currency, which may
    be one of a sentence that was not read. Figures of different values never meet
    there, and those of one value meet in text order whatever other figures lie
    between them; so a sentence not read is read after all when one of its numbers
    may have the value of a figure that was (:func:`possible_values`). The figures
    kept, and their order, are then those of ``extract_figures``, less those of
    sentences read only for that, which fit no target either.
    """
    groups = sentence_candidates(text, sentences)
    if not groups:
        return []
    reach = _Reach(candidates)
    read: dict[int, list[Figure]] = {}
    held = []
    for k, found in groups:
        sentence = sentences[k]

        def window(k: int = k) -> frozenset[str]:
            return _window_place(sentences, k, cache).set

        if _figures_may_link(reach, sentence.text, _sentence_place(sentences, k, cache).set, window, found):
            read[k] = _figures_in(sentence, found)
        else:
            held.append((k, found))
    if not (held and read):
        return deduplicate([f for k in sorted(read) for f in read[k]])
    values = {f.value for figures in read.values() for f in figures}
    unlinkable: set[int] = set()
    for k, found in held:
        if not values.isdisjoint(possible_values(sentences[k], found)):
            read[k] = figures = _figures_in(sentences[k], found)
            unlinkable.update(map(id, figures))
    figures = deduplicate([f for k in sorted(read) for f in read[k]])
    # A figure of a sentence read only for deduplicate() fits no target: link() would
    # give it none and attach_figures() drop it, so it is dropped here, unscored.
    return [f for f in figures if id(f) not in unlinkable] if unlinkable else figures


def link(figure: Figure, ctx: Context, candidates: Candidates) -> Link:
    """The indicator (or target) among the article's targets that ``figure`` speaks to.

    Only rules that find something in the figure's noun phrase, sentence or window
    (:meth:`Place.relevant`) are scored: the others score 0. Ties go to the first
    target in code order, and to an indicator over a target.
    """
    counts, sentence, window = ctx.counts, ctx.sentence, ctx.window
    in_counts, in_sentence, in_window = counts.relevant(candidates), sentence.relevant(candidates), window.relevant(candidates)
    relevant = in_counts.keys() | in_sentence.keys() | in_window.keys()
    best_ind = (0.0, (), None)
    best_tgt = (0.0, (), None)
    if relevant:
        kind = figure.kind
        population = counts.set <= _POPULATION
        # The relevant rules in the order of candidates.targets, a target before its
        # indicators: a target none of whose rules is relevant scores 0 and changes nothing.
        current, t_score, t_terms, t_code = -1, 0.0, (), None
        for t, i, rule, listed in sorted(map(candidates.place.__getitem__, relevant)):
            if t != current:
                if t_score > best_tgt[0]:
                    best_tgt = (t_score, t_terms, t_code)
                current, t_score, t_terms, t_code = t, 0.0, (), candidates.targets[t][0].code
            code = rule.code
            s, terms = _score(  # score(): a place where the rule finds nothing gives _NOTHING
                rule,
                kind,
                in_counts.get(code, _NOTHING),
                population,
                in_sentence.get(code, _NOTHING),
                in_window.get(code, _NOTHING),
                listed,
            )
            if i < 0:  # the target itself
                t_score, t_terms = s, terms
                continue
            if s > best_ind[0]:
                best_ind = (s, terms, code)
            if s > t_score:
                t_score, t_terms = s, terms
        if t_score > best_tgt[0]:
            best_tgt = (t_score, t_terms, t_code)
    if best_ind[0] >= INDICATOR_THRESHOLD:
        return Link(_codes.target_of(best_ind[2]), best_ind[2], best_ind[0], best_ind[1])
    if best_tgt[0] >= TARGET_THRESHOLD:
        return Link(best_tgt[2], None, best_tgt[0], best_tgt[1])
    return Link(None, None, max(best_ind[0], best_tgt[0]))


# -- the stage in analyse() -----------------------------------------------------------
def _sentence_index(sentences: list[Sentence]) -> dict[int, int]:
    return {s.start: i for i, s in enumerate(sentences)}


def context_of(figure: Figure, sentences: list[Sentence], index: dict[int, int], cache: dict) -> Context:
    """The places a figure is read from; noun phrases, sentences and windows are shared
    through ``cache``."""
    ev = figure.evidence
    i = index.get(ev.start) if ev else None
    # Figures often count the same thing ("people", or nothing: None): one place for
    # each noun phrase of the article, under the phrase (sentences are under ints).
    key = figure.counts or ""
    counts = cache.get(key)
    if counts is None:
        counts = cache[key] = Place(stems(key))
    if i is None:
        return Context(counts, Place(stems(ev.sentence)) if ev else _EMPTY, _EMPTY)
    return Context(counts, _sentence_place(sentences, i, cache), _window_place(sentences, i, cache))


def _sentence_place(sentences: list[Sentence], k: int, cache: dict) -> Place:
    """The place of sentence ``k``, kept in ``cache`` under ``k`` (its window under ``-1 - k``)."""
    place = cache.get(k)
    if place is None:
        place = cache[k] = Place(stems(sentences[k].text))
    return place


def _window_place(sentences: list[Sentence], k: int, cache: dict) -> Place:
    """The place of the sentences around sentence ``k``, kept in ``cache`` under ``-1 - k``.

    Made once per sentence: :func:`_figures_to_link` asks for its stems before the
    sentence's figures are read, and :func:`context_of` for the place itself after.
    """
    window = cache.get(-1 - k)
    if window is None:
        before = _sentence_place(sentences, k - 1, cache).seq if k > 0 else ()
        after = _sentence_place(sentences, k + 1, cache).seq if k + 1 < len(sentences) else ()
        window = cache[-1 - k] = Place(before + after, titles=False)
    return window


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
    cache: dict = {}
    if not wanted:
        figures = []
    elif editor.figures:  # an editor's entry may match, and keep, any figure
        figures = extract_figures(text, sentences)
    else:
        figures = _figures_to_link(text, sentences, candidates, framework, cache)
    pinned = apply_editor_figures(figures, editor.figures, sentences)
    index = _sentence_index(sentences)
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
    ev = fig.evidence
    if ev and terms:
        # Evidence(...) rather than dataclasses.replace(), which costs four times as much
        # (it looks the fields up on every call); the same object either way.
        ev_terms = ev.terms
        fig.evidence = Evidence(ev.sentence, ev.start, ev.end, ev_terms + tuple(t for t in terms if t not in ev_terms), ev.marks)
