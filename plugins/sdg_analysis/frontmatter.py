"""The editor's ``sdg:`` front matter block: validated into an :class:`EditorInput`.

```yaml
sdg:
  goals: [8, 16, 17]
  targets: ["8.7", "16.2"]
  indicators: ["16.2.2"]
  exclude: ["4"]          # labels the analyser found that do not apply
  figures: [...]          # figures to add or correct
  notes: "Editor's commentary, shown with the analysis."
  auto: false             # switch the analyser off for this article
```

Problems name the key and, when the YAML source is given, the line. Codes are
checked against the framework, with the nearest valid codes suggested. A code
written as a YAML number (``8.10`` reads as the float ``8.1``) is recovered from the
source text and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from . import codes as _codes
from .framework import Framework, load_framework
from .problems import Problem, closest, did_you_mean, error, warning
from .yamlio import LOADER

SDG_KEYS = ("goals", "targets", "indicators", "exclude", "figures", "notes", "auto")
LABEL_KEYS = ("goals", "targets", "indicators")
FIGURE_KEYS = ("value", "text", "qualifier", "counts", "unit", "sentence", "target", "indicator", "remove")


@dataclass
class EditorInput:
    """What an editor asked for in the ``sdg:`` block, with only valid codes."""

    goals: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    notes: str | None = None
    auto: bool = True

    def codes(self) -> list[str]:
        return [*self.goals, *self.targets, *self.indicators]

    def __bool__(self) -> bool:
        return bool(self.codes() or self.exclude or self.figures or self.notes or not self.auto)


class SourceMap:
    """Line numbers and literal spellings of scalars in a YAML front matter block.

    Keys are paths such as ``("sdg", "targets", 2)``. ``first_line`` is the line of
    the file on which the YAML text starts (2 when the file opens with ``---``).
    """

    def __init__(self, yaml_text: str | None = None, first_line: int = 1):
        self.first_line = first_line
        self._lines: dict[tuple, int] = {}
        self._literals: dict[tuple, tuple[str, str]] = {}
        self._duplicates: list[tuple] = []
        if yaml_text:
            try:
                root = yaml.compose(yaml_text, Loader=LOADER)
            except yaml.YAMLError:
                root = None
            if root is not None:
                self._walk(root, ())

    def _walk(self, node, path: tuple) -> None:
        self._lines[path] = node.start_mark.line + self.first_line
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key, value in node.value:
                k = key.value if isinstance(key, yaml.ScalarNode) else str(key)
                if k in seen:
                    self._duplicates.append(path + (k,))
                seen.add(k)
                self._lines[path + (k,)] = key.start_mark.line + self.first_line
                self._walk(value, path + (k,))
                # the key's own line wins over its value's
                self._lines[path + (k,)] = key.start_mark.line + self.first_line
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, path + (i,))
        elif isinstance(node, yaml.ScalarNode):
            self._literals[path] = (node.value, node.style or "")

    def line(self, *path) -> int | None:
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return self._lines.get(())

    def duplicate_keys(self) -> list[tuple]:
        """Paths of mapping keys written more than once (YAML keeps the last)."""
        return list(self._duplicates)

    def literal(self, *path) -> tuple[str, str] | None:
        """The scalar as written, and its quote style (``""`` when plain)."""
        return self._literals.get(path)


def _key_name(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


class _Validator:
    def __init__(self, framework: Framework, source: SourceMap, path: str | None):
        self.fw = framework
        self.src = source
        self.path = path
        self.problems: list[Problem] = []

    def report(self, severity: str, message: str, *key) -> None:
        make = error if severity == "error" else warning
        self.problems.append(
            make(message, path=self.path, line=self.src.line(*key), key=_key_name(key))
        )

    # -- codes ---------------------------------------------------------------
    def code(self, value, key: tuple) -> str | None:
        """A valid, existing code from one list item, or ``None`` (reported)."""
        literal = self.src.literal(*key)
        if isinstance(value, float):
            written = literal[0] if literal else repr(value)
            if literal and not literal[1] and written != repr(value):
                self.report(
                    "error",
                    f"{written} is written as a YAML number and reads as {value!r}; "
                    f"quote it as \"{written}\" (taken as {written} here)",
                    *key,
                )
            value = written
        try:
            code = _codes.normalise(value)
        except _codes.CodeError as exc:
            shaped = str(value).strip().lower() if isinstance(value, (str, int)) else ""
            if isinstance(value, bool) or not _codes.SHAPE_RE.match(shaped):
                self.report("error", str(exc), *key)
            else:
                self.report("error", self.unknown_code_message(shaped), *key)
            return None
        if not self.fw.exists(code):
            self.report("error", self.unknown_code_message(code), *key)
            return None
        return code

    def unknown_code_message(self, code: str) -> str:
        kind = _codes.kind_of(code)
        parent = _codes.parent_of(code)
        article = "an" if kind == "indicator" else "a"
        if kind == "goal":
            return f"{code} is not a goal; goals are numbered 1 to 17"
        if not self.fw.exists(parent):
            return f"{code} is not {article} {kind}: {parent} does not exist"
        siblings = [c.code for c in self.fw.children(parent)]
        # closest by spelling, then by numeric neighbours: "16.11" -> 16.1, 16.10
        options = closest(code, siblings, n=2, cutoff=0.5)
        return f"{code} is not {article} {kind} of {self.fw[parent].kind} {parent}" + did_you_mean(
            _codes.sorted_codes(options)
        )

    def code_list(self, value, key: tuple) -> list[str]:
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        if not isinstance(value, list) and isinstance(value, str) and "," in value:
            items = [v.strip() for v in value.split(",") if v.strip()]
        out: list[str] = []
        for i, item in enumerate(items):
            item_key = key + (i,) if isinstance(value, list) else key
            code = self.code(item, item_key)
            if code and code not in out:
                out.append(code)
        return out


def parse_frontmatter(
    metadata: dict,
    *,
    header: str | None = None,
    header_line: int = 2,
    path: str | None = None,
    framework: Framework | None = None,
    source: SourceMap | None = None,
) -> tuple[EditorInput, list[Problem]]:
    """Validate the ``sdg:`` block of an article's metadata.

    ``header`` is the raw YAML text of the front matter (for line numbers and for
    codes written as numbers); ``header_line`` the file line it starts on; or pass
    an already built ``source`` map of it.
    Returns the valid part of the input and every problem found.
    """
    fw = framework or load_framework()
    v = _Validator(fw, source or SourceMap(header, header_line), path)
    block = metadata.get("sdg")
    editor = EditorInput()
    if block is None:
        return editor, v.problems
    if not isinstance(block, dict):
        v.report("error", "the sdg block must be a mapping with goals, targets, indicators...", "sdg")
        return editor, v.problems

    for key in block:
        if key not in SDG_KEYS:
            hint = did_you_mean(closest(str(key), SDG_KEYS, n=1))
            v.report("error", f"unknown key sdg.{key}{hint}", "sdg", key)

    found: dict[str, list[str]] = {"goal": [], "target": [], "indicator": []}
    for key in LABEL_KEYS:
        expected = key[:-1]
        for code in v.code_list(block.get(key), ("sdg", key)):
            kind = _codes.kind_of(code)
            if kind != expected:
                v.report("warning", f"{code} is a {kind}, listed under sdg.{key}; taken as a {kind}", "sdg", key)
            if code not in found[kind]:
                found[kind].append(code)

    # Parents an editor left out are added: an indicator implies its target, a
    # target its goal. Said once, about the code the editor wrote.
    implied_by: dict[str, str] = {}
    for code in found["indicator"]:
        target = _codes.target_of(code)
        if target not in found["target"]:
            found["target"].append(target)
            implied_by[target] = code
    for code in found["target"]:
        goal = _codes.goal_of(code)
        if goal not in found["goal"]:
            found["goal"].append(goal)
            if code in implied_by:
                indicator = implied_by[code]
                v.report(
                    "warning",
                    f"indicator {indicator} is listed without its target {code} and goal {goal}; both added",
                    "sdg", "indicators",
                )
            else:
                v.report("warning", f"target {code} is listed without its goal {goal}; goal {goal} added", "sdg", "targets")

    editor.goals = _codes.sorted_codes(found["goal"])
    editor.targets = _codes.sorted_codes(found["target"])
    editor.indicators = _codes.sorted_codes(found["indicator"])
    editor.exclude = v.code_list(block.get("exclude"), ("sdg", "exclude"))
    for code in editor.exclude:
        if code in editor.codes():
            v.report("warning", f"{code} is both listed and excluded; the exclusion wins", "sdg", "exclude")
    editor.goals = [c for c in editor.goals if c not in editor.exclude]
    editor.targets = [c for c in editor.targets if c not in editor.exclude]
    editor.indicators = [c for c in editor.indicators if c not in editor.exclude]

    notes = block.get("notes")
    if notes is not None:
        if isinstance(notes, (str, int, float)):
            editor.notes = str(notes).strip() or None
        else:
            v.report("error", "sdg.notes must be text", "sdg", "notes")

    auto = block.get("auto", True)
    if isinstance(auto, bool):
        editor.auto = auto
    else:
        v.report("error", f"sdg.auto must be true or false, not {auto!r}", "sdg", "auto")

    editor.figures = _figures(block.get("figures"), v)
    return editor, v.problems


def _figures(value, v: _Validator) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        v.report("error", "sdg.figures must be a list of figures", "sdg", "figures")
        return []
    out = []
    for i, item in enumerate(value):
        key = ("sdg", "figures", i)
        if not isinstance(item, dict):
            v.report("error", "each figure must be a mapping with at least a value", *key)
            continue
        bad = [k for k in item if k not in FIGURE_KEYS]
        for k in bad:
            v.report("error", f"unknown key {k} in a figure{did_you_mean(closest(str(k), FIGURE_KEYS, n=1))}", *key, k)
        figure = {k: item[k] for k in FIGURE_KEYS if k in item}
        if "value" not in figure:
            v.report("error", "a figure needs a value", *key)
            continue
        if not isinstance(figure["value"], (int, float)) or isinstance(figure["value"], bool):
            v.report("error", f"figure value {figure['value']!r} is not a number", *key, "value")
            continue
        ok = True
        for k in ("target", "indicator"):
            if k in figure and figure[k] is not None:
                code = v.code(figure[k], key + (k,))
                if code is None or _codes.kind_of(code) != k:
                    if code is not None:
                        article = "an" if k == "indicator" else "a"
                        v.report("error", f"figure {k} {code} is a {_codes.kind_of(code)}, not {article} {k}", *key, k)
                    ok = False
                figure[k] = code
        if ok and figure.get("indicator") and not figure.get("target"):
            figure["target"] = _codes.target_of(figure["indicator"])
        if ok:
            out.append(figure)
    return out
