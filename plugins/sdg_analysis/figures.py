"""The quantities an article reports, extracted sentence by sentence from its plain text.

``extract_figures(text, sentences)`` returns :class:`~sdg_analysis.model.Figure` objects
in text order, not yet tied to any target: the value, the quantity as written, its
qualifier ("about", "close to"), its kind (count, percent, money, rate, measure,
duration), unit and currency, the noun phrase it counts ("victims of human
trafficking", "perpetrators of forced scamming convicted") and the sentence as
evidence, with the figure marked. Linking figures to indicators is
:mod:`sdg_analysis.figure_links`.

What is not a figure is masked before numbers are read: dates and years used as dates,
times, ordinals, codes ("SDG 8", "target 8.7", "COVID-19"), phone numbers, list
numbering, ages ("aged 5-17", "a 14-year-old") and time frames ("over the past 10
years"). Only sentences holding a digit or a number word are looked at, and every
pattern is compiled once, at import.
"""

from __future__ import annotations

import re

from .model import Evidence, Figure
from .noun_phrases import PREPOSITIONS, WORD, lookback, noun_phrase
from .numbers import (
    BETWEEN_BEFORE,
    CHANGE_VERB,
    CURRENCY_WORD_TAIL,
    DATED,
    DENOMINATORS,
    DETERMINER_BEFORE,
    DURATION_TAIL,
    FRACTION,
    FROM_BEFORE,
    HAS_NUMBER,
    NAME_BEFORE,
    NUMBER,
    ONE_IN,
    PERCENT_TAIL,
    PHONE_BEFORE,
    PLURALS,
    PRISON_AFTER,
    QUALIFIER_BEFORE,
    RANGE_TAIL,
    RATE_TAIL,
    SCALE,
    SCALE_TAIL,
    SENTENCE_BEFORE,
    SUFFIX_SCALE,
    TIMEFRAME_AFTER,
    TIMEFRAME_BEFORE,
    UNIT_TAIL,
    VAGUE,
    currency_code,
    currency_of_word,
    mask,
    parse_digits,
    parse_number_words,
    unit_name,
)
from .text import Sentence, split_sentences


_STRONG_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|before|after|during|through|throughout|the|early|late|mid|fiscal|"
    r"year|circa|spring|summer|autumn|winter)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|[-–(/])\s*$",
    re.IGNORECASE,
)


_YEAR_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\s*(?:and|or|to|-|–)\s*$")


def _is_year(value: float, text: str, sentence: str, start: int, end: int) -> bool:
    """A bare 4-digit number 1800-2100 used as a date, not as a count.

    "in 2021", "since 2021", "by 2030", "the 2030 Agenda" are dates; "2000 people" and
    "close to 2000 people" count.
    """
    if not re.fullmatch(r"\d{4}", text) or not 1800 <= value <= 2100:
        return False
    if _STRONG_YEAR_BEFORE.search(sentence[max(0, start - 20) : start]):
        return True
    if _YEAR_BEFORE.search(sentence[max(0, start - 12) : start]):
        return True  # "between 2015 and 2020", "2019 or 2020"
    if sentence[:start].endswith(("'s ", "’s ")):
        return True  # "the UN's 2023 report"
    nxt = WORD.match(sentence, end)
    # counted things are plural: "2000 people", "1500 cases"; "2023 report" is a date
    if not nxt or nxt.group(1).lower() in DATED:
        return True
    return not (nxt.group(1).lower() in PLURALS or re.fullmatch(r"[a-z]+s", nxt.group(1)))


def _scaled(digits: str, suffix: str | None, sentence: str, end: int) -> tuple[float, int]:
    """The value of digits with their scale: "2.5 million", "3bn"; and where it ends."""
    value = parse_digits(digits)
    if suffix:
        return value * SUFFIX_SCALE[suffix.lower()], end
    sc = SCALE_TAIL.match(sentence, end)
    if sc:
        return value * SCALE[sc.group(1).lower()], sc.end()
    return value, end


def _range_high(m: re.Match, masked: str, s: str, before: str, value: float, end: int):
    """The upper bound of a range starting at ``end``, or None: (low, high, end, currency)."""
    r = RANGE_TAIL.match(masked, end)
    if not r:
        return None
    joiner = re.sub(r"[\d\s$€£¥₹.,]|US|USD|EUR|GBP", "", masked[end : r.start("digits") if r.group("digits") else r.start("words")]).lower()
    if joiner == "and":
        if not BETWEEN_BEFORE.search(before):
            return None
    elif joiner in ("-", "–", "—", "to"):
        if FROM_BEFORE.search(before) and CHANGE_VERB.search(before):
            return None  # "rose from 200 to 300": two figures, not a range
    else:
        return None
    if r.group("digits"):
        high, r_end = _scaled(r.group("digits"), r.group("suffix"), s, r.end())
    else:
        high, r_end = parse_number_words(r.group("words")), r.end()
    if high is None or high <= value:
        return None
    if value < 1000 and high >= 1000 * value:  # "2 to 3 million": the scale is shared
        for scale in (1e12, 1e9, 1e6, 1e3):
            if value < high / scale < 1000:
                value *= scale
                break
    if 1800 <= value <= 2100 and 1800 <= high <= 2100 and float(value).is_integer():
        return None  # between 2020 and 2025
    return value, high, r_end, (currency_code(r.group("cur")) if r.group("cur") else None)


