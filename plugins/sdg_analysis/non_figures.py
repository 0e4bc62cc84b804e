"""What looks like a number in a sentence and is not a figure the article reports.

:func:`not_a_figure` is asked about one number at a time, with its span in the
sentence, and looks only at the few characters around it: links and e-mail
addresses, codes glued to letters (G20, COVID-19, CO2, PM2.5) or led by a keyword
("SDG 8", "target 8.7", "Resolution 2250", lists such as "targets 8.7, 16.2 and
16.3"), dotted codes and versions (16.2.2), ordinals (21st), decades (1990s), dates
("21 February 2025", "February 21", "21/02/2025"), times (10:30, 9 pm), phone
numbers, citation marks ([12]), ages ("aged 5-17", "a 14-year-old"), "under-5",
denominators ("per 100,000"), multipliers ("three times") and list numbering. Years
used as dates are told from counts by :func:`is_year` ("in 2021" against "2000 people").

Looking around each number, rather than masking whole sentences with one large
pattern, keeps extraction fast: every check here is an anchored match or a search
over a window of a few dozen characters.
"""

from __future__ import annotations

import re

from .noun_phrases import WORD as _NEXT_WORD
from .numbers import DATED, PLURALS
from .numbers import ONE_OK_AFTER as _ONE_OK_AFTER

MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_I = re.IGNORECASE

#: Letters that may follow digits directly: scales and units ("3bn", "10km", "40%").
_SUFFIX_OK = re.compile(r"(?:bn|mn|tn|m|k|km2|km²|km|kg|ha|mw|gw|kw|tw|twh|gwh|mwh|kwh|mt|m3|m³|pp|pc)\b", _I)
_DAY_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}(?![a-z])", _I)
_NUMERIC_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\d{1,2}/\d{1,2}\b")
_TIME_AFTER = re.compile(r"(?::\d{2}|[.:]\d{2}\s*(?:a\.m\.|p\.m\.|am|pm|hrs|h)\b|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|gmt\b|utc\b))", _I)
_PHONE_AT = re.compile(r"\d{2,4}[.-]\d{3,4}[.-]\d{3,4}\b")
_SHORT_PHONE_AT = re.compile(r"\d{2,4}(?:[\s.-]\d{2,4})+\b")
_INTERNATIONAL_PHONE = re.compile(r"\+\d[\d\s().-]{6,}\d")
_PHONE_BEFORE = re.compile(r"(?:\b(?:tel|telephone|phone|call|hotline|fax|whatsapp)\b[.:]?\s*|\(\d{1,5}\)\s?)$", _I)
_CODE_WORDS = (
    r"sdgs?|goals?|targets?|indicators?|articles?|sections?|chapters?|resolutions?|paragraphs?|para|rules?|"
    r"acts?|laws?|phases?|levels?|tiers?|grades?|categor(?:y|ies)|class|type|rooms?|routes?|highways?|flights?|"
    r"pages?|pp?\.|no\.|nos\.|nr\.|vol\.|item|annex|step|part|stage|covid|cop|windows|version|v\."
)
#: "targets 8.7, 16.2 and 16.3": a code after a keyword and a list of codes.
_CODE_LIST_BEFORE = re.compile(
    rf"\b(?:{_CODE_WORDS})\s*\d+(?:\.(?:\d+|[a-z]\b))*(?:\s*(?:,|and|or|&|to|-|–)\s*\d{{1,2}}(?:\.(?:\d{{1,2}}|[a-z]\b))*)*"
    r"\s*(?:,|and|or|&|to|-|–)\s*$",
    _I,
)
_DOTTED_CODE = re.compile(r"\d{1,2}\.(?:\d{1,2}|[a-z])\b")
_AGE_BEFORE = re.compile(
    r"\b(?:aged?|ages)\s+(?:of\s+|between\s+|from\s+|under\s+|over\s+)?(?:\d+\s*(?:-|–|to|and)\s*)?$", _I
)
_AGE_AFTER = re.compile(r"(?:\s*(?:-|–|to)\s*\d+)?[\s-]+(?:years?|months?)[\s-]+old\b|-years?-olds?\b|-month-olds?\b", _I)
_TIMES_AFTER = re.compile(r"\s*(?:times|x)\b", _I)
_LIST_NUMBER = re.compile(r"\s*\(?\d{1,2}[.)]\s")


def _token_around(s: str, start: int, end: int) -> tuple[str, int]:
    """The whitespace-delimited token holding ``s[start:end]``, and where it ends."""
    left = s.rfind(" ", 0, start) + 1
    right = s.find(" ", end)
    right = right if right != -1 else len(s)
    return s[left:right], right


_MONTH_NAMES = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december".split()
)
_CODE_NAMES = frozenset(
    """sdg sdgs goal goals target targets indicator indicators article articles section sections chapter
    chapters resolution resolutions paragraph paragraphs para rule rules act acts law laws phase phases level
    levels tier tiers grade grades category categories class type room rooms route routes highway highways
    flight flights page pages p. pp. no. nos. nr. vol. item annex step part stage covid cop windows version v.""".split()
)
_PHONE_HINTS = re.compile(r"tel|phone|call|hotline|fax|whatsapp|\)")
#: After a number: a time, a day of a month, an age, a multiplier.
_NOT_AFTER = re.compile(
    "|".join(p.pattern for p in (_TIME_AFTER, _DAY_MONTH_AFTER, _AGE_AFTER, _TIMES_AFTER)), _I
)


