"""``sdg-portal classify``: goals and targets of many texts, JSON Lines in and out.

Each input line is ``{"id": ..., "text": ...}``; each output line is
``{"id": ..., "goals": [8, 16], "targets": ["8.7", "16.2"]}``, in input order. Goals
are numbers, targets strings (so that 8.10 stays 8.10). The text is analysed as
plain text, with no editor block. A line that is not such an object gets a message
on stderr naming its line number and no output line; the rest goes on, and the
exit status is 1 if any line was refused.
"""

from __future__ import annotations

import json
import sys

import click

from sdg_analysis import analyse, load_framework


def classify_line(line: str, framework) -> dict:
    """The output object for one input line; ``ValueError`` says what is wrong with it."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(item, dict):
        raise ValueError("expected an object with \"id\" and \"text\"")
    if "id" not in item:
        raise ValueError("missing \"id\"")
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError("\"text\" must be a string" if "text" in item else "missing \"text\"")
    result = analyse(text, framework)
    return {"id": item["id"], "goals": [int(g) for g in result.goal_codes], "targets": result.target_codes}


@click.command("classify")
def classify_command():
    """Read JSON Lines {"id", "text"} on stdin, write {"id", "goals", "targets"} per line."""
    fw = load_framework()
    refused = 0
    out = sys.stdout
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            result = classify_line(line, fw)
        except ValueError as exc:
            refused += 1
            click.echo(f"stdin:{number}: error: {exc}; line skipped", err=True)
            continue
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    if refused:
        sys.exit(1)
