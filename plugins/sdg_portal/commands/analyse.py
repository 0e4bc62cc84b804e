"""``sdg-portal analyse FILE [--format text|json]``: the analysis of one article file.

The file is read as the build reads it (:func:`sdg_analysis.document.read_document`:
front matter, body, the editor's ``sdg:`` block); the title and the plain text of the
body are analysed, and the editor's block is applied on top, so the result is what
the article page will show. Problems of the file go to stderr.

``--format json`` prints :func:`sdg_analysis.export.analysis_to_dict` (documented in
``docs/reference/analysis-json.md``). The text format lists each goal and target with
its evidence sentences, matched terms in «guillemets», and ends with a ``sdg:`` block
ready to paste into the front matter.
"""

from __future__ import annotations

import json
import sys

import click

from sdg_analysis import analyse, load_framework
from sdg_analysis.document import read_document
from sdg_analysis.export import analysis_to_dict
from sdg_analysis.model import Analysis, Evidence, Label
from sdg_analysis.text import markdown_to_text


@click.command("analyse")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def analyse_command(file, fmt):
    """Show the analysis of one article FILE: goals, targets and the sentences behind them."""
    fw = load_framework()
    with open(file, "rb") as handle:
        doc = read_document(handle.read(), file, framework=fw)
    for problem in doc.problems:
        click.echo(problem.format(), err=True)
    if doc.metadata is None:
        raise click.ClickException(f"{file}: cannot be read as an article (see above)")
    title = str(doc.metadata.get("title") or "").strip()
    body = markdown_to_text(doc.body)
    text = f"{title}\n\n{body}" if title else body
    result = analyse(text, fw, doc.editor)

    if fmt == "json":
        json.dump(analysis_to_dict(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    click.echo(render_text(result, fw, title or file, doc.editor))


def marked(ev: Evidence) -> str:
    """The evidence sentence with its matched terms in «guillemets»."""
    out, pos = [], 0
    for start, end in ev.marks:
        out.append(ev.sentence[pos:start])
        out.append(f"«{ev.sentence[start:end]}»")
        pos = end
    out.append(ev.sentence[pos:])
    return "".join(out)


def _label_lines(label: Label, heading: str, indent: str) -> list[str]:
    lines = [f"{indent}{heading}  score {label.score:.2f}  [{label.origin}]"]
    if not label.evidence:
        lines.append(f"{indent}    (no sentence of the article supports it)")
    for ev in label.evidence:
        lines.append(f"{indent}    > {marked(ev)}")
    return lines


def render_text(result: Analysis, fw, title: str, editor) -> str:
    lines = [title, ""]
    if not result.goals:
        lines.append("No goal found." if result.auto else "Automatic analysis is off for this article (auto: false).")
    for goal in result.goals:
        lines += _label_lines(goal, f"SDG {goal.code}  {fw[goal.code].short}", "")
        for target in result.targets_of(goal.code):
            title_text = fw[target.code].title
            short = title_text if len(title_text) <= 90 else title_text[:89].rstrip() + "…"
            lines += _label_lines(target, f"Target {target.code}  {short}", "  ")
        lines.append("")
    lines += ["Paste into the front matter to keep this analysis:", "", *paste_block(result, editor)]
    return "\n".join(lines)


def paste_block(result: Analysis, editor) -> list[str]:
    """The ``sdg:`` YAML block of ``result``; codes quoted so that 8.10 stays 8.10."""
    lines = ["sdg:", f"  goals: [{', '.join(result.goal_codes)}]"]
    if result.targets:
        lines.append(f"  targets: [{', '.join(json.dumps(c) for c in result.target_codes)}]")
    if result.indicators:
        lines.append(f"  indicators: [{', '.join(json.dumps(c) for c in result.indicator_codes)}]")
    if editor.exclude:
        lines.append(f"  exclude: [{', '.join(json.dumps(c) for c in editor.exclude)}]")
    if editor.notes:
        lines.append(f"  notes: {json.dumps(editor.notes, ensure_ascii=False)}")
    if not editor.auto:
        lines.append("  auto: false")
    return lines
