"""The rule table that ties figures to indicators: ``data/indicator-terms.yaml``.

For every indicator and target of the framework, a :class:`Rule`: the hand-written
terms of the table (phrases news reports use for the thing the indicator counts), the
words of its official title weighted by how rare each is among all indicator titles,
and the kinds of figure it is measured in (from the table, or read from the title:
"Number of..." counts, "Proportion of..." percentages). Words are compared after a
light stemming (:func:`stem`), so that "victims" meets "victim" and "trafficked" meets
"trafficking". Built once per framework. Scoring is :mod:`sdg_analysis.figure_links`.
"""

from __future__ import annotations

import math
import re
from itertools import chain
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import yamlio
from .framework import Framework

#: What a term found weighs: a phrase of two words or more, or a single word.
PHRASE, WORD = 1.0, 0.6

#: Words, not numbers: the figures themselves say nothing about what they measure.
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9'’&+-]*")
_STOP = frozenset(
    """a an the of in on at to for from by with without into onto over under about after before during
    and or but nor as if that which who whom whose where when while this these those it its they them
    their he him his she her we our you your is are was were be been being have has had do does did will
    would shall should can could may might must not no also so than then such all any each every some
    other more most less least very there here per via us cent percent million billion trillion thousand
    hundred dozen about around nearly almost some""".split()
)
#: Title words that say how an indicator is measured, not what it is about.
_GENERIC = frozenset(
    """proportion proportions number numbers total share percentage rate rates level levels per capita
    population by sex age aged year years national global indicator annual average mean amount volume
    type types form forms including includ e.g. ratio""".split()
)
_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "person", "persons": "person", "labor": "labour"}


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """A light stem, so that "victims"/"victim" and "trafficked"/"trafficking" meet."""
    cached = _STEMS.get(word)
    if cached is None:
        cached = _stem(word)
        if len(_STEMS) < 100_000:  # bounded: a long build meets many words
            _STEMS[word] = cached
    return cached


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _IRREGULAR.get(w, w)
    if len(w) > 5:
        w = w.replace("iz", "is")
        if w.endswith("our"):
            w = w[:-3] + "or"
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("y"):
        w = w[:-1] + "i"
    return w


#: Word as written -> its stem, or False for a function word.
_CONTENT_STEMS: dict[str, str | bool] = {}
#: Text between spaces -> its content stems: one look-up per piece of text in :func:`stems`.
_CHUNK_STEMS: dict[str, tuple[str, ...]] = {}


#: Up to how many pieces :func:`stems` joins their stems with ``sum``.
_SUM_PIECES = 64


def stems(text: str | None) -> tuple[str, ...]:
    """The content stems of ``text``, in order.

    A word (:data:`_WORDS`) holds no white space, so the words of a text are those of
    its pieces between spaces (``str.split``); each piece is read once per process.
    When every piece has been read before (nearly always), the pieces' tuples are
    joined by ``sum`` in C, a third faster than a list and ``chain`` for a sentence;
    ``sum`` copies what it has joined at each step, so only up to :data:`_SUM_PIECES`.
    """
    if not text:
        return ()
    pieces = text.split()
    if len(pieces) <= _SUM_PIECES:
        try:
            return sum(map(_CHUNK_STEMS.__getitem__, pieces), ())
        except KeyError:
            pass
    found = list(map(_CHUNK_STEMS.get, pieces))
    if None in found:
        for i, piece in enumerate(pieces):
            if found[i] is None:
                found[i] = _piece_stems(piece)
    return tuple(chain.from_iterable(found))


def _piece_stems(piece: str) -> tuple[str, ...]:
    known = _CONTENT_STEMS.get
    out = []
    for word in _WORDS.findall(piece):
        found = known(word)
        if found is None:
            found = False if word.lower() in _STOP else stem(word)
            if len(_CONTENT_STEMS) < 100_000:  # bounded, as _STEMS
                _CONTENT_STEMS[word] = found
        if found is not False:
            out.append(found)
    found = tuple(out)
    if len(_CHUNK_STEMS) < 100_000:
        _CHUNK_STEMS[piece] = found
    return found


