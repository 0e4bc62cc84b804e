"""How quantities are written in English news text, as compiled patterns and tables.

Number words ("fifteen", "two million", "a dozen", "hundreds of"), digits with thousands
separators, scales ("2.5 million", "3bn", "500 crore"), currencies (prefixes such as
US$, €, £, KSh and words such as "dollars", "rupees", normalised to ISO 4217 codes),
units, percentages, rates ("per 100,000"), ranges and fractions; and the words before a
number (qualifiers, "between", time prepositions). Patterns are anchored: they are
matched at a position where a number was found, never scanned across a sentence.
Everything is compiled once, at import. Used by :mod:`sdg_analysis.figures`; what
only looks like a number is :mod:`sdg_analysis.non_figures`.
"""

from __future__ import annotations

import re

# -- number words -------------------------------------------------------------------
_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_SMALL.update({w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1})
SCALE = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12, "lakh": 1e5, "crore": 1e7}
SUFFIX_SCALE = {"bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}
#: "hundreds of" stands for at least two hundred: the lower bound, qualifier as written.
VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2e6, "billions": 2e9}

_UNITW = "one|two|three|four|five|six|seven|eight|nine"
_SMALLW = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:{_UNITW}))?"
    rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_UNITW})"
)
_SCALEW = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_WORDNUM = rf"(?:{_SMALLW}|half[\s-]+an?(?=[\s-]+{_SCALEW})|an?(?=[\s-]+{_SCALEW}))(?:[\s-]+{_SCALEW}(?:[\s-]+(?:and[\s-]+)?{_SMALLW})?)*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,]|\.\d)|\d+(?:\.\d+)?"
_VAGUEW = r"(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|hundreds|thousands|millions|billions"

# -- currencies ----------------------------------------------------------------------
_CUR_PREFIX = {
    "us$": "USD", "$": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "ksh": "KES", "₦": "NGN",
    "chf": "CHF", "jpy": "JPY", "cny": "CNY", "rmb": "CNY",
}
_CUR_WORD = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "australian dollar": "AUD", "canadian dollar": "CAD", "euro": "EUR", "pounds sterling": "GBP",
    "sterling": "GBP", "rupee": "INR", "indian rupee": "INR", "pakistani rupee": "PKR",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "baht": "THB", "kyat": "MMK", "naira": "NGN",
    "rand": "ZAR", "kenyan shilling": "KES", "shilling": "KES", "peso": "MXN", "philippine peso": "PHP",
    "swiss franc": "CHF", "franc": "CHF", "taka": "BDT", "rupiah": "IDR", "dong": "VND", "ringgit": "MYR",
    "won": "KRW", "dirham": "AED", "riyal": "SAR", "cedi": "GHS", "birr": "ETB", "kwacha": "ZMW",
    "real": "BRL", "reais": "BRL",
}
_CUR_CODES = "USD|EUR|GBP|INR|JPY|CNY|CHF|AUD|CAD|KES|NGN|ZAR|THB|MMK|BDT|PKR|IDR|PHP|BRL|MXN"
_CUR_PREFIX_RE = r"(?:US\s?\$|[ACS]\$|AU\$|CA\$|NZ\$|HK\$|\$|€|£|¥|₹|₦|(?:USD|EUR|GBP|INR|CHF|JPY|CNY|RMB|Rs\.?|KSh|Ksh)\s?)"

