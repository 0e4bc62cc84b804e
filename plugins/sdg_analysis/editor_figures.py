"""The editor's ``sdg.figures``: remove, correct or add figures (origin ``editor``).

Each entry is a dict validated by :mod:`sdg_analysis.frontmatter` (keys ``value``,
``text``, ``qualifier``, ``counts``, ``unit``, ``sentence``, ``target``, ``indicator``,
``remove``). Entries apply in order to the figures the analyser extracted:

- An entry *matches* an extracted figure when its ``value`` equals the figure's value
  (or the upper bound of its range) or its ``text`` is the figure's text, and, when the
  entry gives a ``sentence``, the figure's sentence contains it (or is contained in it).
- ``remove: true`` removes every figure it matches.
- Otherwise it *corrects* the first figure it matches: the fields it gives replace the
  figure's, and the figure's origin becomes ``editor``.
- An entry that matches nothing *adds* a figure; its evidence is the article sentence
  containing ``sentence`` (or else ``text``), when there is one.

``target`` and ``indicator`` given in an entry pin the figure there (see
:func:`sdg_analysis.figure_links.attach_figures`).
"""

from __future__ import annotations

import re

from .figures import extract_figures
from .model import EDITOR, Evidence, Figure
from .text import Sentence

_CURRENCIES = frozenset("USD EUR GBP INR JPY CNY CHF AUD CAD KES NGN ZAR THB MMK BDT PKR IDR PHP BRL MXN".split())
_DURATIONS = frozenset("years months weeks days hours decades year month week day hour decade".split())


def _norm(text) -> str:
    return " ".join(str(text or "").split()).lower()


def matches(entry: dict, fig: Figure) -> bool:
    """Whether an editor's entry speaks of the extracted figure ``fig``."""
    same_value = entry.get("value") is not None and entry["value"] in (fig.value, fig.high)
    same_text = bool(entry.get("text")) and _norm(entry["text"]) == _norm(fig.text)
    if not (same_value or same_text):
        return False
    if entry.get("sentence"):
        wanted, actual = _norm(entry["sentence"]), _norm(fig.sentence)
        return bool(actual) and (wanted in actual or actual in wanted)
    return True


def _kind_of(entry: dict) -> tuple[str, str | None, str | None]:
    """Kind, unit and currency of an editor's figure, from its ``unit`` or its ``text``."""
    unit = entry.get("unit")
    if unit is not None:
        u = str(unit).strip()
        if u.upper() in _CURRENCIES:
            return "money", None, u.upper()
        if u in ("%", "per cent", "percent", "percentage points"):
            return "percent", "%" if u != "percentage points" else u, None
        if u.lower() in _DURATIONS:
            return "duration", u.lower() if u.lower().endswith("s") else u.lower() + "s", None
        if u.lower().startswith("per "):
            return "rate", u, None
        return "measure", u, None
    if entry.get("text"):
        found = extract_figures(str(entry["text"]))
        if found:
            return found[0].kind, found[0].unit, found[0].currency
    value = entry["value"]
    return ("count" if float(value).is_integer() else "number"), None, None


def _locate(entry: dict, sentences: list[Sentence]) -> Sentence | None:
    if entry.get("sentence"):
        wanted = _norm(entry["sentence"])
        for s in sentences:
            actual = _norm(s.text)
            if wanted in actual or actual in wanted:
                return s
    if entry.get("text"):
        for s in sentences:
            if str(entry["text"]) in s.text:
                return s
    return None


def _spelled(value) -> list[str]:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return [f"{value:,}", str(value)]
    return [str(value)]


def _evidence(entry: dict, sentence: Sentence, text: str) -> Evidence:
    marks: tuple = ()
    for needle in [text, *_spelled(entry["value"])]:
        m = re.search(re.escape(needle), sentence.text, re.IGNORECASE) if needle else None
        if m:
            marks = ((m.start(), m.end()),)
            break
    return Evidence(sentence=sentence.text, start=sentence.start, end=sentence.end, terms=(text,), marks=marks)


def _number(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def new_figure(entry: dict, sentences: list[Sentence]) -> Figure:
    """A figure the editor adds."""
    kind, unit, currency = _kind_of(entry)
    text = str(entry.get("text") or _spelled(entry["value"])[0])
    sentence = _locate(entry, sentences)
    return Figure(
        value=_number(entry["value"]),
        text=text,
        qualifier=entry.get("qualifier"),
        counts=entry.get("counts"),
        unit=unit,
        evidence=_evidence(entry, sentence, text) if sentence else None,
        origin=EDITOR,
        kind=kind,
        currency=currency,
        score=1.0,
    )


def correct(fig: Figure, entry: dict) -> None:
    """Replace the fields of ``fig`` the editor gives."""
    for key in ("value", "text", "qualifier", "counts"):
        if key in entry:
            setattr(fig, key, _number(entry[key]) if key == "value" else entry[key])
    if "unit" in entry:
        fig.kind, fig.unit, fig.currency = _kind_of(entry)
    fig.origin = EDITOR


def apply_editor_figures(figures: list[Figure], entries: list[dict], sentences: list[Sentence]) -> dict[int, dict]:
    """Remove, correct and add figures in place; the entries that pin a figure, by ``id(figure)``.

    The returned mapping holds, for each figure an entry corrected or added, that entry,
    so that the linking stage can honour its ``target`` and ``indicator``.
    """
    pinned: dict[int, dict] = {}
    for entry in entries:
        hits = [f for f in figures if f.origin != EDITOR and matches(entry, f)]
        if entry.get("remove"):
            gone = {id(f) for f in hits}
            figures[:] = [f for f in figures if id(f) not in gone]
            continue
        if hits:
            fig = hits[0]
            correct(fig, entry)
        else:
            fig = new_figure(entry, sentences)
            figures.append(fig)
        pinned[id(fig)] = entry
    return pinned
