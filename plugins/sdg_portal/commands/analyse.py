"""``sdg-portal analyse FILE``: the analysis of one article file."""

from __future__ import annotations

import json
import sys

import click

from sdg_analysis import analyse, load_framework
from sdg_analysis.export import analysis_to_dict
from sdg_analysis.text import markdown_to_text


@click.command("analyse")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def analyse_command(file, fmt):
    """Show the automatic analysis of one article FILE."""
    with open(file, encoding="utf-8") as handle:
        text = markdown_to_text(handle.read())
    fw = load_framework()
    result = analyse(text, fw)
    if fmt == "json":
        json.dump(analysis_to_dict(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for label in result.goals:
        click.echo(f"SDG {label.code}  {fw[label.code].short}  ({label.score:.2f})")
    for label in result.targets:
        click.echo(f"  {label.code}  ({label.score:.2f})")
