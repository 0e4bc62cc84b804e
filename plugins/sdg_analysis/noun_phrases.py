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
    including according said says say compared excluding following despite during""".split()
)
_SKIP_MODIFIERS = frozenset("more other further extra additional".split())
_AUX = frozenset("who that which had have has were was are is been be being will would could may might".split())
_COPULA = frozenset("were was are is".split())
_PEOPLE = frozenset("people children women men police staff personnel youth".split())
_REPORTING = frozenset("reported said believed feared thought estimated confirmed presumed known".split())
_ADVERBS = frozenset("so far also now still already reportedly formally officially since then recently allegedly".split())
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


def _looks_like_participle(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR:
        return True
    return len(w) > 4 and w.endswith("ed") and w not in _NOT_VERBS


def _words_at(sentence: str, pos: int) -> list[tuple[str, int, int]]:
    """Words from ``pos`` on, separated by single spaces only, as (word, start, end)."""
    out = []
    while len(out) < 16:
        m = WORD.match(sentence, pos)
        if not m:
            break
        out.append((m.group(1), m.start(1), m.end(1)))
        pos = m.end()
    return out


def _noun_run(words: list, i: int, limit: int = 4) -> int:
    """Index after the content words starting at ``i`` (an adjective-noun run).

    A participle stops the run when a preposition or adverb follows it ("people freed
    from", "children killed last year"), not when a noun does ("displaced people").
    """
    j = i
    while j < len(words) and j - i < limit:
        lw = words[j][0].lower()
        if lw in _STOP or lw in _VERBS:
            break
        if j > i:
            nxt = words[j + 1][0].lower() if j + 1 < len(words) else None
            function_word = nxt in _STOP and nxt not in _AUX
            if _looks_like_participle(lw) and (nxt is None or function_word):
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
    words = _words_at(sentence, pos)
    if not words:
        return None, pos
    i = 0
    if after:
        if words[0][0].lower() not in after:
            return None, pos
        i = 1
        if i < len(words) and words[i][0].lower() in ("the", "a", "an", "all"):
            i += 1
        if i < len(words) and words[i][0].lower() in _BAD_PP:
            return None, pos
    while i < len(words) and words[i][0].lower() in _SKIP_MODIFIERS:
        i += 1
    parts: list[str] = []
    head_end = _noun_run(words, i)
    end = pos
    if head_end > i:
        parts = [w for w, _, _ in words[i:head_end]]
        end = words[head_end - 1][2]
        i = head_end
        # "of" phrase
        if i + 1 < len(words) and words[i][0].lower() == "of":
            k = i + 1
            if words[k][0].lower() in _BAD_PP:
                k2 = _noun_run(words, k + 1)
                i = k2 if k2 > k + 1 else i
            else:
                article = words[k][0].lower() in ("the", "a", "an")
                k2 = _noun_run(words, k + (1 if article else 0))
                if k2 > k + (1 if article else 0):
                    parts += [w for w, _, _ in words[i:k2]]
                    end = words[k2 - 1][2]
                    i = k2
    # a verb after the phrase: what happened to the people or things counted
    j = i
    aux = 0
    while j < len(words) and words[j][0].lower() in _AUX and aux < 4:
        j += 1
        aux += 1
    while j < len(words) and (words[j][0].lower() in _ADVERBS or words[j][0].lower().endswith("ly")):
        j += 1
    if j < len(words):
        w = words[j][0]
        lw = w.lower()
        if lw in _REPORTING and j + 1 < len(words) and _looks_like_participle(words[j + 1][0]):
            j += 1  # "were reported killed": what happened is "killed"
            w, lw = words[j][0], words[j][0].lower()
        is_verb = lw not in _STOP and (_looks_like_participle(w) or (aux == 0 and lw.endswith("ing") and len(lw) > 4))
        plural = lw in _PEOPLE or (lw.endswith("s") and not lw.endswith("ss"))
        if not is_verb and not parts and aux and words[j - 1][0].lower() in _COPULA and lw not in _STOP and plural:
            k2 = _noun_run(words, j)
            if k2 > j:  # "12 were children"
                return " ".join(x for x, _, _ in words[j:k2]), words[k2 - 1][2]
        if is_verb and (aux or parts or j == 0):
            if lw in _AS_VERBS and j + 2 < len(words) and words[j + 1][0].lower() == "as":
                k = j + 2
                k_art = k + (1 if words[k][0].lower() in ("a", "an", "the") else 0)
                k2 = _noun_run(words, k_art)
                if k2 > k_art:
                    tail = [x for x, _, _ in words[k_art:k2]]
                    end = words[k2 - 1][2]
                    if k2 + 1 < len(words) and words[k2][0].lower() == "of":
                        k3 = _noun_run(words, k2 + 1)
                        if k3 > k2 + 1:
                            tail += [x for x, _, _ in words[k2:k3]]
                            end = words[k3 - 1][2]
                    return " ".join(tail), end
            parts.append(w)
            end = words[j][2]
            if lw.endswith("ing") and j + 1 < len(words) and words[j + 1][0].lower() in _PP_AFTER_ING:
                k2 = _noun_run(words, j + 2, limit=3)
                if k2 > j + 2:
                    parts += [x for x, _, _ in words[j + 1 : k2]]
                    end = words[k2 - 1][2]
    return (" ".join(parts) if parts else None), end


_LOOKBACK_OF = re.compile(
    r"\b(?:number|total|count|toll)\s+of\s+((?:[A-Za-z][\w-]*\s+){0,3}?[A-Za-z][\w-]*)\s+"
    r"(?:[a-z]+\s+)+(?:[\d.,]+\s+(?:[a-z]+\s+)+)?$",
)
_LOOKBACK_RATE = re.compile(
    r"(?:\b(?:the|a|an|its|their)\s+)?\b((?:(?!(?:the|a|an|of|in|and|to|by|for|on|at)\b)[A-Za-z][\w-]*\s+){0,2}"
    r"(?:rate|share|proportion|prevalence|incidence|toll|coverage|ratio|budget|cost|costs|emissions|funding|"
    r"investment|aid|loss|losses|deficit|debt|revenue|output|capacity|unemployment|inflation|growth))\b"
    r"[^,;:]{0,30}?\s+(?:(?:has|had|have|is|was|were|are|of|at|to|by|stood|reached|rose|fell|hit|totalled|"
    r"totaled|amounted|remained|increased|decreased|grew|dropped|declined|climbed|jumped)\s+){1,3}$",
    re.IGNORECASE,
)


_LOOKBACK_CHANGE = re.compile(
    r"^\s*((?:[A-Za-z][\w’'-]*\s+){1,3}?)(?:(?:in|of|on|at|for|across)\s+[^,;]{1,40}?\s+)?(?:has\s+|have\s+|had\s+)?"
    r"(?:fell|rose|dropped|declined|increased|decreased|grew|jumped|climbed|plunged|soared|shrank|slipped|surged|"
    r"fallen|risen|doubled|tripled)\s+(?:by\s+)?(?:[a-z]+\s+){0,2}$",
    re.IGNORECASE,
)


def lookback(before: str) -> str | None:
    """The subject a number completes: "the number of refugees rose to" -> "refugees"."""
    clause = re.split(r"[,;:()]", before)[-1]
    m = _LOOKBACK_OF.search(clause)
    if m:
        return m.group(1).strip()
    m = _LOOKBACK_RATE.search(clause)
    if m:
        return m.group(1).strip()
    m = _LOOKBACK_CHANGE.search(clause)
    if m:
        words = [w for w in m.group(1).split() if w.lower() not in _STOP]
        return " ".join(words[-3:]) or None
    return None