# -- a number at a known position (anchored: nothing here scans a sentence) -------------
DIGITS_AT = re.compile(rf"(?P<digits>{_DIGITS})(?:(?P<suffix>bn|mn|tn|[mk])\b)?", re.IGNORECASE)
WORDS_AT = re.compile(rf"(?:{_WORDNUM})\b", re.IGNORECASE)
VAGUE_AT = re.compile(rf"({_VAGUEW})\s+of\b", re.IGNORECASE)
CURRENCY_BEFORE = re.compile(rf"(?<![A-Za-z]){_CUR_PREFIX_RE}\s?$", re.IGNORECASE)
A_BEFORE = re.compile(r"\b(?:half\s+)?an?\s+$", re.IGNORECASE)
NUMERATOR_BEFORE = re.compile(r"\b(a|one|two|three|four|nine)[\s-]$", re.IGNORECASE)
NOT_HALF_BEFORE = re.compile(r"\b(?:the|first|second|last|a|one)\s+$", re.IGNORECASE)
OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
ONE_OK_AFTER = re.compile(
    r"[\s-]+(?:hundred|thousand|million|billion|trillion|dozen|in\b|out\s+of\b|thirds?\b|quarters?\b|fifths?\b|tenths?\b)",
    re.IGNORECASE,
)
FRACTION_AFTER = re.compile(r"[\s-]+(?:thirds?|quarters?|fifths?|tenths?)\s+of\b", re.IGNORECASE)

#: Lower-case words that may start a number, a vague quantity or a fraction.
NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety""".split()
)
SCALE_WORDS = frozenset("hundred thousand million billion trillion dozen".split())
VAGUE_WORDS = frozenset("tens hundreds thousands millions billions dozens".split())
FRACTION_WORDS = frozenset("half third thirds quarter quarters fifth fifths tenth tenths".split())
CANDIDATE_WORDS = NUMBER_WORDS | SCALE_WORDS | VAGUE_WORDS | FRACTION_WORDS


def _trie_pattern(words) -> str:
    """One regular expression for a set of words, written as a trie: ``t(?:en(?:s|th(?:s)?)?|...)``.

    Python's ``re`` tries every alternative of ``a|b|c`` at every position; a trie
    rules a position out on its first letter. Optional tails are greedy, so at any
    position the longest word is the one matched.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


