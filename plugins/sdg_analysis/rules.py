"""The rule tables: which words signal which goal or target, compiled once per process.

One YAML file per goal, ``data/rules/goal-01.yaml`` ... ``goal-17.yaml``, written by
the project from the official target and indicator texts::

    goal: "8"
    threshold: 3.5          # optional: the goal's decision threshold (default DEFAULT_THRESHOLD)
    vocabulary:             # goal-level topic words: weight -> phrases
      2: [labour market, employment rate]
      1: [wages, jobs]
    exclude: [fish purchases] # optional: a sentence with one of these gives the goal nothing
    targets:
      "8.7":
        3: [forced labour, modern slavery, child labour]   # unambiguous: weight 3
        2: [debt bondage]
        context:            # ambiguous words: count only near a qualifier
          - terms: [trafficking, trafficker]
            weight: 2
            near: [victim, labour, sexual, women, child*]   # within one sentence either side
            not: [drug, arms, wildlife]                     # never in the same sentence
        exclude: [...]      # a sentence with one of these gives this target nothing

Phrase syntax: words are matched after :func:`sdg_analysis.tokens.key_of` (case,
spelling and inflection folded; function words skipped). ``word*`` matches any word
starting with ``word``. ``left ~ right`` matches when both phrases occur within
:data:`PROXIMITY` content words of each other in one sentence; ``a ~ b ~ c`` when
``b`` and ``c`` each occur that close to ``a``. A phrase in capitals
(``NCDs``, ``ODA``) is an acronym, matched case-sensitively.

``data/rules/common.yaml`` holds ``names``: organisation and programme names whose words
must not count for any goal (``World Health Organization``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from . import yamlio
from .tokens import PREFIXES, is_acronym, spell, word_info, words

#: Content words between the two sides of a ``left ~ right`` phrase, at most.
PROXIMITY = 6
DEFAULT_THRESHOLD = 3.5


_UNSEEN = object()


class RuleError(ValueError):
    """A rule table that cannot be compiled; the message names the file and entry."""


#: One word of a phrase: ("=", key) exact key, ("*", prefix) prefix of the spelled word.
Pattern = tuple[str, str]


@dataclass
class Rule:
    """A weighted signal: a phrase (or two, for proximity) for a goal or one of its targets."""

    goal: str
    target: str | None
    weight: float
    phrase: int  # phrase id
    others: tuple[int, ...] = ()  # further phrases of a proximity rule, each near the first
    near: frozenset[int] = frozenset()  # qualifiers needed within +-1 sentence
    never: frozenset[int] = frozenset()  # vetoes in the same sentence (with the excludes folded in)
    text: str = ""


@dataclass
class RuleSet:
    phrases: list[tuple[Pattern, ...]] = field(default_factory=list)
    phrase_text: list[str] = field(default_factory=list)
    by_first: dict[str, list[int]] = field(default_factory=dict)  # exact first key -> phrase ids
    by_prefix: dict[str, list[int]] = field(default_factory=dict)  # first prefix -> phrase ids
    rules_of: dict[int, list[Rule]] = field(default_factory=dict)  # main phrase -> rules
    proximity_by_first: dict[int, list[Rule]] = field(default_factory=dict)  # left phrase -> rules
    proximity_firsts: frozenset[int] = frozenset()
    proximity_others: dict[int, frozenset[int]] = field(default_factory=dict)  # left phrase -> every right phrase
    weighted_ids: frozenset[int] = frozenset()  # phrases with rules, and names: what a hit may be
    goal_excludes: dict[str, frozenset[int]] = field(default_factory=dict)
    target_excludes: dict[str, frozenset[int]] = field(default_factory=dict)
    names: frozenset[int] = frozenset()
    #: rules_of as plain tuples for the matcher's inner loop, made by load_rules once the
    #: excludes are folded in: main phrase -> ((goal, target, weight, text, never, near), ...),
    #: never and near None when empty (see signals.match).
    hit_rules: dict[int, tuple[tuple, ...]] = field(default_factory=dict, repr=False, compare=False)
    thresholds: dict[str, float] = field(default_factory=dict)
    _ids: dict[tuple[Pattern, ...], int] = field(default_factory=dict)
    _candidates: dict[str, tuple | None] = field(default_factory=dict)
    words: dict[str, tuple] = field(default_factory=dict)  # word as written -> signals._entry
    chunks: dict[str, tuple] = field(default_factory=dict)  # text between spaces -> signals._chunk
    cue_chunks: set[str] = field(default_factory=set)  # those holding a word of signals._BOILER_CUES
    #: by_prefix by the first _PREFIX_KEY letters of the prefix (see candidates()), and how
    #: many prefixes it was made from.
    _prefix_index: tuple[int, dict[str, list[tuple[str, list[int]]]]] = field(
        default=(-1, {}), repr=False, compare=False
    )

    # -- compiling -----------------------------------------------------------
    def phrase_id(self, text: str, where: str) -> int:
        patterns = compile_phrase(text, where)
        pid = self._ids.get(patterns)
        if pid is None:
            pid = len(self.phrases)
            self._ids[patterns] = pid
            self.phrases.append(patterns)
            self.phrase_text.append(text)
            kind, value = patterns[0]
            (self.by_first if kind == "=" else self.by_prefix).setdefault(value, []).append(pid)
        return pid

    def add(self, rule: Rule) -> None:
        if rule.others:
            self.proximity_by_first.setdefault(rule.phrase, []).append(rule)
        else:
            self.rules_of.setdefault(rule.phrase, []).append(rule)

    # -- matching ------------------------------------------------------------
    def candidates(self, key: str, spelled: str) -> tuple:
        """Phrases that can start at a word with this key and spelling (cached):
        ``(single-word phrase ids, {second key: ids}, ((second-word prefix, ids), ...),
        (second-word prefix, ...))``; the last is the prefixes alone, for one
        ``str.startswith`` test that rules most next words out at once."""
        found = self._candidates.get(spelled, _UNSEEN)
        if found is _UNSEEN:
            ids = list(self.by_first.get(key, ()))
            for prefix, pids in self._prefixes_of(spelled):
                if spelled.startswith(prefix):
                    ids.extend(pids)
            singles = tuple(p for p in ids if len(self.phrases[p]) == 1)
            exact: dict[str, list[int]] = {}
            prefixed: dict[str, list[int]] = {}
            for p in ids:
                if len(self.phrases[p]) > 1:
                    kind, value = self.phrases[p][1]
                    (exact if kind == "=" else prefixed).setdefault(value, []).append(p)
            found = (singles, exact, tuple(prefixed.items()), tuple(prefixed)) if ids else None
            self._candidates[spelled] = found
        return found


    def _prefixes_of(self, spelled: str) -> list[tuple[str, list[int]]]:
        """The ``(prefix, ids)`` of ``by_prefix`` that ``spelled`` may start with, in
        ``by_prefix``'s order.

        A new word used to be tested against every prefix of the tables (some 600),
        and most words of an article are new to the first article that holds them.
        A prefix has at least :data:`_PREFIX_KEY` letters (``compile_phrase``
        refuses shorter first prefixes; shorter ones go in a bucket of their own,
        always tested), so a word can start only with the prefixes that share its
        first :data:`_PREFIX_KEY` letters: one look-up finds them.
        """
        made, index = self._prefix_index
        if made != len(self.by_prefix):  # made at the first word, remade if phrases were added
            index = {}
            for prefix, pids in self.by_prefix.items():
                index.setdefault(prefix[:_PREFIX_KEY] if len(prefix) >= _PREFIX_KEY else "", []).append((prefix, pids))
            self._prefix_index = (len(self.by_prefix), index)
        short = index.get("")
        found = index.get(spelled[:_PREFIX_KEY], ())
        if short:  # keep by_prefix's order
            order = {p: i for i, p in enumerate(self.by_prefix)}
            return sorted([*short, *found], key=lambda item: order[item[0]])
        return found


#: How many first letters of a word key the prefix index of :meth:`RuleSet.candidates`.
_PREFIX_KEY = 3


def compile_phrase(text: str, where: str = "") -> tuple[Pattern, ...]:
    """The word patterns of one phrase (without ``~``)."""
    patterns: list[Pattern] = []
    for part in _phrase_words(text):
        if part.endswith("*") and is_acronym(part[:-1]):
            part = part[:-1]  # an acronym's key already covers its plural: NGO* is NGO
        if part.endswith("*"):
            prefix = spell(part[:-1])
            if len(prefix) < (2 if patterns else 3):
                raise RuleError(f"{where}: prefix {part!r} in {text!r} is too short")
            patterns.append(("*", prefix))
            continue
        key = word_info(part)[0]
        if key is not None:
            patterns.append(("=", key))
    if not patterns:
        raise RuleError(f"{where}: phrase {text!r} has no content word")
    if len(patterns) == 1 and len(_phrase_words(text)) > 1:
        raise RuleError(
            f"{where}: phrase {text!r} reads as the single word {patterns[0][1]!r} once function words "
            "are skipped; write the word alone or a longer phrase"
        )
    return tuple(patterns)


def _split_words(raw: str) -> list[str]:
    """Split a written word as the text tokeniser would, keeping a trailing ``*``."""
    star = raw.endswith("*")
    found = [w for w, _a, _b in words(raw.rstrip("*"))]
    if star and found:
        found[-1] += "*"
    return found


def _phrase_words(text: str) -> list[str]:
    """Words of a phrase; a prefix written apart (``non communicable``) joins the next word."""
    out: list[str] = []
    held = ""
    for raw in text.split():
        for part in _split_words(raw):
            if part.lower() in PREFIXES:
                held += part
                continue
            out.append(held + part)
            held = ""
    if held:
        out.append(held)
    return out


def _weighted(entry: dict, where: str):
    """``(weight, phrase)`` pairs from the numeric keys of a target or vocabulary mapping."""
    for key, phrases in entry.items():
        if isinstance(key, (int, float)) and not isinstance(key, bool):
            if not isinstance(phrases, list):
                raise RuleError(f"{where}: weight {key} must list phrases")
            for phrase in phrases:
                yield float(key), str(phrase)


GOAL_KEYS = {"goal", "threshold", "vocabulary", "exclude", "targets"}
ENTRY_KEYS = {"context", "exclude"}
CONTEXT_KEYS = {"terms", "weight", "near", "not"}


def _check_keys(mapping: dict, allowed: set, where: str, numbers: bool = False) -> None:
    for key in mapping:
        if key in allowed or (numbers and isinstance(key, (int, float)) and not isinstance(key, bool)):
            continue
        raise RuleError(f"{where}: unknown key {key!r} (expected {', '.join(sorted(allowed))}"
                        + (" or a weight" if numbers else "") + ")")


def _compile_goal(rs: RuleSet, data: dict, where: str) -> None:
    goal = str(data.get("goal", ""))
    if not goal:
        raise RuleError(f"{where}: missing 'goal'")
    _check_keys(data, GOAL_KEYS, where)
    rs.thresholds[goal] = float(data.get("threshold", DEFAULT_THRESHOLD))
    rs.goal_excludes[goal] = frozenset(rs.phrase_id(p, where) for p in data.get("exclude", []) or [])
    _compile_entry(rs, goal, None, data.get("vocabulary") or {}, f"{where}: vocabulary")
    for target, entry in (data.get("targets") or {}).items():
        target = str(target)
        if target.split(".")[0] != goal:
            raise RuleError(f"{where}: target {target} is not under goal {goal}")
        _compile_entry(rs, goal, target, entry or {}, f"{where}: {target}")
        rs.target_excludes[target] = frozenset(
            rs.phrase_id(p, where) for p in (entry or {}).get("exclude", []) or []
        )


def _compile_entry(rs: RuleSet, goal: str, target: str | None, entry: dict, where: str) -> None:
    _check_keys(entry, ENTRY_KEYS if target else {"context"}, where, numbers=True)
    for ctx in entry.get("context", []) or []:
        _check_keys(ctx, CONTEXT_KEYS, f"{where}: context")
    for weight, phrase in _weighted(entry, where):
        _add_phrase(rs, goal, target, weight, phrase, where)
    for ctx in entry.get("context", []) or []:
        near = frozenset(rs.phrase_id(p, where) for p in ctx.get("near", []) or [])
        never = frozenset(rs.phrase_id(p, where) for p in ctx.get("not", []) or [])
        weight = float(ctx.get("weight", 1))
        for phrase in ctx.get("terms", []) or []:
            _add_phrase(rs, goal, target, weight, str(phrase), where, near, never)


def _add_phrase(rs, goal, target, weight, phrase, where, near=frozenset(), never=frozenset()):
    sides = [s.strip() for s in phrase.split("~")]
    if not all(sides):
        raise RuleError(f"{where}: {phrase!r}: a '~' needs a phrase on each side")
    first = rs.phrase_id(sides[0], where)
    others = tuple(rs.phrase_id(side, where) for side in sides[1:])
    rs.add(Rule(goal, target, weight, first, others, near, never, phrase))


def read_tables() -> dict[str, dict]:
    """The raw rule tables by file name."""
    folder = resources.files(__package__).joinpath("data", "rules")
    tables = {}
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            tables[item.name] = yamlio.load(item.read_text(encoding="utf-8")) or {}
    return tables


@lru_cache(maxsize=1)
def load_rules() -> RuleSet:
    """All rule tables compiled into one :class:`RuleSet` (once per process)."""
    rs = RuleSet()
    for name, data in read_tables().items():
        if name == "common.yaml":
            rs.names = frozenset(rs.phrase_id(p, name) for p in data.get("names", []) or [])
        else:
            _compile_goal(rs, data, name)
    rs.proximity_firsts = frozenset(rs.proximity_by_first)
    rs.proximity_others = {pid: frozenset(o for rule in rules for o in rule.others) for pid, rules in rs.proximity_by_first.items()}
    rs.weighted_ids = frozenset(rs.rules_of) | rs.names
    for rules in [*rs.rules_of.values(), *rs.proximity_by_first.values()]:
        for rule in rules:
            rule.never = rule.never | rs.goal_excludes.get(rule.goal, frozenset())
            if rule.target:
                rule.never = rule.never | rs.target_excludes.get(rule.target, frozenset())
    rs.hit_rules = {
        pid: tuple((r.goal, r.target, r.weight, r.text, r.never or None, r.near or None) for r in rules)
        for pid, rules in rs.rules_of.items()
    }
    return rs


__all__ = ["PROXIMITY", "Rule", "RuleError", "RuleSet", "compile_phrase", "load_rules"]
