"""Anchors for evidence sentences in an article's HTML body.

Evidence offsets refer to the plain text; the body is HTML. Each sentence is found
in the HTML by its first words, allowing tags and whitespace between them, and an
empty ``<span id="ev-N">`` is placed where it starts, so that analysis sections,
indicator pages and data exports can link to the exact sentence. A sentence that
is not in the body (the title) gets no anchor.
"""

from __future__ import annotations

import html as _html
import re
from typing import Iterable

from .model import Evidence

_GAP = r"(?:\s|<[^>]*>|&nbsp;|&#160;)+"
_WORDS = 6


def anchor_id(evidence: Evidence) -> str:
    return f"ev-{evidence.start}"


def _pattern(sentence: str) -> re.Pattern | None:
    words = sentence.split()[:_WORDS]
    if len(words) < 2:
        return None
    parts = [re.escape(_html.escape(w, quote=False)) for w in words]
    return re.compile(_GAP.join(parts))


def add_anchors(html: str, evidences: Iterable[Evidence]) -> tuple[str, set[str]]:
    """Return the HTML with an anchor before each evidence sentence, and the ids placed."""
    unique = {}
    for ev in evidences:
        unique.setdefault(ev.start, ev)
    inserts: list[tuple[int, str]] = []
    placed: set[str] = set()
    pos = 0
    for start in sorted(unique):
        ev = unique[start]
        pattern = _pattern(ev.sentence)
        if pattern is None:
            continue
        m = pattern.search(html, pos) or pattern.search(html)
        if m is None:
            continue
        ident = anchor_id(ev)
        inserts.append((m.start(), f'<span id="{ident}" class="sdg-anchor"></span>'))
        placed.add(ident)
        pos = m.end()
    if not inserts:
        return html, placed
    out, last = [], 0
    for at, tag in sorted(inserts):
        out.append(html[last:at])
        out.append(tag)
        last = at
    out.append(html[last:])
    return "".join(out), placed
