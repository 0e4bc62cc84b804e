"""The quantities an article reports, extracted sentence by sentence from its plain text.

``extract_figures(text, sentences)`` returns :class:`~sdg_analysis.model.Figure` objects
in text order, not yet tied to any target: the value, the quantity as written, its
qualifier ("about", "close to"), its kind (count, percent, money, rate, measure,
duration), unit and currency, the noun phrase it counts ("victims of human
trafficking", "perpetrators of forced scamming convicted") and the sentence as
evidence, with the figure marked. Linking figures to indicators is
:mod:`sdg_analysis.figure_links`.

Candidate numbers (digit runs and number words) are found once per text; each is then
read outwards with anchored patterns: what it is not (:mod:`sdg_analysis.non_figures`:
dates and years used as dates, times, ordinals, codes such as "SDG 8" or "COVID-19",
phone numbers, ages, list numbering), its scale, range, unit or currency
(:mod:`sdg_analysis.numbers`), its qualifier, and what it counts
(:mod:`sdg_analysis.noun_phrases`). Time frames ("over the past 10 years") are not
figures either. Only sentences holding a candidate are read, and every pattern is
compiled once, at import.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .model import Evidence, Figure
from .noun_phrases import PREPOSITIONS, lookback, noun_phrase
from .non_figures import STRONG_YEAR_BEFORE, is_year, not_a_figure
from .numbers import (
    ASCII_LOWER,
    A_BEFORE,
    BETWEEN_BEFORE,
    CANDIDATE_WORD_AFTER_RE,
    CANDIDATE_WORD_RE,
    CHANGE_VERB,
    CURRENCY_BEFORE,
    CURRENCY_WORD_TAIL,
    DENOMINATORS,
    DETERMINER_BEFORE,
    DIGITS_AT,
    DIGIT_RUN,
    DURATION_TAIL,
    FRACTION_AFTER,
    FRACTION_WORDS,
    FROM_BEFORE,
    NAME_BEFORE,
    NOT_HALF_BEFORE,
    NUMBER_WORDS,
    NUMERATOR_BEFORE,
    OF_AFTER,
    ONE_IN_AT,
    ONE_OK_AFTER,
    PERCENT_TAIL,
    PRISON_AFTER,
    RANGE_TAIL,
    RATE_TAIL,
    SCALE,
    SCALE_TAIL,
    SCALE_WORDS,
    SENTENCE_BEFORE,
    SUFFIX_SCALE,
    TIMEFRAME_AFTER,
    TIMEFRAME_WORDS,
    UNIT_TAIL,
    VAGUE,
    VAGUE_AT,
    VAGUE_WORDS,
    WORD,
    WORDS_AT,
    currency_code,
    currency_of_word,
    parse_digits,
    parse_number_words,
    qualifier_before,
    unit_name,
    words_before,
)
from .text import Sentence, split_sentences


def _scaled(digits: str, suffix: str | None, sentence: str, end: int) -> tuple[float, int]:
    """The value of digits with their scale: "2.5 million", "3bn"; and where it ends."""
    value = parse_digits(digits)
    if suffix:
        return value * SUFFIX_SCALE[suffix.lower()], end
    sc = SCALE_TAIL.match(sentence, end)
    if sc:
        return value * SCALE[sc.group(1).lower()], sc.end()
    return value, end


_RANGE_FIRST = frozenset("-–—tTaA")


def _range_high(s: str, before: str, value: float, end: int):
    """The upper bound of a range starting at ``end``, or None: (low, high, end, currency)."""
    # RANGE_TAIL starts with "-", a dash, "to" or "and" after white space: one look at
    # the first character after the white space rules most numbers out
    first = s[end : end + 1]
    if first.isspace():
        first = s[end:].lstrip()[:1]
    if first not in _RANGE_FIRST:
        return None
    r = RANGE_TAIL.match(s, end)
    if not r:
        return None
    high_start = r.start("digits") if r.group("digits") else r.start("words")
    if r.group("digits") and not_a_figure(s, high_start, r.end("digits")) is not None:
        return None
    joiner = re.sub(r"[\d\s$€£¥₹.,]|US|USD|EUR|GBP", "", s[end : r.start("cur") if r.group("cur") else high_start]).lower()
    if joiner == "and":
        if not BETWEEN_BEFORE.search(before, max(0, len(before) - 12)):
            return None
    elif joiner in ("-", "–", "—", "to"):
        if FROM_BEFORE.search(before, max(0, len(before) - 8)) and CHANGE_VERB.search(before, max(0, len(before) - 80)):
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
        sentence_length = SENTENCE_BEFORE.search(before, max(0, len(before) - 40)) or PRISON_AFTER.match(s, d.end())
        prev = words_before(before, len(before), 1)
        timeframe = bool(prev) and prev[0] in TIMEFRAME_WORDS
        if not sentence_length and (timeframe or TIMEFRAME_AFTER.match(s, d.end())):
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


def _token(s: str, low: str, pos: int, is_word: bool) -> tuple[_Reading, str] | None:
    """The number starting at ``pos`` (a digit run or a number word), and its source.

    The source is ``"digits"``, ``"words"``, ``"vague"`` ("hundreds of"), ``"ratio"``
    ("one in five") or ``"fraction"`` ("two thirds of").
    """
    if is_word and low.startswith("one", pos) and not ONE_OK_AFTER.match(s, pos + 3):
        return None  # "one of them", "no one": the commonest number word, and rarely a figure
    m = ONE_IN_AT.match(s, pos)
    if m:
        a, b = (float(x) if x.isdigit() else parse_number_words(x) for x in (m.group("a"), m.group("b")))
        if a and b and a < b and not_a_figure(s, pos, m.end("a"), words=is_word) is None:
            rd = _Reading(pos, m.end(), a / b * 100)
            rd.kind, rd.unit = "percent", "%"
            return rd, "ratio"
    if not is_word:
        m = DIGITS_AT.match(s, pos)
        if not m:
            return None
        digits = m.group("digits")
        if len(digits) == 4 and not m.group("suffix") and STRONG_YEAR_BEFORE.search(s, max(0, pos - 20), pos):
            if digits.isdigit() and 1800 <= int(digits) <= 2100:
                return None  # "in 2021", "since 2021", "by 2030": a date, and the commonest number
        if not_a_figure(s, pos, m.end("digits")) is not None:
            return None
        value, end = _scaled(m.group("digits"), m.group("suffix"), s, m.end())
        cur = CURRENCY_BEFORE.search(s, max(0, pos - 6), pos)
        if (m.group("suffix") or "").lower() == "m" and not cur:
            if re.match(r"\s*(?:high|long|deep|wide|tall|thick|above|below|away)\b", s[end:]):
                return None  # "10m high": metres
        rd = _Reading(cur.start() if cur else pos, end, value)
        if cur:
            rd.currency = currency_code(cur.group())
        return rd, "digits"
    word = WORD.match(low, pos).group()
    if word in FRACTION_WORDS:
        if not OF_AFTER.match(s, pos + len(word)):
            return None
        n = NUMERATOR_BEFORE.search(s, max(0, pos - 7), pos)
        if word == "half":
            if n or NOT_HALF_BEFORE.search(s, max(0, pos - 8), pos):
                return None
            start, numerator = pos, 1
        elif n:
            start, numerator = n.start(), parse_number_words(n.group(1)) or 1
        else:
            return None
        rd = _Reading(start, pos + len(word), round(numerator / DENOMINATORS[word] * 100, 1))
        rd.kind, rd.unit = "percent", "%"
        return rd, "fraction"
    if word in VAGUE_WORDS:
        m = VAGUE_AT.match(s, pos)
        if not m:
            return None
        words = m.group(1).lower().split()
        value = VAGUE[words[-1]] * (1 if len(words) == 1 else (10 if words[0] == "tens" else 100))
        rd = _Reading(pos, m.end(1), value)
        rd.qualifier = m.group(1).lower() + " of"
        return rd, "vague"
    start = pos
    if word in SCALE_WORDS:
        a = A_BEFORE.search(s, max(0, pos - 8), pos)
        if not a:
            return None  # "million" with no number of its own
        start = a.start()
    elif word in NUMBER_WORDS and FRACTION_AFTER.match(s, pos + len(word)):
        return None  # "two thirds of": read at "thirds"
    m = WORDS_AT.match(s, start)
    if not m or not_a_figure(s, start, m.end(), words=True) is not None:
        return None
    value = parse_number_words(m.group())
    if value is None:
        return None
    return _Reading(start, m.end(), value), "words"


def _read(s: str, low: str, pos: int, is_word: bool) -> _Reading | None:
    found = _token(s, low, pos, is_word)
    if found is None:
        return None
    rd, source = found
    start = rd.start
    before = s[:start]
    text = s[start : rd.end]
    q = qualifier_before(s, start)
    if q and not rd.qualifier:
        rd.qualifier, rd.q_start = q
    if source in ("ratio", "fraction"):
        after = ("of",) if source == "fraction" else ()
        rd.counts, _ = noun_phrase(s, rd.end, after=after)
        return rd
    if not rd.currency and source != "vague":
        if is_year(rd.value, text, s, start, rd.end) and not q:
            return None
        name = NAME_BEFORE.search(before, max(0, start - 20))
        if name and name.start() > 0 and not q and re.match(r"\s*(?:[,.;:)]|$|[A-Z])", s[rd.end :]):
            return None  # "Resolution 2250,", "Boeing 737": a name
    if source != "vague":
        rng = _range_high(s, before, rd.value, rd.end)
        if rng:
            rd.value, rd.high, rd.end, cur = rng
            rd.currency = rd.currency or cur
            b = BETWEEN_BEFORE.search(before, max(0, start - 12))
            if b:
                rd.text_start = b.start()
                q = qualifier_before(s, b.start())
                if q and not rd.qualifier:
                    rd.qualifier, rd.q_start = q
    after_prep = _read_units(rd, s, before)
    if after_prep is None:
        return None
    after_prep = after_prep or source == "vague"
    if rd.kind == "count" and not float(rd.value).is_integer():
        rd.kind = "number"
    if rd.kind == "count" and source == "words" and not rd.qualifier and rd.value < 10:
        if DETERMINER_BEFORE.search(before, max(0, start - 12)):
            return None  # "the two countries": refers back, reports nothing new
    np_end = rd.end
    if rd.counts is None:
        if after_prep:
            rd.counts, np_end = noun_phrase(s, rd.end, after=PREPOSITIONS.get(rd.kind, ("of",)))
        if rd.counts is None and rd.kind != "duration":
            rd.counts, np_end = noun_phrase(s, rd.end)
    rate = RATE_TAIL.match(s, max(rd.end, np_end)) if rd.kind in ("count", "number", "measure") else None
    if rate:
        rd.kind, rd.unit = "rate", re.sub(r"\s+", " ", rate.group(1))
        if rate.start() == rd.end:
            rd.end = rate.end()
    if rd.counts is None:
        rd.counts = lookback(s[max(0, rd.text_start - 120) : rd.text_start])
    if rd.counts is None and rd.kind in ("count", "number"):
        return None  # a bare number that counts nothing we can name
    return rd


def _figures_in(sentence: Sentence, candidates: list[tuple[int, bool]]) -> list[Figure]:
    """The figures of one sentence, read at each candidate (position in the sentence, is a word)."""
    s = sentence.text
    low = None  # the lower-case sentence, read only at number words
    figures: list[Figure] = []
    taken_until = 0
    for pos, is_word in candidates:
        if pos < taken_until:
            continue
        if is_word and low is None:
            low = s.translate(ASCII_LOWER)
        rd = _read(s, low if is_word else s, pos, is_word)
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


def candidates(text: str) -> list[tuple[int, bool]]:
    """Where numbers may start in ``text``: (offset, written in words), in order.

    Digit runs, and the words of :data:`~sdg_analysis.numbers.CANDIDATE_WORDS` that
    stand alone (no letter on either side) in the lower-case text, found by one scan
    with :data:`~sdg_analysis.numbers.CANDIDATE_WORD_AFTER_RE` (case-insensitive patterns
    scanned across a whole text are what made extraction slow; the lower-case text
    needs none).
    """
    found = [(m.start(), False) for m in DIGIT_RUN.finditer(text)]
    low = text.lower()
    if len(low) != len(text):  # a few characters lengthen in lower case ("İ")
        low = text.translate(ASCII_LOWER)
    n = len(low)
    words = []
    first = CANDIDATE_WORD_RE.match(low)  # at the start: CANDIDATE_WORD_AFTER_RE wants a character before
    if first and (first.end() == n or not low[first.end()].isalpha()):
        words.append((0, True))
    for m in CANDIDATE_WORD_AFTER_RE.finditer(low):
        i, j = m.span(1)
        if not low[i - 1].isalpha() and (j == n or not low[j].isalpha()):
            words.append((i, True))
    if words:
        found = sorted(found + words)
    return found


def extract_figures(text: str, sentences: list[Sentence] | None = None) -> list[Figure]:
    """Every quantity reported in plain ``text``, in text order, once each.

    ``sentences`` are ``split_sentences(text)`` when the caller has them already;
    only sentences holding a candidate number are read.
    """
    if sentences is None:
        sentences = split_sentences(text)
    figures: list[Figure] = []
    for k, found in sentence_candidates(text, sentences):
        figures.extend(_figures_in(sentences[k], found))
    return deduplicate(figures)


def sentence_candidates(text: str, sentences: list[Sentence]) -> list[tuple[int, list[tuple[int, bool]]]]:
    """The :func:`candidates` of ``text`` by sentence: ``(index of the sentence, [(position
    in the sentence, written in words), ...])`` for each sentence holding one, in order.

    Sentences are in order and do not overlap: each candidate is placed by a binary
    search of the sentences' starts, and dropped when it falls between two sentences.
    """
    out: list[tuple[int, list[tuple[int, bool]]]] = []
    found = candidates(text)
    if not found:
        return out
    starts = [s.start for s in sentences]
    last = -1
    for p, w in found:
        k = bisect_right(starts, p) - 1
        if k < 0:
            continue
        sentence = sentences[k]
        if p >= sentence.end:
            continue
        if k != last:
            out.append((k, []))
            last = k
        out[-1][1].append((p - sentence.start, w))
    return out


#: The scales a range may share with its lower bound (:func:`_range_high`), and 1.
_SHARED_SCALES = (1, 1e3, 1e6, 1e9, 1e12)


def possible_values(sentence: Sentence, found: list[tuple[int, bool]]) -> set[float]:
    """Every ``Figure.value`` the figures read in ``sentence`` at ``found`` may have, and more.

    What :func:`_read` makes of a candidate has the value :func:`_token` gives it,
    unless a range shares its scale with it ("2 to 3 million": the 2 becomes 2
    million, :func:`_range_high`); a candidate :func:`_token` refuses is no figure.
    So the values of the sentence's figures are among those of :func:`_token`, each
    times one of :data:`_SHARED_SCALES`, as :func:`_figure` stores them. Reading
    the token alone is cheaper than reading the figure: no range, unit, qualifier or
    noun phrase; and digits (not "one in five") are only scaled, as :func:`_token`
    scales them once it has found them to be no date, code or year.
    """
    s = sentence.text
    low = s.translate(ASCII_LOWER) if any(w for _, w in found) else s
    out: set[float] = set()
    for pos, is_word in found:
        if is_word or ONE_IN_AT.match(s, pos):
            got = _token(s, low, pos, is_word)
            if got is None:
                continue
            value = got[0].value
        else:  # digits: what _token reads, without asking whether they are a figure
            m = DIGITS_AT.match(s, pos)
            if not m:
                continue
            value = _scaled(m.group("digits"), m.group("suffix"), s, m.end())[0]
        for scale in _SHARED_SCALES:  # as _number() stores them
            x = value * scale
            out.add(int(x) if float(x).is_integer() else round(x, 6))
    return out
