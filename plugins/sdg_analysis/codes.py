"""The one place SDG codes are parsed, ordered and turned into slugs.

Codes are strings in UN dot form everywhere: goal ``"8"``, target ``"8.7"`` or
``"8.a"``, indicator ``"16.2.2"``. Whether a well-formed code exists is the
framework's business (:mod:`sdg_analysis.framework`); this module only knows shape.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["goal", "target", "indicator"]

_GOAL = r"(?:1[0-7]|[1-9])"
_TARGET_PART = r"(?:[1-9][0-9]?|[a-z])"
_INDICATOR_PART = r"(?:[1-9][0-9]?)"
CODE_RE = re.compile(
    rf"^(?P<goal>{_GOAL})(?:\.(?P<target>{_TARGET_PART})(?:\.(?P<indicator>{_INDICATOR_PART}))?)?$"
)

#: Anything shaped like a code, existing or not ("18", "8.99", "16.2.9"), for messages.
SHAPE_RE = re.compile(r"^[0-9]{1,3}(?:\.(?:[0-9]{1,3}|[a-z]))?(?:\.[0-9]{1,3})?$")

#: How a code may be written in running text or by an editor: "SDG 8", "Goal 8",
#: "target 8.7", "8.a". Used by the analyser's explicit-reference channel.
LOOSE_CODE_RE = re.compile(r"\b(?:1[0-7]|[1-9])(?:\.(?:[1-9][0-9]?|[a-z]))?(?:\.[1-9][0-9]?)?\b")


class CodeError(ValueError):
    """A string that is not an SDG code in UN dot form."""


def normalise(code: object) -> str:
    """Return ``code`` as a canonical string, or raise :class:`CodeError`.

    Accepts ``"8.7"``, ``" 8.7 "``, ``"SDG 8"``, ``"8.A"`` and the integer ``8``.
    Floats are refused: ``8.10`` written as a YAML number arrives as ``8.1`` and
    only the source text can say which was meant.
    """
    if isinstance(code, (bool, float)):
        raise CodeError(
            f"{code!r} is not a code: write codes as strings, in quotes "
            "(YAML reads an unquoted yes/no/on/off as true/false, and 8.10 as the number 8.1)"
        )
    if isinstance(code, int):
        text = str(code)
    elif isinstance(code, str):
        text = code.strip()
        text = re.sub(r"^(?:sdg|goal|target|indicator)\s*", "", text, flags=re.IGNORECASE)
        text = text.lower()
    else:
        raise CodeError(f"{code!r} is not a code")
    if not CODE_RE.match(text):
        raise CodeError(f"{code!r} is not an SDG code (expected a form like 8, 8.7, 8.a or 16.2.2)")
    return text


def is_code(code: object) -> bool:
    try:
        normalise(code)
    except CodeError:
        return False
    return True


def kind_of(code: str) -> Kind:
    parts = code.count(".")
    return ("goal", "target", "indicator")[parts]


def goal_of(code: str) -> str:
    return code.split(".", 1)[0]


def target_of(code: str) -> str | None:
    parts = code.split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else None


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def sort_key(code: str) -> tuple:
    """Order codes as the UN lists them: 8.2 < 8.10 < 8.a; goals before targets."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def sorted_codes(codes) -> list[str]:
    return sorted(codes, key=sort_key)


def slug_for(code: str) -> str:
    """The URL slug of a code: ``"16.2.2"`` -> ``"16-2-2"``.

    Hyphens rather than dots keep folder names free of anything a server could
    take for a file extension.
    """
    return code.replace(".", "-")


def code_from_slug(slug: str) -> str:
    return slug.replace("-", ".")
