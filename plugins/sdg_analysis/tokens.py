"""Words of a text as lookup keys: light normalisation shared by the rule tables and the matcher.

The rule tables (:mod:`sdg_analysis.rules`) and the analysed text go through the
same :func:`key_of`, so a phrase written once in a table matches its common
variants in running text:

* case and hyphenated prefixes: ``Co-operation`` and ``cooperation`` give one key;
* British and American spelling: ``labour``/``labor``, ``-ise``/``-ize``,
  ``programme``/``program``, ``centre``/``center``, ``anaemia``/``anemia``;
* inflection: plural ``-s``/``-es``/``-ies`` and verb ``-ed``/``-ing`` are stripped
  (``trafficked``, ``trafficking`` and ``traffics`` share the key ``traffick``).

Short all-capital words are acronyms (``NCDs``, ``ODA``, ``WASH``, ``AIDS``): their key
is ``@`` plus the letters, matched case-sensitively, so ``AIDS`` never reads as
``aids``. A handful of function words are dropped so that ``access to electricity``
also matches ``access to electricity`` with an extra article in between.

Everything is cached per distinct word: the text is tokenised once, with one regex.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: A word or a hyphenated compound (split by :func:`words`), or a number.
TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*(?:['’]s\b)?|\d+")
#: Hyphenated prefixes that stay joined to their word: "co-operation" is "cooperation".
PREFIXES = frozenset("co non re pre post anti multi inter micro macro socio agro bio eco e sub semi mini cyber peri".split())

STOPWORDS = frozenset(
    """a an the of to in on for and or by with at from as into onto via is are was were be been
    its their his her our your this that these those which who whom whose it they them we
    he she also such than then there here has have had do does did will would shall should can
    could may might must very more most so if but about over within between among amongst
    through across per s""".split()
)

# British -> American roots; consistent normalisation is what matters, not the dialect.
_ROOTS = {
    "labour": "labor", "colour": "color", "behaviour": "behavior", "favour": "favor",
    "honour": "honor", "neighbour": "neighbor", "harbour": "harbor", "vapour": "vapor",
    "endeavour": "endeavor", "rumour": "rumor", "flavour": "flavor", "savour": "savor",
    "programme": "program", "centre": "center", "metre": "meter", "litre": "liter",
    "theatre": "theater", "fibre": "fiber", "defence": "defense", "licence": "license",
    "offence": "offense", "anaemi": "anemi", "haem": "hem", "paediatric": "pediatric",
    "diarrhoea": "diarrhea", "oestrogen": "estrogen", "foetus": "fetus", "foetal": "fetal",
    "ageing": "aging", "modelling": "modeling", "travelling": "traveling", "enrolment": "enrollment",
    "fulfil": "fulfill", "sulphur": "sulfur", "aluminium": "aluminum", "tonne": "ton",
    "mould": "mold", "plough": "plow", "storey": "story", "grey": "gray", "cheque": "check",
    "manoeuvr": "maneuver", "judgement": "judgment", "acknowledgement": "acknowledgment",
    "cosy": "cozy", "analys": "analyz", "paralys": "paralyz", "catalys": "catalyz",
}
_ROOT_RE = re.compile("^(" + "|".join(sorted(_ROOTS, key=len, reverse=True)) + ")")
_ISE_RE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$")
_VOWEL_RE = re.compile(r"[aeiouy]")


def spell(word: str) -> str:
    """Lower-case ``word`` in one spelling: hyphen of a prefix dropped, American roots."""
    w = word.lower().replace("-", "").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    m = _ROOT_RE.match(w)
    if m:
        w = _ROOTS[m.group(1)] + w[m.end() :]
    return _ISE_RE.sub(r"iz\1", w)


def _undouble(stem: str) -> str:
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz" and stem[-1] not in "aeiou":
        return stem[:-1]
    return stem


#: Words whose ending carries the meaning: "developing" and "developed" countries differ.
KEEP = frozenset("developing developed underdeveloped undeveloped".split())


def stem(word: str) -> str:
    """Plural and verb endings stripped from an already spelled word (see :func:`spell`)."""
    if word in KEEP:
        return word
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 4 and w.endswith(("xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 4 and w.endswith("ied"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing") and _VOWEL_RE.search(w[:-3]):
        return _undouble(w[:-3])
    if len(w) > 4 and w.endswith("ed") and not w.endswith("eed") and _VOWEL_RE.search(w[:-2]):
        return _undouble(w[:-2])
    return w


def is_acronym(word: str) -> bool:
    """``NCDs``, ``ODA``, ``WASH``, ``CO2``: two to six capitals or digits, optional plural s."""
    core = word[:-1] if word.endswith("s") and len(word) > 2 else word
    return 2 <= len(core) <= 6 and core.isupper() and core[0].isalpha()


@lru_cache(maxsize=65536)
def word_info(word: str) -> tuple[str | None, str, bool]:
    """``(key, spelled, capitalised)`` of one word as written; the key is ``None`` for a
    function word."""
    if is_acronym(word):
        core = word[:-1] if word.endswith("s") else word
        return "@" + core, core, True
    spelled = spell(word)
    if spelled in STOPWORDS or not spelled:
        return None, spelled, False
    return stem(spelled), spelled, word[0].isupper()


def key_of(word: str) -> str | None:
    """The lookup key of one word as written, or ``None`` for a function word."""
    return word_info(word)[0]


def words(text: str) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` of every word of ``text``; compounds split except after a prefix."""
    out = []
    for m in TOKEN_RE.finditer(text):
        word = m.group()
        if "-" not in word:
            out.append((word, m.start(), m.end()))
            continue
        pos = m.start()
        held = None  # (start of a joined prefix)
        for part in word.split("-"):
            start, pos = pos, pos + len(part) + 1
            if held is not None:
                start, held = held, None
            if part.lower() in PREFIXES and pos <= m.end():
                held = start
                continue
            out.append((text[start : pos - 1], start, pos - 1))
    return out


