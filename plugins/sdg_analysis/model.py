"""The analysis of one article as plain objects.

Every label (a goal, target or indicator the article addresses) says where it came
from (the analyser or an editor) and carries its evidence: sentences of the article,
with character offsets into the article's plain text and the terms that matched.
"""

from __future__ import annotations

import pickle
import sys
import zlib
from dataclasses import dataclass, field
from typing import Literal

from . import codes as _codes

Origin = Literal["analyser", "editor"]
ANALYSER: Origin = "analyser"
EDITOR: Origin = "editor"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of the article that supports a label or reports a figure.

    ``start``/``end`` are offsets of the sentence in the article's plain text
    (:func:`sdg_analysis.text.plain_text`); ``marks`` are ``(start, end)`` spans of
    the matched terms relative to the sentence, and ``terms`` the matched words.
    """

    sentence: str
    start: int
    end: int
    terms: tuple[str, ...] = ()
    marks: tuple[tuple[int, int], ...] = ()

    @property
    def anchor(self) -> str:
        """The id of the anchor placed before the sentence in the article's body
        (:func:`sdg_analysis.anchors.add_anchors`), which quotes link to."""
        return f"ev-{self.start}"

    def __reduce__(self):
        # A frozen dataclass with slots pickles its fields through Python-level state
        # methods; analyses cross processes and the cache, so keep it cheap. Read
        # back, the terms and marks are shared with every other evidence that has
        # the same (see _shared_evidence).
        return (_shared_evidence, (self.sentence, self.start, self.end, self.terms, self.marks))


# Matched terms and mark spans repeat across articles ("trafficking", (0, 11)): an
# analysis read back from a worker or the cache shares them instead of holding its
# own copies, a quarter of an analysis's memory. The spans kept are bounded.
_SPANS: dict[tuple[int, int], tuple[int, int]] = {}
_SPANS_KEPT = 1 << 16


def _intern(text: str | None) -> str | None:
    return sys.intern(text) if text.__class__ is str else text


def shared_marks(marks) -> tuple[tuple[int, int], ...]:
    """``marks`` as a tuple of the spans every evidence with the same shares.

    The analyser makes its evidence with them (and its terms interned): the
    analyses a worker sends back then hold each span and term once, and pickle
    them once, which halves what the build process unpickles (see _shared_evidence).
    """
    spans = _SPANS
    if len(spans) < _SPANS_KEPT:
        return tuple([spans.setdefault(m, m) for m in marks])
    return tuple([spans.get(m, m) for m in marks])


def _shared_evidence(sentence: str, start: int, end: int, terms: tuple, marks: tuple) -> Evidence:
    return Evidence(sentence, start, end, tuple([sys.intern(t) for t in terms]), shared_marks(marks))


@dataclass(slots=True)
class Label:
    """One goal, target or indicator assigned to an article."""

    code: str
    score: float = 0.0
    origin: Origin = ANALYSER
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return _codes.kind_of(self.code)

    def __reduce__(self):  # read back with its code and origin shared (see _shared_evidence)
        return (_shared_label, (self.code, self.score, self.origin, self.evidence))


#: What a figure measures: people or things counted, a percentage, an amount of money,
#: a rate ("per 100,000"), a physical measure (tonnes, hectares, MW), a duration, or a
#: bare non-integer number.
FigureKind = Literal["count", "percent", "money", "rate", "measure", "duration", "number"]


@dataclass(slots=True)
class Figure:
    """A quantity the article reports, tied to a target and, where it fits, an indicator.

    ``text`` is the quantity as written ("US$3 billion", "40 per cent", "Fifteen"),
    without its qualifier; ``value`` is the number it stands for (3e9, 40, 15) and
    ``high`` the upper bound of a range. ``currency`` is an ISO 4217 code for money.
    """

    value: float
    text: str
    qualifier: str | None = None
    counts: str | None = None
    unit: str | None = None
    high: float | None = None  # upper bound of a range ("between 200 and 300")
    evidence: Evidence | None = None
    target: str | None = None
    indicator: str | None = None
    score: float = 0.0
    origin: Origin = ANALYSER
    kind: FigureKind = "count"
    currency: str | None = None

    @property
    def sentence(self) -> str | None:
        return self.evidence.sentence if self.evidence else None

    def __reduce__(self):  # read back with the words of a small vocabulary shared
        return (
            _shared_figure,
            (
                self.value, self.text, self.qualifier, self.counts, self.unit, self.high, self.evidence,
                self.target, self.indicator, self.score, self.origin, self.kind, self.currency,
            ),
        )  # fmt: skip


@dataclass(slots=True)
class Analysis:
    """Goals, targets, indicators and figures of one article, each with its origin."""

    goals: list[Label] = field(default_factory=list)
    targets: list[Label] = field(default_factory=list)
    indicators: list[Label] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    notes: str | None = None
    auto: bool = True
    version: str = ""

    def labels(self, kind: str) -> list[Label]:
        return {"goal": self.goals, "target": self.targets, "indicator": self.indicators}[kind]

    def all_labels(self) -> list[Label]:
        return [*self.goals, *self.targets, *self.indicators]

    def label(self, code: str) -> Label | None:
        for label in self.labels(_codes.kind_of(code)):
            if label.code == code:
                return label
        return None

    @property
    def goal_codes(self) -> list[str]:
        return [label.code for label in self.goals]

    @property
    def target_codes(self) -> list[str]:
        return [label.code for label in self.targets]

    @property
    def indicator_codes(self) -> list[str]:
        return [label.code for label in self.indicators]

    def targets_of(self, goal: str) -> list[Label]:
        return [t for t in self.targets if _codes.goal_of(t.code) == goal]

    def indicators_of(self, target: str) -> list[Label]:
        return [i for i in self.indicators if _codes.target_of(i.code) == target]

    def figures_of(self, code: str) -> list[Figure]:
        """Figures tied to an indicator, or to a target without an indicator."""
        if _codes.kind_of(code) == "indicator":
            return [f for f in self.figures if f.indicator == code]
        return [f for f in self.figures if f.target == code and f.indicator is None]

    def __bool__(self) -> bool:
        return bool(self.goals or self.targets or self.indicators or self.figures)


def _shared_label(code: str, score: float, origin: str, evidence: list) -> Label:
    return Label(_intern(code), score, _intern(origin), evidence)


def _shared_figure(value, text, qualifier, counts, unit, high, evidence, target, indicator, score, origin, kind, currency):
    return Figure(
        value, text, _intern(qualifier), counts, _intern(unit), high, evidence,
        _intern(target), _intern(indicator), score, _intern(origin), _intern(kind), _intern(currency),
    )  # fmt: skip


class Packed:
    """An analysis kept as its pickle, with the codes every listing asks for.

    A build holds every article's analysis from the moment it is read to the end:
    as objects, an analysis of a news article takes about 15 KB (its evidence
    sentences, spans, figures, labels), as its pickle about 4 KB, and 2 KB
    compressed (zlib level 1: 65 µs to compress, 20 to decompress). The build keeps
    this instead and unpickles the analysis where a page needs all of it (its
    article page, the open data); index pages, feeds, cross-links and cards need only
    the codes, kept as lists. Any other attribute is read from the analysis itself,
    so a template can use ``article.sdg`` as it would an :class:`Analysis`; the last
    analysis unpickled is kept, so a page that reads it many times unpickles it once.
    """

    __slots__ = ("data", "goal_codes", "target_codes", "indicator_codes", "_truth", "anchors", "listed")

    def __init__(
        self,
        data: bytes,
        goal_codes: list,
        target_codes: list,
        indicator_codes: list,
        truth: bool,
        anchors=None,
        listed=None,
    ):
        self.data = data
        self.goal_codes = [sys.intern(c) for c in goal_codes]
        self.target_codes = [sys.intern(c) for c in target_codes]
        self.indicator_codes = [sys.intern(c) for c in indicator_codes]
        self._truth = truth
        # where its evidence sentences stand in the HTML it was made from, if given
        # (sdg_analysis.anchors.anchor_positions): placed there without looking again
        self.anchors = anchors
        # and its figures as the build lists them on goal, target and indicator pages,
        # with those anchors (sdg_portal.figures.packed_rows), when made with them
        self.listed = listed

    @classmethod
    def of(cls, analysis: Analysis | "Packed", anchors=None, listed=None) -> "Packed":
        if isinstance(analysis, Packed):
            return analysis
        data = zlib.compress(pickle.dumps(analysis, pickle.HIGHEST_PROTOCOL), 1)
        return cls(
            data, analysis.goal_codes, analysis.target_codes, analysis.indicator_codes, bool(analysis), anchors, listed
        )

    @staticmethod
    def load(data: bytes) -> Analysis:
        """The analysis packed in ``data`` (:attr:`data` of a packed analysis)."""
        return pickle.loads(zlib.decompress(data))

    def analysis(self) -> Analysis:
        """The analysis (a new object, or the one unpickled last)."""
        global _last
        last = _last
        if last is not None and last[0] is self:
            return last[1]
        analysis = Packed.load(self.data)
        _last = (self, analysis)
        return analysis

    def __getattr__(self, name: str):
        if name.startswith("_") or name in Packed.__slots__:  # not set yet: no analysis to ask
            raise AttributeError(name)
        return getattr(self.analysis(), name)

    def __bool__(self) -> bool:
        return self._truth

    def __eq__(self, other) -> bool:
        if isinstance(other, Packed):
            other = other.analysis()
        return isinstance(other, Analysis) and self.analysis() == other

    __hash__ = None

    def __reduce__(self):
        return (
            Packed,
            (self.data, self.goal_codes, self.target_codes, self.indicator_codes, self._truth, self.anchors, self.listed),
        )

    def __repr__(self) -> str:
        return f"Packed({self.analysis()!r})"


_last: tuple[Packed, Analysis] | None = None  # the analysis Packed.analysis() unpickled last


def unpacked(analysis: Analysis | Packed) -> Analysis:
    """``analysis`` as an :class:`Analysis`, whether packed or not."""
    return analysis.analysis() if isinstance(analysis, Packed) else analysis
