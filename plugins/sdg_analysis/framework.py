"""The UN global SDG framework as plain objects: goals, targets, indicators.

``load_framework()`` reads ``data/sdg-framework.json`` once per process and answers
lookups by code (``"8"``, ``"8.7"``, ``"8.a"``, ``"16.2.2"``), parents, children and
existence. Each node knows its parent, as a tag knows its parent in
mkdocs-material's tags plugin, so breadcrumbs are ``node.lineage()``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterator, Union

from . import codes as _codes

DEFAULT_LANGUAGE = "en"


def _relative_luminance(hex_color: str) -> float:
    rgb = [int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two ``#RRGGBB`` colours."""
    la, lb = sorted((_relative_luminance(a), _relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


DARK_TEXT = "#111111"
LIGHT_TEXT = "#FFFFFF"


def text_color_on(background: str) -> str:
    """The text colour (near-black or white) with the higher contrast on ``background``.

    For any background one of the two reaches at least 4.5:1 (WCAG AA).
    """
    dark = contrast_ratio(background, DARK_TEXT)
    light = contrast_ratio(background, LIGHT_TEXT)
    return DARK_TEXT if dark >= light else LIGHT_TEXT


@dataclass(eq=False)
class _Node:
    code: str
    titles: dict[str, str]

    kind = "node"

    @property
    def title(self) -> str:
        return self.titles[DEFAULT_LANGUAGE]

    def title_in(self, language: str) -> str:
        return self.titles.get(language) or self.title

    @property
    def slug(self) -> str:
        return _codes.slug_for(self.code)

    @property
    def parent(self) -> "_Node | None":
        return None

    def lineage(self) -> list["_Node"]:
        """This node and its parents, goal first."""
        chain: list[_Node] = []
        node: _Node | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"


@dataclass(eq=False, repr=False)
class Indicator(_Node):
    target: "Target | None" = None
    kind = "indicator"

    @property
    def parent(self) -> "Target | None":
        return self.target

    @property
    def goal(self) -> "Goal":
        return self.target.goal


@dataclass(eq=False, repr=False)
class Target(_Node):
    goal: "Goal | None" = None
    indicators: list[Indicator] = field(default_factory=list)
    kind = "target"

    @property
    def parent(self) -> "Goal | None":
        return self.goal

    @property
    def short_code(self) -> str:
        """The part after the goal: ``"7"`` for 8.7, ``"a"`` for 8.a."""
        return self.code.split(".", 1)[1]


@dataclass(eq=False, repr=False)
class Goal(_Node):
    color: str = "#000000"
    shorts: dict[str, str] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    kind = "goal"

    @property
    def number(self) -> int:
        return int(self.code)

    @property
    def short(self) -> str:
        return self.shorts.get(DEFAULT_LANGUAGE, self.title)

    @cached_property
    def text_color(self) -> str:
        return text_color_on(self.color)

    @property
    def indicators(self) -> list[Indicator]:
        return [i for t in self.targets for i in t.indicators]


Node = Union[Goal, Target, Indicator]


class Framework:
    """Lookups over the framework; build one with :func:`load_framework`."""

    def __init__(self, data: dict):
        self.about: str = data["about"]
        self.languages: list[str] = list(data["languages"])
        self._by_code: dict[str, Node] = {}
        self.goals: list[Goal] = []
        for g in data["goals"]:
            goal = Goal(code=g["code"], titles=g["title"], color=g["color"], shorts=g["short"])
            self.goals.append(goal)
            self._by_code[goal.code] = goal
        for t in data["targets"]:
            goal = self._by_code[t["goal"]]
            target = Target(code=t["code"], titles=t["title"], goal=goal)
            goal.targets.append(target)
            self._by_code[target.code] = target
        for i in data["indicators"]:
            target = self._by_code[i["target"]]
            indicator = Indicator(code=i["code"], titles=i["title"], target=target)
            target.indicators.append(indicator)
            self._by_code[indicator.code] = indicator

    # -- lookups -------------------------------------------------------------
    def get(self, code: object) -> Node | None:
        """The goal, target or indicator with this code, or ``None``."""
        node = self._by_code.get(code) if type(code) is str else None
        if node is not None:  # a code in UN dot form already: what templates ask for
            return node
        try:
            return self._by_code.get(_codes.normalise(code))
        except _codes.CodeError:
            return None

    def __getitem__(self, code: object) -> Node:
        node = self.get(code)
        if node is None:
            raise KeyError(f"{code!r} is not a goal, target or indicator of the SDG framework")
        return node

    def exists(self, code: object) -> bool:
        return self.get(code) is not None

    __contains__ = exists

    def goal(self, code: object) -> Goal:
        return self._typed(code, Goal)

    def target(self, code: object) -> Target:
        return self._typed(code, Target)

    def indicator(self, code: object) -> Indicator:
        return self._typed(code, Indicator)

    def _typed(self, code: object, cls: type) -> Node:
        node = self[code]
        if not isinstance(node, cls):
            raise KeyError(f"{code!r} is a {node.kind}, not a {cls.kind}")
        return node

    def parent(self, code: object) -> Node | None:
        return self[code].parent

    def children(self, code: object) -> list[Node]:
        node = self[code]
        if isinstance(node, Goal):
            return list(node.targets)
        if isinstance(node, Target):
            return list(node.indicators)
        return []

    # -- iteration -----------------------------------------------------------
    @property
    def targets(self) -> list[Target]:
        return [t for g in self.goals for t in g.targets]

    @property
    def indicators(self) -> list[Indicator]:
        return [i for g in self.goals for t in g.targets for i in t.indicators]

    def __iter__(self) -> Iterator[Node]:
        for goal in self.goals:
            yield goal
            for target in goal.targets:
                yield target
                yield from target.indicators

    def __len__(self) -> int:
        return len(self._by_code)


def read_framework_data() -> dict:
    source = resources.files(__package__).joinpath("data", "sdg-framework.json")
    return json.loads(source.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_framework() -> Framework:
    """The framework, read from the package data once per process."""
    return Framework(read_framework_data())