#: :data:`TOKEN_RE` as one capturing group: ``TOKEN_SPLIT.split(text)`` alternates the
#: text between words and the words themselves, ``[gap, word, gap, word, ..., gap]``.
TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")

#: What a word as written yields, cached: see :func:`word_parts`.
_PARTS: dict[str, tuple | list] = {}
_PARTS_LIMIT = 200_000


def word_parts(word: str) -> tuple | list:
    """The content words one match of :data:`TOKEN_RE` yields, cached per distinct word.

    ``()`` for a function word; ``(key, spelled, capitalised)`` for any other single
    word; for a hyphenated compound, a list of ``(key, start, end, spelled,
    capitalised)`` of its content parts (offsets inside ``word``). Caching whole
    words, compounds included, lets a tokeniser do one dictionary look-up per word
    of running text.
    """
    found = _PARTS.get(word)
    if found is None:
        if "-" in word:
            found = []
            for part, a, b in words(word):
                key, spelled, cap = word_info(part)
                if key is not None:
                    found.append((key, a, b, spelled, cap))
        else:
            key, spelled, cap = word_info(word)
            found = () if key is None else (key, spelled, cap)
        if len(_PARTS) < _PARTS_LIMIT:
            _PARTS[word] = found
    return found


def tokens(text: str) -> list[tuple[str, int, int, str, bool]]:
    """``(key, start, end, spelled, capitalised)`` for every content word of ``text``, in order.

    One ``re.split`` gives words and the gaps between them; offsets are running sums
    of their lengths, which is cheaper than asking a match object for each word.
    """
    out = []
    append = out.append
    parts = TOKEN_SPLIT.split(text)
    known = _PARTS.get
    pos = len(parts[0])
    it = iter(parts)
    next(it)
    for word, gap in zip(it, it):
        end = pos + len(word)
        found = known(word)
        if found is None:
            found = word_parts(word)
        if found:
            if found.__class__ is tuple:
                append((found[0], pos, end, found[1], found[2]))
            else:
                for key, a, b, spelled, cap in found:
                    append((key, pos + a, pos + b, spelled, cap))
        pos = end + len(gap)
    return out
