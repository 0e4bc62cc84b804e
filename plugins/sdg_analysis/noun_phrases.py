"""What a number in a sentence counts: the noun phrase after it, or the subject before it.

Heuristics over words, with no tagger: the content words after the number, an ``of``
phrase, and the participle that says what happened to the people or things counted
("Fifteen perpetrators of forced scamming have been convicted" -> "perpetrators of
forced scamming convicted"); "258 were identified as victims of human trafficking"
counts "victims of human trafficking". When nothing follows, :func:`lookback` finds the
subject the number completes ("the death toll climbed to 57" -> "death toll").
"""

from __future__ import annotations

import re

# -- noun phrases ---------------------------------------------------------------------
WORD = re.compile(r" ([A-Za-z][\w’'-]*)")
_STOP = frozenset(
    """a an the of in on at to for from by with without into onto over under about after before during
    since until than then and or but nor so yet as if that which who whom whose where when while this
    these those it its they them their he him his she her we our you your i me my us there here is are
    was were be been being have has had do does did will would shall should can could may might must
    not no also still already just only even more most less least very too each every all both either
    neither some any such other another same own per via across against among amongst around behind
    below beneath beside besides between beyond inside outside near off out up down upon within along
    toward towards through throughout whether how what why last next ago so far now today yesterday
    tomorrow year years month months week weeks day days recently reportedly nearly almost around
    including according said says say compared excluding following despite during worldwide globally
    nationwide""".split()
)
_SKIP_MODIFIERS = frozenset("more other further extra additional".split())
_AUX = frozenset("who that which had have has were was are is been be being will would could may might".split())
_COPULA = frozenset("were was are is".split())
_PEOPLE = frozenset("people children women men police staff personnel youth".split())
_REPORTING = frozenset("reported said believed feared thought estimated confirmed presumed known".split())
_ADVERBS = frozenset(
    "so far also now still already reportedly formally officially since then recently allegedly worldwide globally nationwide".split()
)
_IRREGULAR = frozenset(
    """held freed taken born made found sold kept lost left caught sent brought built given seen shot hit
    hurt slain driven fled stolen known thrown beaten written spent paid won run cut put set told taught
    bought fought led fed met struck stuck hidden withdrawn drawn grown shown sworn torn undertaken
    overtaken forgiven forgotten arisen chosen frozen spoken woken""".split()
)
_NOT_VERBS = frozenset("need seed speed breed greed feed bed shed red hundred kindred".split())
_AS_VERBS = frozenset("identified recognised recognized classified confirmed certified registered counted considered listed".split())
_PP_AFTER_ING = frozenset("in on with from under without below at into".split())
_BAD_PP = frozenset("these those them us it this that which whom whose his her their our its".split())
#: Which prepositions introduce what a percentage, a measure or an amount of money is of.
PREPOSITIONS = {"percent": ("of",), "measure": ("of",), "duration": ("of", "in"), "money": ("of", "in", "for", "to")}
#: Present-tense verbs that end a noun phrase: "2 million people need food aid".
_VERBS = frozenset(
    """lack lacks need needs live lives face faces remain remains work works die dies suffer suffers use uses
    own owns cover covers receive receives attend attend go goes get gets depend depends rely relies came went
    took gave fell rose got ran say said told""".split()
)


def _participle(w: str) -> bool:
    """Whether ``w`` (in lower case) looks like a past participle."""
    if w in _IRREGULAR:
        return True
    return len(w) > 4 and w.endswith("ed") and w not in _NOT_VERBS


_WORD_RUN = re.compile(r"(?: [A-Za-z][\w’'-]*){1,14}")


def _words_at(sentence: str, pos: int) -> tuple[list[str], list[str]]:
    """Words from ``pos`` on, separated by single spaces only, as written and in lower case.

    Plain strings: most calls read a few words and the end of one (:func:`_end`), so
    neither the words' offsets nor their lower case is made word by word. The run is
    lowered whole: that is each word lowered, as a space is no letter and lowering
    never makes one (a final sigma is told by the letters of its own word).
    """
    m = _WORD_RUN.match(sentence, pos)
    if not m:
        return [], []
    run = m.group()
    return run[1:].split(" "), run[1:].lower().split(" ")


def _end(pos: int, words: list[str], j: int) -> int:
    """Where word ``j`` of the words at ``pos`` (:func:`_words_at`) ends."""
    return pos + j + 1 + sum(map(len, words[: j + 1]))


