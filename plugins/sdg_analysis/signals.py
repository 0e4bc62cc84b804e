"""Signals: every hit of the rule tables and of explicit references in a text, per sentence.

Channels, each producing *hits* (a goal, maybe a target, a weight, and the character
spans of the words that matched, all inside one sentence):

1. **Explicit references**: ``SDG 8``, ``SDGs 3, 5 and 10``, ``Goal 14``, ``target 8.7``,
   ``indicator 16.2.2`` (:data:`REFERENCE_WEIGHT` each, to the target and its goal).
2. **Target phrases** from the rule tables (:mod:`sdg_analysis.rules`), including
   indicator vocabulary and ``a ~ b`` proximity pairs; ambiguous phrases count only
   with a qualifier within one sentence either side, and never next to a veto word.
3. **Goal vocabulary**: topic words of the goal without a particular target.

Discounts: words inside URLs and bracketed citations ``(Smith, 2010)`` are not read at
all; a hit inside an organisation name (``Ministry of Health``) counts
:data:`NAME_DISCOUNT`; a sentence that reads like a reference list or an
acknowledgement counts :data:`CITATION_DISCOUNT`. A phrase inside a longer one gives
way (``drug trafficking`` is not ``trafficking``).

What the hits mean for a text (which goals and targets it addresses) is decided by
:mod:`sdg_analysis.matcher`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, compress
from operator import itemgetter
from typing import NamedTuple

from .framework import Framework, load_framework
from .rules import _UNSEEN, PROXIMITY, RuleSet, load_rules
from .text import Sentence, split_sentences
from .tokens import TOKEN_RE, word_parts

REFERENCE_WEIGHT = 4.0
NAME_DISCOUNT = 0.3
CITATION_DISCOUNT = 0.4

# -- discounts ---------------------------------------------------------------
_MASK_LINKS = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+")
_MASK_CITATIONS = re.compile(r"\((?=[^()]{0,160}\b(?:1[89]|20)\d\d[a-z]?\b)[^()]{0,160}\)")
_NAME_HEADS = frozenset(
    """ministry minister department institute university school journal center faculty bureau office division
    directorate secretariat council commission committee agency observatory organization program fund
    association society foundation forum network alliance review bank facility college academy press""".split()
)
_BREAK = re.compile(r"[.;:!?()\n\[\]]")
# The lookaheads let the engine skip positions where no alternative can start.
# In _CITATION each word alternative is written ``J(?<!\wJ)ournal`` rather than
# ``\bJournal``: the same match (a word character is at a word start when no word
# character comes before it), but an alternative that opens with a letter is ruled
# out by the engine on that letter alone, where ``\b`` is tested first at every
# position the lookahead lets through: half the time on the sentences it is run on.
_CITATION = re.compile(
    r"(?=[eJPWDpVNdIRaAUE(\d])(?:e(?<!\we)t\s?al\b|J(?<!\wJ)ournal\b|P(?<!\wP)ress\b|W(?<!\wW)orking Papers?\b"
    r"|D(?<!\wD)iscussion Paper\b|p(?<!\wp)p\.|V(?<!\wV)ol\.|N(?<!\wN)o\.\s*\d|d(?<!\wd)oi\b|I(?<!\wI)SBN\b"
    r"|R(?<!\wR)etrieved\b|a(?<!\wa)ccessed\b|A(?<!\wA)vailable (?:at|from)\b|\(eds?\.?\)|P(?<!\wP)ublishing\b"
    r"|P(?<!\wP)roceedings\b|E(?<!\wE)ditions?\b|\d+\(\d+\)\s*:\s*\d+|(?:1(?<!\w1)[89]|2(?<!\w2)0)\d\d[a-z]?\b)"
)
_BOILER_CUES = ("thank", "grateful", "acknowledg", "expressed", "reflect", "prejudice", "copyright", "reserved",
                "request", "copyedit", "proofread", "responsibility of", "declassified", "liable", "contributing")
#: A word of each cue: a cue in a text has it in one of the text's pieces between spaces.
_CHUNK_CUES = tuple(c.split(" ")[0] for c in _BOILER_CUES)
_BOILERPLATE = re.compile(  # run on the lower-cased text
    r"(?=[tgavonwcrpdl])(?:\bthank|\bgrateful\b|\backnowledg|\bviews expressed\b|\bopinions expressed\b"
    r"|\bnot necessarily reflect|\bwithout prejudice\b|\bcopyright\b|\ball rights reserved\b"
    r"|\brequests? for\b.*\buse\b|\bcopyedit|\bproofread|\bresponsibility of the authors?\b|\bdeclassified\b"
    r"|\bliable for\b|\bcontributing authors\b)"
)

# -- explicit references -----------------------------------------------------
_GOAL_NUM = r"(1[0-7]|[1-9])"
_TARGET_PART = r"([1-9][0-9]?|[a-d])"
_REFS = [
    re.compile(rf"\b(?:SDG|Sustainable Development Goal|Goal)s?\s*(?:[Tt]arget\s*)?#?\s*{_GOAL_NUM}\.{_TARGET_PART}\b(?!\.\d)"),
    re.compile(rf"\b[Tt]argets?\s+{_GOAL_NUM}\.{_TARGET_PART}\b"),
    re.compile(rf"\b[Ii]ndicators?\s+{_GOAL_NUM}\.{_TARGET_PART}\.\d{{1,2}}\b"),
    re.compile(rf"\b(?:SDG|Sustainable Development Goal|Goal)s?\s*#?\s*{_GOAL_NUM}\b(?!\.\d)"),
]
_REFER_CUES = ("SDG", "Goal", "arget", "ndicator")  # a sentence without them names no code
_MORE_GOALS = re.compile(rf"(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+or\s+){_GOAL_NUM}\b(?!\.\d)")


class Hit(NamedTuple):
    """One signal for a goal (and maybe one of its targets) in one sentence."""

    goal: str
    target: str | None
    weight: float
    sentence: int
    spans: tuple[tuple[int, int], ...]  # absolute character spans in the text
    term: str  # what matched, for repetition decay
    reference: bool = False  # an explicit "SDG 8" / "target 8.7"


def _sentence_factors(text: str, sentences: list[Sentence], words: "Words", bounds: list[tuple[int, int]]) -> list[float]:
    """Per sentence: CITATION_DISCOUNT when it reads like a reference list (many
    capitalised words, years, "et al.", "Journal") or an acknowledgement, else 1."""
    boiler = []
    if words.cues:  # else no cue is in the text (see _chunk)
        lower = text.lower()
        if any(c in lower for c in _BOILER_CUES):
            boiler = [m.start() for m in _BOILERPLATE.finditer(lower)]
    # capitalised words before each word: a sentence's count is a difference of two
    # (an int, as the sum of its words' flags was), not a slice summed per sentence
    caps = list(accumulate(map(_CAP, words.entries), initial=0))
    out = []
    for s, (lo, hi) in zip(sentences, bounds):
        n = hi - lo
        if not n:
            out.append(1.0)
            continue
        if boiler and bisect_left(boiler, s.end) > bisect_left(boiler, s.start):
            out.append(CITATION_DISCOUNT)
            continue
        capitals = (caps[hi] - caps[lo]) / n
        cited = capitals > 0.6 and n >= 5
        if not cited and capitals > 0.2:
            found = len(_CITATION.findall(s.text))
            cited = found >= 3 or (found >= 2 and capitals > 0.3)
        out.append(CITATION_DISCOUNT if cited else 1.0)
    return out


def _spans_overlap(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _positions(text: str, needles: tuple[str, ...]) -> list[int]:
    """Sorted offsets of every occurrence of any of ``needles`` (plain substring search)."""
    found = []
    for needle in needles:
        pos = text.find(needle)
        while pos >= 0:
            found.append(pos)
            pos = text.find(needle, pos + 1)
    return sorted(found)


def _references(sentence: Sentence, fw: Framework, index: int) -> list[Hit]:
    hits: list[Hit] = []
    text, base = sentence.text, sentence.start
    taken: list[tuple[int, int]] = []
    for n, pattern in enumerate(_REFS):
        for m in pattern.finditer(text):
            if _spans_overlap(m.span(), taken):
                continue
            taken.append(m.span())
            span = ((base + m.start(), base + m.end()),)
            if n < 3:
                code = f"{m.group(1)}.{m.group(2)}"
                if fw.exists(code):
                    hits.append(Hit(m.group(1), code, REFERENCE_WEIGHT, index, span, code, True))
                continue
            goals = [m.group(1)]
            end = m.end()
            while more := _MORE_GOALS.match(text, end):
                goals.append(more.group(1))
                end = more.end()
            for goal in goals:
                hits.append(Hit(goal, None, REFERENCE_WEIGHT, index, span, f"SDG {goal}", True))
    return hits


# -- matching ----------------------------------------------------------------
def _occurrences(rs: RuleSet, words: "Words", bounds: list[tuple[int, int]]) -> list[list[tuple[int, int, int]]]:
    """Per sentence, ``(phrase id, first word, end word)`` for every phrase found in it.

    ``bounds``: each sentence's words, indices ``lo`` to ``hi - 1`` into ``words``, in
    text order. One walk over the words some phrase may start at (``words.starting``)
    for the whole text, moving on to the next sentence when a word lies past the end
    of this one, rather than a call, two bisections and a slice per sentence.
    """
    out: list[list[tuple[int, int, int]]] = []
    phrases = rs.phrases
    entries = words.entries
    sentences = iter(bounds)
    found: list[tuple[int, int, int]] = []
    append = found.append
    end = lo = -1  # before the first sentence: its list is made at the first word
    for i in words.starting:
        if i >= end:  # the sentence of word i, and an empty list for each one passed
            for lo, end in sentences:
                out.append(found := [])
                if i < end:
                    break
            else:
                break  # past the last sentence
            append = found.append
        if i < lo:
            continue  # between two sentences
        singles, exact, prefixed, prefixes = entries[i][3]
        for pid in singles:
            append((pid, i, i + 1))
        if i + 1 >= end or not (exact or prefixed):
            continue
        nxt = entries[i + 1]
        longer = exact.get(nxt[0], ())
        if prefixes:
            nxt = nxt[1]
            if nxt.startswith(prefixes):
                for prefix, pids in prefixed:
                    if nxt.startswith(prefix):
                        longer = [*longer, *pids]
        for pid in longer:
            pats = phrases[pid]
            m = len(pats)
            if m == 2:
                append((pid, i, i + 2))
                continue
            if i + m > end:
                continue
            for k in range(2, m):
                kind, value = pats[k]
                other = entries[i + k]
                if (other[0] != value) if kind == "=" else not other[1].startswith(value):
                    break
            else:
                append((pid, i, i + m))
    out.extend([] for _ in sentences)  # the sentences after the last word
    return out


@dataclass
class Matches:
    """Everything the analyser found in one text, before deciding."""

    text: str
    sentences: list[Sentence]
    hits: list[Hit]
    words: int

    @cached_property
    def by_goal(self) -> dict[str, list[Hit]]:
        out: dict[str, list[Hit]] = defaultdict(list)
        for h in self.hits:
            out[h.goal].append(h)
        return dict(out)

    @cached_property
    def by_target(self) -> dict[str, list[Hit]]:
        out: dict[str, list[Hit]] = defaultdict(list)
        for h in self.hits:
            if h.target:
                out[h.target].append(h)
        return dict(out)


def _entry(rs: RuleSet, word: str) -> tuple:
    """What one word as written means to the matcher, cached in ``rs.words``.

    :func:`~sdg_analysis.tokens.word_parts` extended with the candidate phrases that
    can start at each content word and whether it heads an organisation name: a tuple
    of ``((key, spelled, capitalised, candidates, name head), start, end)``, one per
    content word (none for a function word, several for a hyphenated compound),
    offsets inside ``word``.
    """
    found = rs.words.get(word)
    if found is not None:
        return found
    parts = word_parts(word)
    if parts.__class__ is tuple:
        parts = [(*parts[:1], 0, len(word), *parts[1:])] if parts else []
    cache, candidates = rs._candidates, rs.candidates
    out = []
    for key, a, b, spelled, cap in parts:
        c = cache.get(spelled, _UNSEEN)
        if c is _UNSEEN:
            c = candidates(key, spelled)
        out.append(((key, spelled, cap, c, spelled.lower() in _NAME_HEADS), a, b))
    found = tuple(out)
    if len(rs.words) < _CACHE_LIMIT:
        rs.words[word] = found
    return found


def _chunk(rs: RuleSet, chunk: str) -> tuple:
    """The content words of a run of text without spaces, as :func:`_entry` gives them
    for one word, offsets inside ``chunk``; cached in ``rs.chunks``."""
    out = []
    for m in TOKEN_RE.finditer(chunk):
        at = m.start()
        out.extend((e, at + a, at + b) for e, a, b in _entry(rs, m.group()))
    found = tuple(out)
    if len(rs.chunks) < _CACHE_LIMIT:
        rs.chunks[chunk] = found
    return found


_CACHE_LIMIT = 200_000
_CAP, _CANDS, _HEAD = itemgetter(2), itemgetter(3), itemgetter(4)


class Words:
    """The content words of a text, as parallel lists (index ``i`` is the i-th word).

    ``entries``: ``(key, spelled, capitalised, candidates, name head)`` of each word
    (:func:`_entry`); ``starts`` and ``ends``: its offsets in the text; ``starting``:
    the indices of the words some phrase may start at; ``in_name``: of those inside
    organisation names; ``cues``: whether a piece of the text between spaces holds a
    word of :data:`_BOILER_CUES` (if not, the text holds none of them).
    """

    __slots__ = ("entries", "starts", "ends", "starting", "in_name", "cues")

    def __len__(self) -> int:
        return len(self.entries)


def _tokens_of(rs: RuleSet, text: str) -> Words:
    """Content words of ``text`` outside URLs and bracketed citations (see :class:`Words`).

    The text is split at single spaces (``str.split``), and each piece is looked up
    in ``rs.chunks``: a word of :data:`~sdg_analysis.tokens.TOKEN_RE` never holds a
    space, so the words of the text are those of its pieces, and a piece such as
    ``"children,"`` is tokenised, spelled, stemmed and matched against the first words
    of the rule tables once per process (:func:`_chunk`), not once per occurrence.
    Offsets are running sums of the pieces' lengths.
    """
    chunks = text.split(" ")
    values = list(map(rs.chunks.get, chunks))
    cues = _fill(rs, chunks, values) if None in values else False
    entries: list[tuple] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for chunk, found in zip(chunks, values):
        for e, a, b in found:  # mostly one word, or none
            entries.append(e)
            starts.append(pos + a)
            ends.append(pos + b)
        pos += len(chunk) + 1

    masked = [m.span() for m in _MASK_CITATIONS.finditer(text)] if "(" in text else []
    if "@" in text or "http" in text or "www." in text:
        masked = sorted(masked + [m.span() for m in _MASK_LINKS.finditer(text)])
    if masked:
        keep, mi, n = [], 0, len(masked)
        for a, b in zip(starts, ends):
            while mi < n and masked[mi][1] <= a:
                mi += 1
            keep.append(mi == n or masked[mi][0] >= b)
        entries = list(compress(entries, keep))
        starts = list(compress(starts, keep))
        ends = list(compress(ends, keep))

    w = Words()
    w.entries, w.starts, w.ends = entries, starts, ends
    w.cues = cues or (bool(rs.cue_chunks) and not rs.cue_chunks.isdisjoint(chunks))
    indices = range(len(entries))
    # a word's candidates are None or a tuple of four (RuleSet.candidates): true
    w.starting = list(compress(indices, map(_CANDS, entries)))
    heads = list(compress(indices, map(_HEAD, entries)))
    w.in_name = _names(text, w, heads) if heads else set()
    return w


def _fill(rs: RuleSet, chunks: list[str], values: list) -> bool:
    """Fill in, in place, the pieces ``rs.chunks`` does not hold yet (``None``).

    Returns whether one of them holds a word of :data:`_BOILER_CUES`; those that are
    kept in ``rs.chunks`` are noted in ``rs.cue_chunks`` too, so that a text made of
    known pieces is asked about them with one look-up.
    """
    cue = False
    i = values.index(None)
    while True:
        chunk = chunks[i]
        values[i] = _chunk(rs, chunk)
        low = chunk.lower()
        if any(c in low for c in _CHUNK_CUES):
            cue = True
            if chunk in rs.chunks:
                rs.cue_chunks.add(chunk)
        try:
            i = values.index(None, i + 1)
        except ValueError:
            return cue


def _names(text: str, words: Words, heads: list[int]) -> set[int]:
    """Indices of words inside organisation names: a run of capitalised words (joined
    by at most short function words) holding a word such as Ministry, University,
    Organization, Programme or Journal.

    Two neighbouring words are joined when both are capitalised, at most 9 characters
    apart and with no punctuation of :data:`_BREAK` between them; a name is a run of
    two or more joined words. Only the runs around ``heads`` (the indices of the head
    words) are walked, rather than every word of the text.
    """
    found: set[int] = set()
    n = len(words)
    entries, starts, ends = words.entries, words.starts, words.ends
    brk = _BREAK.search

    def joined(i: int) -> bool:  # words i and i + 1
        return (
            entries[i][2] and entries[i + 1][2] and starts[i + 1] - ends[i] <= 9 and not brk(text, ends[i], starts[i + 1])
        )

    for h in heads:
        if h in found or not entries[h][2]:
            continue
        lo = h
        while lo > 0 and joined(lo - 1):
            lo -= 1
        hi = h
        while hi + 1 < n and joined(hi):
            hi += 1
        if hi > lo:
            found.update(range(lo, hi + 1))
    return found


def match(text: str, sentences: list[Sentence] | None = None, framework: Framework | None = None) -> Matches:
    """All hits of the rule tables and explicit references in ``text``."""
    rs = load_rules()
    sentences = split_sentences(text) if sentences is None else sentences
    words = _tokens_of(rs, text)
    starts, ends, in_name = words.starts, words.ends, words.in_name

    # each sentence's words: indices lo..hi-1, and those a phrase may start at
    bounds = [(bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in sentences]

    hits: list[Hit] = []
    refer = _positions(text, _REFER_CUES)
    if refer:
        fw = framework or load_framework()
        for si, s in enumerate(sentences):
            if bisect_left(refer, s.end) > bisect_left(refer, s.start):
                hits.extend(_references(s, fw, si))

    occ = _occurrences(rs, words, bounds)
    present = [{o[0] for o in os} for os in occ]
    factors = _sentence_factors(text, sentences, words, bounds)
    # rs.hit_rules: rs.rules_of as tuples, unpacked in one step rather than read
    # attribute by attribute for each of an article's ~150 rules tried
    hit_rules, weighted_ids, proximity_by_first = rs.hit_rules, rs.weighted_ids, rs.proximity_by_first
    proximity_firsts, proximity_others = rs.proximity_firsts, rs.proximity_others
    new_hit, append = tuple.__new__, hits.append  # Hit(...) without the Python-level __new__
    for si, found in enumerate(occ):
        if not found:
            continue
        factor = factors[si]
        here = present[si]
        window = None
        weighted = [o for o in found if o[0] in weighted_ids]
        longer = [o for o in weighted if o[2] - o[1] > 1]
        if longer:  # a phrase inside a longer one gives way
            # plain loops: a generator for any() per phrase cost more than the test
            kept = []
            for o in weighted:
                _, a, b = o
                for _, pa, pb in longer:
                    if pa <= a and b <= pb and pb - pa > b - a:
                        break
                else:
                    kept.append(o)
            weighted = kept
        for pid, a, b in weighted:
            rules = hit_rules.get(pid)
            if rules is None:
                continue
            span = (starts[a], ends[b - 1])
            # factor * 1.0 is factor: the discount is multiplied in only for a name
            f = factor * NAME_DISCOUNT if in_name and (a in in_name or b - 1 in in_name) else factor
            for goal, target, weight, term, never, near in rules:
                if never is not None and not never.isdisjoint(here):
                    continue
                if near is not None:
                    if window is None:
                        window = set().union(*present[max(0, si - 1) : si + 2])
                    if near.isdisjoint(window):
                        continue
                append(new_hit(Hit, (goal, target, weight * f, si, (span,), term, False)))
        for pid in here & proximity_firsts:
            if here.isdisjoint(proximity_others[pid]):
                continue  # none of its rules' other phrases is here
            for rule in proximity_by_first[pid]:
                if not here.issuperset(rule.others):
                    continue
                if rule.never and not rule.never.isdisjoint(here):
                    continue
                spans = _near(found, pid, rule.others, starts, ends)
                if spans:
                    append(new_hit(Hit, (rule.goal, rule.target, rule.weight * factor, si, spans, rule.text, False)))
    return Matches(text, sentences, hits, len(words))


def _near(occ: list, first: int, others: tuple[int, ...], starts: list[int], ends: list[int]):
    """Spans of ``first`` and of each of ``others`` within PROXIMITY words of it, or ``None``."""
    for p1, a1, b1 in occ:
        if p1 != first:
            continue
        spans = [(starts[a1], ends[b1 - 1])]
        for other in others:
            best = None
            for p2, a2, b2 in occ:
                if p2 != other or not (b1 <= a2 or b2 <= a1):
                    continue
                gap = a2 - b1 if b1 <= a2 else a1 - b2
                if gap <= PROXIMITY and (best is None or gap < best[0]):
                    best = (gap, (starts[a2], ends[b2 - 1]))
            if best is None:
                break
            spans.append(best[1])
        else:
            return tuple(sorted(spans))
    return None