def contains(seq: tuple[str, ...], term: tuple[str, ...]) -> bool:
    """``term`` occurs in ``seq`` in order, with at most one other word between two of its words."""
    n = len(term)
    if n == 0 or n > len(seq):
        return False
    first = term[0]
    for i, s in enumerate(seq):
        if s != first:
            continue
        pos, ok = i, True
        for t in term[1:]:
            if pos + 1 < len(seq) and seq[pos + 1] == t:
                pos += 1
            elif pos + 2 < len(seq) and seq[pos + 2] == t:
                pos += 2
            else:
                ok = False
                break
        if ok:
            return True
    return False


# -- the rule table -------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    """What signals one indicator or target: hand-written terms, title words, kinds."""

    code: str
    terms: tuple[tuple[str, tuple[str, ...], frozenset[str], float], ...]  # as written, stems, their set, weight
    title: dict[str, float]  # title stem -> rarity weight
    kinds: frozenset[str] | None
    title_total: float = 0.0
    vocabulary: frozenset[str] = frozenset()  # every stem of its terms and title


def read_terms() -> dict:
    source = resources.files(__package__).joinpath("data", "indicator-terms.yaml")
    return yamlio.load(source.read_text(encoding="utf-8")) or {}


_MAIN_TITLE = re.compile(r",? by (?:sex|age|type|source|sector|speed|mode|level|country|recipient|form)\b.*$|\([^)]*\)", re.IGNORECASE)


def title_kinds(title: str) -> frozenset[str] | None:
    """The kinds of figure an official title says the indicator is measured in."""
    t = title.lower()
    if t.startswith("proportion and number"):
        return frozenset({"percent", "count"})
    if re.search(r"per (?:100,000|1,000|100|million)|mortality|incidence|death rate|birth rate", t):
        return frozenset({"rate", "count"})
    if t.startswith("number of"):
        return frozenset({"count", "rate"})
    if t.startswith(("proportion", "percentage", "share", "prevalence", "coverage")) or re.search(
        r"as a (?:proportion|share|percentage) of|\bshare\b", t
    ):
        return frozenset({"percent"})
    if re.search(r"dollars|\bamount|assistance|flows|expenditure|spending|funding|investment|subsid|revenue|remittance|value of", t):
        return frozenset({"money", "percent"})
    return None


@lru_cache(maxsize=4)
def rules_for(framework: Framework) -> dict[str, Rule]:
    """Rules for every indicator and target of ``framework``, built once per framework."""
    data = read_terms()
    hand = {**(data.get("targets") or {}), **(data.get("indicators") or {})}
    docs: dict[str, tuple[str, ...]] = {}
    for node in [*framework.targets, *framework.indicators]:
        main = _MAIN_TITLE.sub("", node.title)
        docs[node.code] = tuple(dict.fromkeys(s for s in stems(main) if s not in _GENERIC and not s[0].isdigit()))
    df: dict[str, int] = {}
    indicator_docs = [docs[i.code] for i in framework.indicators]
    for doc in indicator_docs:
        for s in doc:
            df[s] = df.get(s, 0) + 1
    n = len(indicator_docs)
    rules = {}
    for code, doc in docs.items():
        entry = hand.get(code) or {}
        terms = tuple(
            (t, stems(t), frozenset(stems(t)), PHRASE if len(stems(t)) > 1 else WORD)
            for t in entry.get("terms", [])
            if stems(t)
        )
        # strongest first, so that the search for the best term can stop early
        terms = tuple(sorted(terms, key=lambda term: -term[3]))
        title = {s: math.log((n + 1) / (df.get(s, 0) + 1)) + 1.0 for s in doc}
        kinds = entry.get("kinds")
        node = framework[code]
        kinds = frozenset(kinds) if kinds else (title_kinds(node.title) if node.kind == "indicator" else None)
        vocabulary = frozenset(title).union(*(term[2] for term in terms))
        rules[code] = Rule(code, terms, title, kinds, sum(title.values()), vocabulary)
    return rules