class _Reading:
    """One number found in a sentence, read outwards: range, unit, qualifier, noun phrase."""

    __slots__ = ("start", "text_start", "end", "value", "high", "kind", "unit", "currency", "qualifier", "q_start", "counts")

    def __init__(self, start: int, end: int, value: float):
        self.start = self.text_start = start
        self.end = end
        self.value = value
        self.high = None
        self.kind = "count"
        self.unit = None
        self.currency = None
        self.qualifier = None
        self.q_start = None
        self.counts = None


def _read_units(rd: _Reading, s: str, before: str) -> bool | None:
    """Percent, currency, unit or duration after the number. ``None``: not a figure.

    Returns whether the noun phrase is introduced by a preposition ("40 per cent of
    children", "2 million hectares of forest", "US$3 billion in aid").
    """
    end = rd.end
    if rd.currency:
        rd.kind = "money"
        cw = CURRENCY_WORD_TAIL.match(s, end)
        if cw:
            rd.end = cw.end()
        return True
    p = PERCENT_TAIL.match(s, end)
    if p:
        rd.kind, rd.end = "percent", p.end()
        rd.unit = "percentage points" if p.group(1).lower().startswith(("percentage", "pp")) else "%"
        return True
    cw = CURRENCY_WORD_TAIL.match(s, end)
    if cw:
        rd.kind, rd.currency, rd.end = "money", currency_of_word(cw.group(1)), cw.end()
        return True
    u = UNIT_TAIL.match(s, end)
    if u:
        rd.kind, rd.unit, rd.end = "measure", unit_name(u), u.end()
        return True
    d = DURATION_TAIL.match(s, end)
    if d:
        sentence_length = SENTENCE_BEFORE.search(before) or PRISON_AFTER.match(s, d.end())
        if not sentence_length and (TIMEFRAME_BEFORE.search(before) or TIMEFRAME_AFTER.match(s, d.end())):
            return None  # "over the past 10 years", "two years ago": when, not how much
        word = d.group(2).lower()
        if d.group("hyphen") and not word.endswith("s") and not sentence_length:
            return None  # "a three-day visit", "a 30-year concession": a description
        rd.kind, rd.end = "duration", d.end()
        rd.unit = word if word.endswith("s") else word + "s"
        if sentence_length:
            rd.counts = "prison sentence"
        return True
    return False


def _read(m: re.Match, s: str, masked: str) -> _Reading | None:
    start, end = m.start(), m.end()
    before = s[:start]
    if m.group("vague"):
        words = m.group("vague").lower().split()
        value = VAGUE[words[-1]] * (1 if len(words) == 1 else (10 if words[0] == "tens" else 100))
        rd = _Reading(start, start + len(m.group("vague")), value)
        rd.qualifier = m.group("vague").lower() + " of"
        rd.end = rd.end  # "hundreds", without "of": the noun phrase starts with it
    elif m.group("digits"):
        value, end = _scaled(m.group("digits"), m.group("suffix"), s, end)
        if (m.group("suffix") or "").lower() == "m" and not m.group("cur"):
            if re.match(r"\s*(?:high|long|deep|wide|tall|thick|above|below|away)\b", s[end:]):
                return None  # "10m high": metres
        rd = _Reading(start, end, value)
    else:
        value = parse_number_words(m.group("words"))
        if value is None:
            return None
        rd = _Reading(start, end, value)
    if m.group("cur"):
        rd.currency = currency_code(m.group("cur"))
    text = s[start:rd.end]

    q = QUALIFIER_BEFORE.search(before, max(0, start - 25))
    if q and not rd.qualifier:
        rd.qualifier, rd.q_start = q.group(1).lower(), q.start()
    if not rd.currency and not m.group("vague"):
        if _is_year(rd.value, text, s, start, rd.end) and not q:
            return None
        name = NAME_BEFORE.search(before)
        if name and name.start() > 0 and not q and re.match(r"\s*(?:[,.;:)]|$|[A-Z])", s[rd.end :]):
            return None  # "Resolution 2250,", "Boeing 737": a name
        if PHONE_BEFORE.search(before):
            return None
    if not m.group("vague"):
        rng = _range_high(m, masked, s, before, rd.value, rd.end)
        if rng:
            rd.value, rd.high, rd.end, cur = rng
            rd.currency = rd.currency or cur
            b = BETWEEN_BEFORE.search(before)
            if b:
                rd.text_start = b.start()
                q = QUALIFIER_BEFORE.search(before, max(0, b.start() - 25), b.start())
                if q and not rd.qualifier:
                    rd.qualifier, rd.q_start = q.group(1).lower(), q.start()
    after_prep = _read_units(rd, s, before)
    if after_prep is None:
        return None
    after_prep = after_prep or bool(m.group("vague"))
    if rd.kind == "count" and not float(rd.value).is_integer():
        rd.kind = "number"
    if rd.kind == "count" and m.group("words") and not rd.qualifier and rd.value < 10:
        if DETERMINER_BEFORE.search(before[-12:]):
            return None  # "the two countries": refers back, reports nothing new
    np_end = rd.end
    if rd.counts is None:
        if after_prep:
            rd.counts, np_end = noun_phrase(s, rd.end, after=PREPOSITIONS.get(rd.kind, ("of",)))
        if rd.counts is None and rd.kind != "duration":
            rd.counts, np_end = noun_phrase(s, rd.end)
    rate = RATE_TAIL.match(s, max(rd.end, np_end))
    if rate and rd.kind in ("count", "number", "measure"):
        rd.kind, rd.unit = "rate", re.sub(r"\s+", " ", rate.group(1))
        if rate.start() == rd.end:
            rd.end = rate.end()
    if rd.counts is None:
        rd.counts = lookback(s[: rd.text_start])
    if rd.counts is None and rd.kind in ("count", "number"):
        return None  # a bare number that counts nothing we can name
    return rd