def _noun_run(lower: list[str], i: int, limit: int = 4) -> int:
    """Index after the content words starting at ``i`` (an adjective-noun run); ``lower``:
    the words in lower case.

    A participle stops the run when a preposition or adverb follows it ("people freed
    from", "children killed last year"), not when a noun does ("displaced people").
    """
    j = i
    n = len(lower)
    while j < n and j - i < limit:
        lw = lower[j]
        if lw in _STOP or lw in _VERBS:
            break
        if j > i:
            nxt = lower[j + 1] if j + 1 < n else None
            function_word = nxt in _STOP and nxt not in _AUX
            if _participle(lw) and (nxt is None or function_word):
                break
            if lw.endswith("ing") and function_word:
                break
        j += 1
    return j


def noun_phrase(sentence: str, pos: int, *, after: tuple[str, ...] = ()) -> tuple[str | None, int]:
    """What the number ending at ``pos`` counts, and where that phrase ends.

    The content words after the number (``"perpetrators"``), an ``of`` phrase unless it
    points back with a pronoun (``"of forced scamming"``), then a participle saying what
    happened to them (``"have been convicted"`` -> ``"convicted"``). With no noun of its
    own, ``"258 were identified as victims of human trafficking"`` counts what follows
    ``as``. ``after``: the phrase must start with one of these prepositions ("40 per cent *of*
    children", "US$3 billion *for* adaptation"), which is skipped.
    """
    if after:  # the first word (that of _words_at) must be one of these: looked at alone first
        first = WORD.match(sentence, pos)
        if not first or first.group(1).lower() not in after:
            return None, pos
    words, lower = _words_at(sentence, pos)
    if not words:
        return None, pos
    n = len(words)
    i = 0
    if after:
        i = 1
        if i < n and lower[i] in ("the", "a", "an", "all"):
            i += 1
        if i < n and lower[i] in _BAD_PP:
            return None, pos
    while i < n and lower[i] in _SKIP_MODIFIERS:
        i += 1
    parts: list[str] = []
    head_end = _noun_run(lower, i)
    last = -1  # the phrase's last word, whose end is returned (none: pos)
    if head_end > i:
        parts = words[i:head_end]
        last = head_end - 1
        i = head_end
        # "of" phrase
        if i + 1 < n and lower[i] == "of":
            k = i + 1
            if lower[k] in _BAD_PP:
                k2 = _noun_run(lower, k + 1)
                i = k2 if k2 > k + 1 else i
            else:
                article = lower[k] in ("the", "a", "an")
                k2 = _noun_run(lower, k + (1 if article else 0))
                if k2 > k + (1 if article else 0):
                    parts += words[i:k2]
                    last = k2 - 1
                    i = k2
    # a verb after the phrase: what happened to the people or things counted
    j = i
    aux = 0
    while j < n and aux < 5:  # "had been", "were formally", "worldwide were"
        lw = lower[j]
        if lw in _AUX:
            aux += 1
        elif not (lw in _ADVERBS or lw.endswith("ly")):
            break
        j += 1
    if j < n:
        w, lw = words[j], lower[j]
        if lw in _REPORTING and j + 1 < n and _participle(lower[j + 1]):
            j += 1  # "were reported killed": what happened is "killed"
            w, lw = words[j], lower[j]
        is_verb = lw not in _STOP and (_participle(lw) or (aux == 0 and lw.endswith("ing") and len(lw) > 4))
        plural = lw in _PEOPLE or (lw.endswith("s") and not lw.endswith("ss"))
        if not is_verb and not parts and aux and lower[j - 1] in _COPULA and lw not in _STOP and plural:
            k2 = _noun_run(lower, j)
            if k2 > j:  # "12 were children"
                return " ".join(words[j:k2]), _end(pos, words, k2 - 1)
        if is_verb and (aux or parts or j == 0):
            if lw in _AS_VERBS and j + 2 < n and lower[j + 1] == "as":
                k = j + 2
                k_art = k + (1 if lower[k] in ("a", "an", "the") else 0)
                k2 = _noun_run(lower, k_art)
                if k2 > k_art:
                    tail = words[k_art:k2]
                    last = k2 - 1
                    if k2 + 1 < n and lower[k2] == "of":
                        k3 = _noun_run(lower, k2 + 1)
                        if k3 > k2 + 1:
                            tail += words[k2:k3]
                            last = k3 - 1
                    return " ".join(tail), _end(pos, words, last)
            parts.append(w)
            last = j
            if lw.endswith("ing") and j + 1 < n and lower[j + 1] in _PP_AFTER_ING:
                k2 = _noun_run(lower, j + 2, limit=3)
                if k2 > j + 2:
                    parts += words[j + 1 : k2]
                    last = k2 - 1
    return (" ".join(parts) if parts else None), (_end(pos, words, last) if last >= 0 else pos)


