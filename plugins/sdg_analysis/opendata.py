"""The portal's open data: every article's analysis as JSON, every figure as CSV.

``article_record`` turns one article's metadata and analysis into a plain dict;
``site_export`` wraps the records with ``schema_version``; ``figure_rows`` flattens
figures for the CSV. The JSON Schema of the export is ``data/articles.schema.json``.
JSON written for the web goes through :func:`dumps_safe`, so text from an article
can never close a ``<script>`` element or be read as markup.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from importlib import resources
from typing import Iterable

from .export import SCHEMA_VERSION, figure_to_dict, label_to_dict
from .framework import Framework
from .model import Analysis

FIGURE_COLUMNS = [
    "article_url",
    "article_title",
    "article_date",
    "value",
    "high",
    "text",
    "qualifier",
    "counts",
    "unit",
    "kind",
    "currency",
    "target",
    "indicator",
    "origin",
    "sentence",
]


def iso_date(value) -> str | None:
    """A date or datetime as ISO 8601; anything else as its text."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else None


def _label(label, framework: Framework) -> dict:
    out = label_to_dict(label)
    out["title"] = framework[label.code].title
    return out


def article_record(
    *,
    title: str,
    date,
    url: str,
    analysis: Analysis,
    framework: Framework,
    source: dict | None = None,
    summary: str | None = None,
    tags: list[str] | None = None,
    authors: list[str] | None = None,
    image: str | None = None,
) -> dict:
    src = None
    if isinstance(source, dict):
        src = {"name": _str_or_none(source.get("name")), "url": _str_or_none(source.get("url"))}
    return {
        "title": str(title),
        "date": iso_date(date),
        "url": url,
        "source": src,
        "summary": summary or None,
        "tags": [str(t) for t in tags or ()],
        "authors": [str(a) for a in authors or ()],
        "image": image or None,
        "auto": analysis.auto,
        "notes": analysis.notes,
        "goals": [_label(g, framework) for g in analysis.goals],
        "targets": [_label(t, framework) for t in analysis.targets],
        "indicators": [_label(i, framework) for i in analysis.indicators],
        "figures": [figure_to_dict(f) for f in analysis.figures],
    }


def _str_or_none(value) -> str | None:
    return None if value is None else str(value)


def site_export(records: list[dict], *, site_url: str, analyser_version: str) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "site": site_url,
        "analyser_version": analyser_version,
        "articles": records,
    }


def figure_rows(records: Iterable[dict]) -> list[dict]:
    rows = []
    for record in records:
        for fig in record["figures"]:
            row = {k: fig.get(k) for k in FIGURE_COLUMNS if k in fig}
            row.update(
                article_url=record["url"], article_title=record["title"], article_date=record["date"]
            )
            rows.append({k: row.get(k) for k in FIGURE_COLUMNS})
    return rows


def _csv_writer(out) -> csv.DictWriter:
    writer = csv.DictWriter(out, fieldnames=FIGURE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    return writer


def _write_rows(writer: csv.DictWriter, records: Iterable[dict]) -> None:
    for row in figure_rows(records):
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})


def figures_csv(records: list[dict]) -> str:
    out = io.StringIO()
    _write_rows(_csv_writer(out), records)
    return out.getvalue()


def write_open_data(records: Iterable[dict], json_file, csv_file, *, site_url: str, analyser_version: str) -> int:
    """Stream the export: ``articles.json`` (the same bytes as ``dumps_safe(site_export(...))``)
    and ``figures.csv``, one record at a time, so that a large site's export is never
    held in memory whole. Either file may be ``None``. Returns the number of records."""
    head = dumps_safe(site_export([], site_url=site_url, analyser_version=analyser_version))
    assert head.endswith("[]}")
    writer = _csv_writer(csv_file) if csv_file is not None else None
    if json_file is not None:
        json_file.write(head[:-2])
    n = 0
    for record in records:
        if json_file is not None:
            json_file.write(("," if n else "") + dumps_safe(record))
        if writer is not None:
            _write_rows(writer, [record])
        n += 1
    if json_file is not None:
        json_file.write("]}")
    return n


def _csv_cell(value):
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value


def dumps_safe(obj, *, indent: int | None = None) -> str:
    """JSON with ``<``, ``>`` and ``&`` escaped: safe inside HTML and ``<script>``."""
    separators = (",", ":") if indent is None else None
    text = json.dumps(obj, ensure_ascii=False, indent=indent, separators=separators)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def schema_text() -> str:
    return resources.files(__package__).joinpath("data", "articles.schema.json").read_text(encoding="utf-8")


def schema() -> dict:
    return json.loads(schema_text())
