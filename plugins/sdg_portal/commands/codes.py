"""``sdg-portal codes QUERY``: find goals, targets and indicators by code or by words."""

from __future__ import annotations

import json
import re
import sys

import click

from sdg_analysis import codes as _codes
from sdg_analysis import load_framework

_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    for suffix in ("ing", "ies", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def search(query: str, framework=None, limit: int = 20) -> list:
    """Nodes matching ``query``: the code itself and its children, or every node whose
    official English title holds all the query's words (stems), best first."""
    fw = framework or load_framework()
    node = fw.get(query)
    if node is not None:
        return [node, *fw.children(node.code)]
    words = [_stem(w) for w in _WORD.findall(query.lower())]
    if not words:
        return []
    hits = []
    for node in fw:
        stems = [_stem(w) for w in _WORD.findall(node.title.lower())]
        if all(any(s.startswith(w) for s in stems) for w in words):
            # titles where the words weigh more (shorter titles) first, then UN order
            hits.append((len(stems), node))
    hits.sort(key=lambda h: _codes.sort_key(h[1].code))
    return [node for _, node in hits][:limit] if limit else [node for _, node in hits]


@click.command("codes")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", type=int, default=30, show_default=True, help="At most this many results (0: all).")
def codes_command(query, fmt, limit):
    """Find goals, targets and indicators by code ("16.2") or words ("trafficking")."""
    found = search(query, limit=limit)
    if fmt == "json":
        json.dump([{"code": n.code, "kind": n.kind, "title": n.title} for n in found], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for node in found:
            click.echo(f"{node.code:<8} {node.kind:<9} {node.title}")
        if not found:
            click.echo(f"nothing matches {query!r}", err=True)
    if not found:
        sys.exit(1)