_CLAUSE_END = re.compile(r"[,;:()]")
_LOOKBACK_WORD = re.compile(r"[A-Za-z][\w’'-]*|\S+")
#: Nouns that name a measured quantity, and complete a number that follows them.
_MEASURES = frozenset(
    """rate share proportion prevalence incidence toll coverage ratio budget cost costs emissions funding
    investment aid loss losses deficit debt revenue output capacity unemployment inflation growth""".split()
)
_OF_HEADS = frozenset("number total count toll".split())
#: Verbs and prepositions that may stand between a measure and its number.
_LINKS = frozenset(
    """has had have is was were are of at to by stood reached rose fell hit totalled totaled amounted remained
    increased decreased grew dropped declined climbed jumped""".split()
)
_CHANGES = frozenset(
    """fell rose dropped declined increased decreased grew jumped climbed plunged soared shrank slipped surged
    fallen risen doubled tripled fall rise drop decline increase decrease grow""".split()
)
_SUBJECT_PP = frozenset("in of on at for across".split())
#: What may follow a change verb before its number: "fell by about", "rose to nearly".
_CHANGE_TAIL = frozenset(
    """by to from about around nearly almost some roughly approximately more less than over under just an
    estimated well up at least close""".split()
)
_REPORTING_VERBS = frozenset(
    """expects expect expected says say said shows show showed estimates estimate estimated projects project
    projected forecasts need needs needed likely set""".split()
)


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in _STOP and w[0].isalpha()]


def lookback(before: str) -> str | None:
    """The subject a number completes, read from the words of its clause before it.

    "the number of refugees rose to" -> "refugees"; "the unemployment rate rose to"
    -> "unemployment rate"; "Deforestation in Brazil's Amazon fell by" ->
    "Deforestation". Plain word lists, no pattern scans: this runs for every number
    that has no noun phrase of its own.
    """
    clause = _CLAUSE_END.split(before[-160:])[-1]
    words = _LOOKBACK_WORD.findall(clause)[-14:]
    lower = [w.lower() for w in words]
    # "the number of refugees rose to"
    for i in range(len(lower) - 2, -1, -1):
        if lower[i] in _OF_HEADS and lower[i + 1] == "of":
            subject = []
            for w in words[i + 2 : i + 6]:
                if w.lower() in _STOP or w.lower() in _LINKS or w.lower() in _CHANGES or not w[0].isalpha():
                    break
                subject.append(w)
            if subject and i + 2 + len(subject) < len(words):
                return " ".join(subject)
    # "the unemployment rate rose to", "emissions of methane reached"
    tail = 0
    for i in range(len(lower) - 1, -1, -1):
        if lower[i] in _MEASURES:
            if tail == 0 or tail > 6:
                break
            modifiers = []
            for w in reversed(words[max(0, i - 2) : i]):
                if w.lower() in _STOP or not w[0].isalpha():
                    break
                modifiers.insert(0, w)
            return " ".join([*modifiers, words[i]])
        if lower[i] in _LINKS or (lower[i] in _STOP and tail < 6) or not words[i][0].isalpha():
            tail += 1
            continue
        if tail and lower[i - 1 if i else 0] == "of":
            tail += 1  # "rate of" + one word: "emissions of methane"
            continue
        break
    # "Deforestation in Brazil's Amazon fell by", "the bank expects remittances to grow by"
    for i, w in enumerate(lower):
        if w in _CHANGES and all(x in _CHANGE_TAIL or not x[:1].isalpha() for x in lower[i + 1 :]):
            before = words[:i]
            pp = next((j for j, x in enumerate(before) if x.lower() in _SUBJECT_PP and j > 0), None)
            if pp is not None:
                before = before[:pp]  # the head before "in ...", "of ..."
            subject: list[str] = []
            for x in reversed(before):  # the words just before the verb
                lx = x.lower()
                if lx in _STOP or lx in _REPORTING_VERBS or not x[0].isalpha():
                    if subject:
                        break
                    continue
                subject.insert(0, x)
            return " ".join(subject[-3:]) or None
    return None