#: Any candidate word, the longest at each position: where "tens" and "ten" both
#: match, "tens" is the one that can stand alone. Words are letters only, so a match
#: that does not stand alone never hides one that does. The lookbehind skips, inside
#: the engine, the positions just after a lower-case letter, which cannot start a word
#: that stands alone (``candidates`` still tests the letters on either side): a
#: fifth faster, and the same words stand alone since none of those it skips did.
CANDIDATE_WORD_RE = re.compile(r"(?<![a-z])" + _trie_pattern(CANDIDATE_WORDS))
#: The same words after any character but a lower-case letter, the word as group 1:
#: a pattern that opens with a set of characters is scanned for that set in C, not
#: tried at every position, a third faster than the lookbehind over a text. It finds
#: every word CANDIDATE_WORD_RE does except one at the very start of the text (no
#: character before it), and no other: a word, made of letters, never holds the
#: character before the next one.
CANDIDATE_WORD_AFTER_RE = re.compile(r"[^a-z](" + _trie_pattern(CANDIDATE_WORDS) + ")")
#: Where numbers may start in a text: runs of digits, and words (in lower case).
DIGIT_RUN = re.compile(r"\d[\d,.]*")
WORD = re.compile(r"[a-z]+")
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# -- what follows a number ------------------------------------------------------------
SCALE_TAIL = re.compile(r"[\s-]*(hundred|thousand|million|billion|trillion|lakh|crore)\b", re.IGNORECASE)
PERCENT_TAIL = re.compile(r"\s?(%|per\s?cent\b|percent\b|percentage points?\b|pp\b)", re.IGNORECASE)
CURRENCY_WORD_TAIL = re.compile(
    r"\s+((?:(?:us|u\.s\.|american|australian|canadian|indian|pakistani|kenyan|philippine|swiss)\s+)?"
    r"(?:dollars?|euros?|pounds sterling|sterling|rupees?|yen|yuan|renminbi|baht|kyat|naira|rand|shillings?|"
    r"pesos?|francs?|taka|rupiah|dong|ringgit|won|dirhams?|riyals?|cedis?|birr|kwacha|reais)\b"
    rf"|(?-i:{_CUR_CODES})\b)",
    re.IGNORECASE,
)
_UNITS = [
    (r"square\s+kilomet(?:re|er)s?|sq\.?\s?km|km²|km2", "km²"),
    (r"square\s+miles?|sq\.?\s?mi", "square miles"),
    (r"cubic\s+met(?:re|er)s?|m³|m3", "m³"),
    (r"kilomet(?:re|er)s?|km", "km"),
    (r"miles?", "miles"),
    (r"met(?:re|er)s?", "metres"),
    (r"centimet(?:re|er)s?|cm", "cm"),
    (r"millimet(?:re|er)s?|mm", "mm"),
    (r"hectares?|ha", "hectares"),
    (r"acres?", "acres"),
    (r"megatonnes?|(?-i:Mt)", "megatonnes"),
    (r"(?:metric\s+)?tonnes?|(?:metric\s+)?tons?", "tonnes"),
    (r"kilogra(?:m|mme)s?|kg", "kg"),
    (r"lit(?:re|er)s?", "litres"),
    (r"(?-i:[kMGT]Wh)|(?:kilo|mega|giga|tera)watt[\s-]hours?", "Wh"),
    (r"(?-i:[kMGT]W)|(?:kilo|mega|giga|tera)watts?", "W"),
    (r"°\s?C|degrees?\s+(?:celsius|centigrade)", "°C"),
    (r"ppm|parts\s+per\s+million", "ppm"),
]
UNIT_TAIL = re.compile(
    r"\s?(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS)) + r")\b",
    re.IGNORECASE,
)
DURATION_TAIL = re.compile(
    r"(?P<hyphen>-)?(?(hyphen)|\s?)(years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?)\b(?![\s-]*old\b)", re.IGNORECASE
)
RATE_TAIL = re.compile(
    r"\s*(per\s+(?:100,000|100 000|10,000|1,000|1 000|1000|100|thousand|million|capita|head|person|household)"
    r"(?:\s+(?:population|people|persons|inhabitants|residents|adults|workers|women|children|"
    r"(?:live\s+)?births))?)\b",
    re.IGNORECASE,
)
RANGE_TAIL = re.compile(
    rf"\s*(?:-|–|—|to|and)\s*(?P<cur>(?<![A-Za-z]){_CUR_PREFIX_RE}\s?)?(?P<digits>{_DIGITS})(?:(?P<suffix>bn|mn|tn|[mk])\b)?"
    rf"|\s*(?:-|–|—|to|and)\s*(?P<words>{_WORDNUM})\b",
    re.IGNORECASE,
)
ONE_IN_AT = re.compile(
    rf"(?P<a>\d{{1,3}}|one|{_SMALLW})\s+(?:in|out\s+of)\s+(?P<b>\d{{1,3}}|{_SMALLW})\b"
    r"(?![.,]\d|\s*(?:%|per\s?cent|percent|years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b)",
    re.IGNORECASE,
)
DENOMINATORS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}

# -- what comes before a number ------------------------------------------------------
_QUALIFIERS = (
    "no fewer than|no more than|no less than|fewer than|less than|more than|at least|at most|"
    "close to|nearly|almost|about|around|approximately|roughly|some|over|under|up to|as many as|"
    "as few as|just over|just under|well over|in excess of|upwards of|an estimated|estimated|"
    "an average of|averaging|below|above|a further|an additional|another"
)
QUALIFIER_PHRASES = frozenset(tuple(q.split()) for q in _QUALIFIERS.split("|"))


def words_before(s: str, start: int, n: int = 3, reach: int = 30) -> list[str]:
    """The last ``n`` words before ``start`` (lower case), when only a space separates them from it."""
    if start == 0 or s[start - 1] != " ":
        return []
    return s[max(0, start - reach) : start].lower().split()[-n:]


#: The last words of the qualifiers: no qualifier ends with any other word.
_QUALIFIER_ENDS = frozenset(q[-1] for q in QUALIFIER_PHRASES)


def qualifier_before(s: str, start: int) -> tuple[str, int] | None:
    """The qualifier written just before ``start`` ("about", "close to"), and where it starts."""
    words = words_before(s, start)
    if not words or words[-1] not in _QUALIFIER_ENDS:
        return None
    for n in (3, 2, 1):
        if len(words) >= n and tuple(words[-n:]) in QUALIFIER_PHRASES:
            phrase = " ".join(words[-n:])
            at = start - 1 - len(phrase)
            if at >= 0 and s[at : at + len(phrase)].lower() == phrase and (at == 0 or not s[at - 1].isalnum()):
                return phrase, at
    return None


