"""``sdg-portal check [PATH...]``: validate content without building.

Reports ``path:line: error|warning: message`` (or JSON with ``--format json``) for
every article, through the same checks as the build
(:func:`sdg_analysis.document.read_document`), plus what only shows across files:
two articles that would be written to the same URL (a warning, as in the build,
which publishes the newer one under another slug). Exit status 1 on any error
(and on warnings too with ``--strict``).
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import click

from sdg_analysis import load_framework
from sdg_analysis.document import DEFAULT_MAX_BYTES, read_document
from sdg_analysis.problems import Problem, error, warning

MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")


def markdown_files(paths: list[str]) -> list[Path]:
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if p.suffix.lower() in MARKDOWN and p.is_file())
        else:
            files.append(path)
    return files


def load_settings(settings_file: str | None) -> dict:
    """Pelican settings of the site (for PATH, URLs, limits), when a settings file is found."""
    candidate = settings_file or ("pelicanconf.py" if os.path.exists("pelicanconf.py") else None)
    if not candidate:
        return {}
    import logging

    from pelican.settings import read_settings

    quiet = logging.getLogger("pelican")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # not building: warnings about feeds or themes do not apply
    try:
        return read_settings(candidate)
    except Exception as exc:  # a settings file that Pelican refuses should not stop the check
        click.echo(f"{candidate}: warning: cannot read the site settings ({exc}); checking with defaults", err=True)
        return {}
    finally:
        quiet.setLevel(level)


def kind_of(file: Path, settings: dict) -> str:
    """"page" for files under the site's PAGE_PATHS, else "article"."""
    root = Path(settings.get("PATH", "content")).resolve()
    resolved = file.resolve()
    for folder in settings.get("PAGE_PATHS", ["pages"]):
        if (root / folder) in resolved.parents:
            return "page"
    return "article"


def shown_path(file: Path) -> str:
    rel = os.path.relpath(file)
    return str(file) if rel.startswith("..") else rel


def _slugify(text: str, settings: dict) -> str:
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return slugify(text, regex_subs=subs)


def planned_url(doc, settings: dict) -> str | None:
    """Where Pelican would save the article, from its slug, date and ARTICLE_SAVE_AS."""
    meta = doc.metadata or {}
    if meta.get("slug"):
        slug = str(meta["slug"])
    elif settings.get("SLUGIFY_SOURCE") == "basename":
        slug = _slugify(Path(doc.path).stem, settings)
    else:
        slug = _slugify(str(meta.get("title", "")), settings)
    pattern = settings.get("ARTICLE_SAVE_AS", "{slug}.html")
    if meta.get("lang") and meta.get("lang") != settings.get("DEFAULT_LANG", "en"):
        pattern = settings.get("ARTICLE_LANG_SAVE_AS", "{slug}-{lang}.html")
    from sdg_analysis.document import as_date

    try:
        return pattern.format(slug=slug, date=as_date(meta.get("date")), lang=meta.get("lang", ""), category="")
    except (AttributeError, KeyError, ValueError, TypeError):
        return slug


def check_files(files: list[Path], settings: dict) -> list[Problem]:
    fw = load_framework()
    max_bytes = settings.get("SDG_MAX_FILE_SIZE", DEFAULT_MAX_BYTES)
    problems: list[Problem] = []
    urls = defaultdict(list)
    for file in files:
        shown = shown_path(file)
        try:
            data = file.read_bytes()
        except OSError as exc:
            problems.append(error(f"cannot read the file: {exc.strerror}", path=shown))
            continue
        kind = kind_of(file, settings)
        doc = read_document(data, shown, max_bytes=max_bytes, framework=fw, kind=kind)
        problems.extend(doc.problems)
        if kind == "article" and doc.publishable and str(doc.metadata.get("status", "published")).lower() != "draft":
            urls[planned_url(doc, settings)].append(shown)
    for url, shown in sorted(urls.items()):
        for other in shown[1:]:
            problems.append(
                warning(
                    f"this article would be written to {url}, like {shown[0]}: give one of them another slug",
                    path=other,
                )
            )
    return problems


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Exit with status 1 on warnings too.")
@click.option("--settings", "settings_file", type=click.Path(exists=True, dir_okay=False),
              help="Pelican settings file (default: ./pelicanconf.py when present).")
def check_command(paths, fmt, strict, settings_file):
    """Validate the articles under PATH (default: the site's content folder) without building."""
    settings = load_settings(settings_file)
    files = markdown_files(list(paths) or [settings.get("PATH", "content")])
    problems = check_files(files, settings)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if fmt == "json":
        json.dump(
            {"files": len(files), "errors": errors, "warnings": warnings, "problems": [p.to_dict() for p in problems]},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        for problem in problems:
            click.echo(problem.format())
        click.echo(f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        sys.exit(1)
