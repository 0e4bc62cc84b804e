"""The site-wide index from goals, targets and indicators to the items addressing them.

``build_index(pairs)`` takes ``(item, analysis)`` pairs in display order (newest
first) and inverts them once; items are opaque (Pelican articles in the plugin,
dicts in tests). Everything across articles (counts, listings) is read from here,
never recomputed in templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Iterable, TypeVar

from .model import Analysis

T = TypeVar("T")


@dataclass
class SdgIndex(Generic[T]):
    items: list[T] = field(default_factory=list)
    by_code: dict[str, list[T]] = field(default_factory=dict)

    def items_for(self, code: str) -> list[T]:
        """Items addressing a goal, target or indicator, in input order."""
        return self.by_code.get(code, [])

    def count(self, code: str) -> int:
        return len(self.by_code.get(code, ()))

    def codes(self) -> list[str]:
        return list(self.by_code)


def build_index(pairs: Iterable[tuple[T, Analysis]]) -> SdgIndex[T]:
    index: SdgIndex[Any] = SdgIndex()
    for item, analysis in pairs:
        index.items.append(item)
        for label in analysis.all_labels():
            index.by_code.setdefault(label.code, []).append(item)
    return index