TIMEFRAME_WORDS = frozenset(
    "past last next previous coming first recent within in after before during for over since the every each per than".split()
)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|its|their|his|her|our|all|both|each|every)\s+$", re.IGNORECASE)
NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+$")
#: Nouns a year modifies: "2005 levels", "2024 elections", "2030 targets".
DATED = frozenset("levels level prices values figures elections games targets goals budgets standards rates terms dollars".split())
PLURALS = frozenset("people children women men police staff personnel cattle livestock fish sheep youth".split())
PRISON_AFTER = re.compile(r"\s+(?:in\s+(?:prison|jail|detention)|of\s+imprisonment|behind\s+bars)\b", re.IGNORECASE)
SENTENCE_BEFORE = re.compile(
    r"\b(?:sentenced|jailed|imprisoned|condemned)\s+(?:him|her|them\s+)?(?:to|for)\s+(?:a\s+)?$"
    r"|\b(?:prison|jail)\s+(?:term|sentence)s?\s+of\s+$",
    re.IGNORECASE,
)
TIMEFRAME_AFTER = re.compile(r"\s*(?:ago|later|earlier|old|from\s+now|before|after|on|of\s+age)\b", re.IGNORECASE)
CHANGE_VERB = re.compile(
    r"\b(?:rose|risen|rising|fell|fallen|falling|increased?|increasing|decreased?|decreasing|dropped|dropping|"
    r"declined?|grew|grown|growing|climbed|jumped|soared|plunged|went|gone|cut|reduced|raised|up|down|"
    r"doubled|halved|shrank|shrunk|expanded|moved|changed|swelled)\b",
    re.IGNORECASE,
)

# -- parsing ---------------------------------------------------------------------------
_SEPARATORS = re.compile(r"[,\s\u00a0\u202f]")


def parse_digits(s: str) -> float:
    return float(s) if s.isdigit() else float(_SEPARATORS.sub("", s))


def parse_number_words(phrase: str) -> float | None:
    """``"two million five hundred thousand"`` -> 2500000.0; ``None`` if it is no number."""
    total, current, seen = 0.0, 0.0, False
    for token in re.split(r"[\s-]+", phrase.lower()):
        if token in ("and", ""):
            continue
        if token == "half":
            current, seen = 0.5, True
        elif token in ("a", "an"):
            current, seen = (current or 1.0), True
        elif token in _SMALL:
            current += _SMALL[token]
            seen = True
        elif token in ("hundred", "dozen"):
            current = (current or 1.0) * SCALE[token]
        elif token in SCALE:
            total += (current or 1.0) * SCALE[token]
            current = 0.0
        else:
            return None
    return total + current if seen else None


def currency_code(prefix: str) -> str:
    key = re.sub(r"\s+", "", prefix).lower()
    return _CUR_PREFIX.get(key, _CUR_PREFIX.get(key.rstrip("."), "USD"))


def currency_of_word(word: str) -> str:
    w = re.sub(r"\s+", " ", word.strip().lower())
    if w.upper() in _CUR_CODES.split("|"):
        return w.upper()
    singular = re.sub(r"(?<=[a-z])s$", "", w) if w not in ("reais", "pounds sterling") else w
    return _CUR_WORD.get(singular) or _CUR_WORD.get(w) or _CUR_WORD.get(singular.split()[-1], "USD")


def unit_name(m: re.Match) -> str:
    for i, (_, unit) in enumerate(_UNITS):
        text = m.group(f"u{i}")
        if text:
            if unit in ("Wh", "W"):
                prefix = text[0] if text[0] in "kMGT" else {"kilo": "k", "mega": "M", "giga": "G", "tera": "T"}[text[:4].lower()]
                return prefix + unit
            return unit
    return ""