def _previous_word(s: str, start: int) -> str:
    """The word just before ``start``, lower case, without a trailing hyphen or comma."""
    chunk = s[max(0, start - 16) : start].rstrip(" -")
    parts = chunk.lower().split()
    return parts[-1].rstrip(",") if parts else ""


def not_a_figure(s: str, start: int, end: int, words: bool = False) -> int | None:
    """Whether the number at ``s[start:end]`` is not a figure.

    Returns ``None`` when it may be one, else the position to skip to (past a phone
    number, say, so that its parts are not read as numbers either). ``words``: the
    number is written in words ("one", "three"). Cheap string tests come first; a
    pattern runs only when they leave a doubt.
    """
    if words:
        w = s[start:end].lower()
        if w == "one" and not _ONE_OK_AFTER.match(s, end):
            return end  # "one of them", "no one", "one day"
        if _TIMES_AFTER.match(s, end) or _AGE_AFTER.match(s, end):
            return end  # "three times more", "a five-year-old"
        if "age" in s[max(0, start - 24) : start].lower() and _AGE_BEFORE.search(s, max(0, start - 24), start):
            return end
        return None
    before = s[max(0, start - 2) : start]
    nxt = s[end : end + 2]
    if "@" in s or "://" in s or "www." in s:  # the token is a piece of s
        token, token_end = _token_around(s, start, end)
        if "://" in token or "www." in token or "@" in token:
            return token_end
    if before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha()):
        return end  # G20, CO2, COVID-19, SDG8
    if nxt[:1].isalpha() and not _SUFFIX_OK.match(s, end):
        return end  # 5G, 3D, 21st, 1990s
    if (nxt[:1] == "." and nxt[1:2].isdigit()) or (before[-1:] == "." and before[:1].isdigit()):
        return end  # 16.2.2, version numbers
    if before[-1:] == "[" and nxt[:1] == "]":
        return end  # citation mark
    if before[-1:] == "+":
        m = _INTERNATIONAL_PHONE.match(s, start - 1)
        return m.end() if m else end
    if start <= 1 and _LIST_NUMBER.match(s):
        return end
    if nxt[:1] in "/.-:" and nxt[1:2].isdigit():
        date = _NUMERIC_DATE.match(s, start)
        if date:
            return date.end()
        phone = _PHONE_AT.match(s, start)
        if phone:
            return phone.end()
    if _NOT_AFTER.match(s, end):
        return end  # 10:30, 9 pm, 21 February, 14 years old, three times
    prev = _previous_word(s, start)
    if prev.rstrip(".,") in _MONTH_NAMES and re.match(r"\d{1,2}\b(?!\s*(?:%|per|million|billion))|\d{4}\b", s[start:]):
        return end  # February 21, February 2025
    if prev in _CODE_NAMES or prev.rstrip(".") + "." in _CODE_NAMES:
        return end  # SDG 8, Resolution 2250, No. 5
    if prev == "per":
        return end  # the denominator of a rate
    if prev == "under" and s[start:end] == "5":
        return end  # under-5 mortality
    window = s[max(0, start - 24) : start].lower()
    if _PHONE_HINTS.search(window) and _PHONE_BEFORE.search(s, max(0, start - 16), start):
        m = _SHORT_PHONE_AT.match(s, start)
        return m.end() if m else end
    if "age" in window and _AGE_BEFORE.search(s, max(0, start - 24), start):
        return end
    wide = s[max(0, start - 60) : start]
    low = wide.lower()
    if ("sdg" in low or "goal" in low or "target" in low or "indicator" in low) and _CODE_LIST_BEFORE.search(wide):
        if _DOTTED_CODE.match(s, start) or (s[start:end].isdigit() and int(s[start:end]) <= 17):
            return end  # targets 8.7, 16.2 and 16.3
    return None


# -- years -----------------------------------------------------------------------------
STRONG_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|before|after|during|through|throughout|the|early|late|mid|fiscal|"
    r"year|circa|spring|summer|autumn|winter)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|[-–(/])\s*$",
    re.IGNORECASE,
)
_YEAR_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\s*(?:and|or|to|-|–)\s*$")


_FOUR_DIGITS = re.compile(r"\d{4}")


def is_year(value: float, text: str, sentence: str, start: int, end: int) -> bool:
    """A bare 4-digit number 1800-2100 used as a date, not as a count.

    "in 2021", "since 2021", "by 2030", "the 2030 Agenda" are dates; "2000 people" and
    "close to 2000 people" count.
    """
    if not 1800 <= value <= 2100 or not _FOUR_DIGITS.fullmatch(text):
        return False
    if STRONG_YEAR_BEFORE.search(sentence[max(0, start - 20) : start]):
        return True
    if _YEAR_BEFORE.search(sentence[max(0, start - 12) : start]):
        return True  # "between 2015 and 2020", "2019 or 2020"
    if sentence[:start].endswith(("'s ", "’s ")):
        return True  # "the UN's 2023 report"
    nxt = _NEXT_WORD.match(sentence, end)
    # counted things are plural: "2000 people", "1500 cases"; "2023 report" is a date
    if not nxt or nxt.group(1).lower() in DATED:
        return True
    return not (nxt.group(1).lower() in PLURALS or re.fullmatch(r"[a-z]+s", nxt.group(1)))
