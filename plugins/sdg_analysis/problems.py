"""Problems found in an editor's input, reported as ``path:line: severity: message``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    key: str | None = None  # dotted key in the front matter, e.g. "sdg.targets[2]"

    def format(self) -> str:
        where = self.path or "<input>"
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"

    def at(self, path: str | None = None, line: int | None = None) -> "Problem":
        return replace(self, path=path or self.path, line=line or self.line)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "key": self.key,
            "message": self.message,
        }

    def __str__(self) -> str:
        return self.format()


def error(message: str, **where) -> Problem:
    return Problem("error", message, **where)


def warning(message: str, **where) -> Problem:
    return Problem("warning", message, **where)


def closest(word: str, choices: Iterable[str], n: int = 2, cutoff: float = 0.6) -> list[str]:
    return difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)


def did_you_mean(options: list[str]) -> str:
    if not options:
        return ""
    if len(options) == 1:
        return f"; did you mean {options[0]}?"
    return f"; did you mean {', '.join(options[:-1])} or {options[-1]}?"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