def _figures_in(sentence: Sentence) -> list[Figure]:
    s = sentence.text
    masked = mask(s)
    figures: list[Figure] = []
    for m in ONE_IN.finditer(masked):
        a, b = (float(x) if x.isdigit() else parse_number_words(x) for x in (m.group("a"), m.group("b")))
        if a and b and a < b:
            rd = _Reading(m.start(), m.end(), a / b * 100)
            rd.kind, rd.unit = "percent", "%"
            rd.counts, _ = noun_phrase(s, m.end())
            figures.append(_figure(sentence, rd))
            masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    for m in FRACTION.finditer(masked):
        n = 1 if m.group("half") or m.group("n").lower() in ("a", "one") else parse_number_words(m.group("n"))
        d = DENOMINATORS[(m.group("d") or m.group("half")).lower()]
        if n < d:
            rd = _Reading(m.start(), m.end(), round(n / d * 100, 1))
            rd.kind, rd.unit = "percent", "%"
            q = QUALIFIER_BEFORE.search(s, max(0, m.start() - 25), m.start())
            if q:
                rd.qualifier, rd.q_start = q.group(1).lower(), q.start()
            rd.counts, _ = noun_phrase(s, m.end(), after=("of",))
            figures.append(_figure(sentence, rd))
            masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    taken_until = 0
    for m in NUMBER.finditer(masked):
        if m.start() < taken_until:
            continue
        rd = _read(m, s, masked)
        if rd is None:
            continue
        figures.append(_figure(sentence, rd))
        taken_until = rd.end
    return figures


def _number(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(x, 6)


def _figure(sentence: Sentence, rd: _Reading) -> Figure:
    text = sentence.text[rd.text_start : rd.end].strip()
    mark_start = rd.q_start if rd.q_start is not None else rd.text_start
    evidence = Evidence(
        sentence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        terms=(text,),
        marks=((min(mark_start, rd.text_start), rd.end),),
    )
    return Figure(
        value=_number(rd.value),
        text=text,
        qualifier=rd.qualifier,
        counts=rd.counts,
        unit=rd.unit,
        high=_number(rd.high),
        evidence=evidence,
        kind=rd.kind,
        currency=rd.currency,
    )


def _head(counts: str | None) -> str | None:
    if not counts:
        return None
    return counts.split()[0].lower().rstrip("s")


def deduplicate(figures: list[Figure]) -> list[Figure]:
    """One figure per quantity: a headline repeats its body's figure in fewer words.

    Figures with the same value, range, kind, unit and currency that count the same
    thing (same first word of ``counts``, or ``counts`` missing on one side) are one
    figure; the one with the longest sentence, the fullest statement, is kept.
    """
    kept: list[Figure] = []
    for fig in figures:
        key = (fig.value, fig.high, fig.kind, fig.unit, fig.currency)
        for i, other in enumerate(kept):
            if (other.value, other.high, other.kind, other.unit, other.currency) != key:
                continue
            h1, h2 = _head(fig.counts), _head(other.counts)
            if h1 and h2 and h1 != h2:
                continue
            if len(fig.sentence or "") > len(other.sentence or ""):
                kept[i] = fig
            break
        else:
            kept.append(fig)
    kept.sort(key=lambda f: (f.evidence.start, f.evidence.marks[0][0]) if f.evidence else (1 << 30, 0))
    return kept


def extract_figures(text: str, sentences: list[Sentence] | None = None) -> list[Figure]:
    """Every quantity reported in plain ``text``, in text order, once each.

    ``sentences`` are ``split_sentences(text)`` when the caller has them already.
    """
    if sentences is None:
        sentences = split_sentences(text)
    figures: list[Figure] = []
    for sentence in sentences:
        if HAS_NUMBER.search(sentence.text):
            figures.extend(_figures_in(sentence))
    return deduplicate(figures)
