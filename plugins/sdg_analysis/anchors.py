"""Anchors for evidence sentences in an article's HTML body.

Evidence offsets refer to the plain text; the body is HTML. Each sentence is found
in the HTML by its first words: the first word is looked for with ``str.find``,
and a candidate is kept when the text that follows it, once tags and whitespace
are dropped and entities decoded, starts with the sentence's first words (also
without whitespace). An empty ``<span id="ev-N">`` is placed where the sentence
starts, so that analysis sections, indicator pages and data exports can link to
the exact sentence. A sentence that is not in the body (the title) gets no anchor.
No regular expression is compiled per sentence: this runs for every article.
"""

from __future__ import annotations

import html as _html
import re
from array import array
from bisect import bisect_left
from collections.abc import Set
from typing import Iterable

from .model import Evidence

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_WORDS = 6
_BOUNDARY = frozenset(" \t\r\n>(\"'“‘")


def anchor_id(evidence: Evidence) -> str:
    return evidence.anchor  # "ev-<start>"


class AnchorIds(Set):
    """The ids of the anchors placed in one article's body (``ev-<start>``), a set.

    A build holds one per article from its SDG context to the end, for the quotes of
    its page and the figures listed elsewhere to link to: kept as the sentences'
    offsets in an array (about 100 bytes for 20 anchors), not as a set of strings
    (about 2 kB).
    """

    __slots__ = ("_starts",)

    def __init__(self, starts: Iterable[int] = ()):
        self._starts = array("I", sorted(starts))

    def __contains__(self, ident) -> bool:
        if ident.__class__ is not str or not ident.startswith("ev-"):
            return False
        try:
            start = int(ident[3:])
        except ValueError:
            return False
        i = bisect_left(self._starts, start)
        # the id must also be the one anchor_id() makes: not "ev-07" nor "ev-+7"
        return i < len(self._starts) and self._starts[i] == start and ident == f"ev-{start}"

    def __iter__(self):
        return (f"ev-{start}" for start in self._starts)

    def __len__(self) -> int:
        return len(self._starts)

    def __repr__(self) -> str:
        return f"AnchorIds({list(self._starts)})"


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def locate(html: str, sentence: str, start: int = 0, end: int | None = None) -> int:
    """Offset in ``html`` where ``sentence`` begins, searching from ``start`` (and
    before ``end``); -1 if absent."""
    words = sentence.split()[:_WORDS]
    if len(words) < 2:
        return -1
    joined = " ".join(words)
    first = _html.escape(words[0], quote=False)
    wanted = None  # the words without whitespace, made when a candidate needs it
    span = len(joined) * 3 + 120  # room for tags and entities between the words
    # Most sentences stand in the body as written, escaped, or with a line break of
    # the Markdown source between two words (a third of them in the benchmark's
    # corpus): a candidate that starts with that needs no stripping of tags (the
    # escaped words hold no "<") and passes the test below, which is for the rest
    # (markup, entities).
    verbatim = _html.escape(joined, quote=False)
    size = len(verbatim)
    stop = len(html) if end is None else end
    i = html.find(first, start)
    while i != -1 and i < stop:
        if i == 0 or html[i - 1] in _BOUNDARY:
            if html.startswith(verbatim, i):
                return i
            piece = html[i : i + size]
            if "\n" in piece and piece.replace("\n", " ") == verbatim:
                return i
            if wanted is None:
                wanted = _squeeze(joined)
            following = _squeeze(_html.unescape(_TAG.sub("", html[i : i + span])))
            if following.startswith(wanted):
                return i
        i = html.find(first, i + 1)
    return -1


def anchored_evidence(analysis) -> list[Evidence]:
    """The evidence of an analysis that gets an anchor: its labels' sentences and its
    figures' (some the same sentence: one anchor each, by start)."""
    evidences = [ev for label in analysis.all_labels() for ev in label.evidence]
    evidences += [f.evidence for f in analysis.figures if f.evidence]
    return evidences


def _tag(start: int) -> str:
    return f'<span id="ev-{start}" class="sdg-anchor"></span>'


def anchor_positions(html: str, evidences: Iterable[Evidence]) -> array:
    """Where the anchors of ``evidences`` go in ``html``: a flat array of pairs,
    (offset in ``html``, the sentence's start in the text), in the order they are
    inserted; about 150 bytes for 18 anchors. A sentence not in the body (the
    title) has none."""
    unique = {}
    for ev in evidences:
        unique.setdefault(ev.start, ev)
    found: list[tuple[int, str, int]] = []
    pos = 0
    for start in sorted(unique):
        at = locate(html, unique[start].sentence, pos)
        if at == -1 and pos:  # before the sentences placed so far (from pos on, it is not)
            at = locate(html, unique[start].sentence, 0, pos)
        if at == -1:
            continue
        found.append((at, _tag(start), start))
        pos = at + 1
    # two sentences found at one offset go in the order of their tags as text, as
    # they always have: the tag is in the key for that, not kept
    found.sort()
    out = array("I")
    for at, _, start in found:
        out.append(at)
        out.append(start)
    return out


def insert_anchors(html: str, positions: array) -> str:
    """``html`` with the anchors of :func:`anchor_positions` inserted (``html`` itself
    when there are none)."""
    if not positions:
        return html
    out, last = [], 0
    for i in range(0, len(positions), 2):
        at = positions[i]
        out.append(html[last:at])
        out.append(_tag(positions[i + 1]))
        last = at
    out.append(html[last:])
    return "".join(out)


def placed_ids(positions: array) -> AnchorIds:
    """The ids of the anchors at ``positions``."""
    return AnchorIds(positions[1::2])


def add_anchors(html: str, evidences: Iterable[Evidence]) -> tuple[str, AnchorIds]:
    """Return the HTML with an anchor before each evidence sentence, and the ids placed."""
    positions = anchor_positions(html, evidences)
    return insert_anchors(html, positions), placed_ids(positions)
