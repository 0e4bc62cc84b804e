"""``sdg-portal new "Title" --source-url URL``: start a new article with its front matter."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from urllib.parse import urlparse

import click

TEMPLATE = """---
title: {title}
date: {date}
source:
  name: {source_name}
  url: {source_url}
summary: >-
  One or two sentences of plain text saying what happened.
tags: []
# The automatic analysis is added on build; curate it here if needed
# (see `sdg-portal analyse {path}` and the editor's guide):
# sdg:
#   goals: [8, 16]
#   targets: ["8.7", "16.2"]
#   indicators: ["16.2.2"]
#   exclude: []
#   notes: ""
---

Write the article here, in your own words.
"""


def slug_for_title(title: str) -> str:
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    return slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]) or "article"


@click.command("new")
@click.argument("title")
@click.option("--source-url", required=True, help="The http(s) address of the original report.")
@click.option("--source-name", help="Who published it (default: the site's host name).")
@click.option("--date", "when", type=click.DateTime(formats=["%Y-%m-%d"]), help="Publication date (default: today).")
@click.option("--content", "content_dir", type=click.Path(file_okay=False), default="content", show_default=True)
def new_command(title, source_url, source_name, when, content_dir):
    """Write a new article file with the front matter skeleton and today's date."""
    parsed = urlparse(source_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise click.BadParameter(f"{source_url!r} is not an http(s) URL", param_hint="--source-url")
    day = (when.date() if when else _dt.date.today())
    path = Path(content_dir) / "articles" / f"{day.year}" / f"{slug_for_title(title)}.md"
    if path.exists():
        raise click.ClickException(f"{path} already exists; choose another title or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    name = source_name or parsed.netloc.removeprefix("www.")
    path.write_text(
        TEMPLATE.format(
            title=json.dumps(title, ensure_ascii=False),
            date=day.isoformat(),
            source_name=json.dumps(name, ensure_ascii=False),
            source_url=source_url,
            path=path,
        ),
        encoding="utf-8",
    )
    click.echo(str(path))
