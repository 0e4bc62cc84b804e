"""One article file, from bytes: encoding, size, front matter, body, and every problem.

Both the build (the plugin's reader) and ``sdg-portal check`` read articles through
:func:`read_document`, so an editor sees the same messages from either. The front
matter is YAML between ``---`` lines at the top of the file; its keys are checked
against :data:`FRONT_MATTER_KEYS`, its ``sdg:`` block by
:func:`sdg_analysis.frontmatter.parse_frontmatter`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

import yaml

from .framework import Framework, load_framework
from .frontmatter import EditorInput, SourceMap, parse_frontmatter
from .problems import Problem, closest, did_you_mean, error, warning
from .yamlio import LOADER

#: Front matter keys, with what each holds. Documented in docs/editors/front-matter.md.
FRONT_MATTER_KEYS = {
    "title": "the headline (required)",
    "date": "publication date, YYYY-MM-DD or YYYY-MM-DD HH:MM (required)",
    "modified": "date of the last correction",
    "source": "mapping: name and url (http or https) of the original report",
    "author": "who wrote or adapted the article",
    "authors": "a list of authors",
    "summary": "one or two sentences of plain text",
    "tags": "a list of tags",
    "image": "path or http(s) URL of an illustration",
    "status": "published (default), draft or hidden",
    "slug": "the URL name; by default the file name (SLUGIFY_SOURCE = \"basename\") or the title",
    "lang": "language code, for translations",
    "translation": "true for a translation of another article",
    "category": "Pelican category",
    "template": "a theme template other than article",
    "sdg": "the editor's SDG analysis: goals, targets, indicators, exclude, figures, notes, auto",
}
STATUSES = ("published", "draft", "hidden")
DEFAULT_MAX_BYTES = 1_000_000

HEADER_RE = re.compile(r"\A(?P<lead>\s*)---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE)


@dataclass
class Document:
    path: str
    metadata: dict | None = None  # the front matter as YAML gave it; None when unreadable
    body: str = ""
    header: str | None = None
    header_line: int = 2  # file line of the first YAML line
    body_line: int = 1
    editor: EditorInput = field(default_factory=EditorInput)
    problems: list[Problem] = field(default_factory=list)
    too_large: bool = False
    blocking: list[str] = field(default_factory=list)  # keys whose problem stops publication

    @property
    def publishable(self) -> bool:
        """False when the article cannot be published: no text, no front matter, bad
        YAML, no title, no readable date, or an unknown status."""
        return self.metadata is not None and not self.blocking

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_document(
    data: bytes,
    path: str,
    *,
    today: _dt.date | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    framework: Framework | None = None,
    kind: str = "article",
) -> Document:
    """Read and check one file; ``kind`` is "article" (title and date required) or
    "page" (title only)."""
    doc = Document(path=path)
    report = doc.problems.append

    if max_bytes and len(data) > max_bytes:
        doc.too_large = True
        report(
            error(
                f"the file is {len(data) / 1000:.0f} kB, over the limit of {max_bytes / 1000:.0f} kB "
                "(SDG_MAX_FILE_SIZE); it is published without automatic analysis",
                path=path,
            )
        )
    if not data.strip():
        report(error("the file is empty", path=path))
        return doc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = _line_of_offset(data, exc.start)
        report(
            error(
                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
                "save it as UTF-8",
                path=path,
                line=line,
            )
        )
        return doc

    match = HEADER_RE.match(text)
    if not match:
        report(error("no YAML front matter: the file must start with a block between --- lines", path=path, line=1))
        return doc
    doc.header = match.group("yaml")
    doc.header_line = match.group("lead").count("\n") + 2
    doc.body = text[match.end():]
    doc.body_line = text[: match.end()].count("\n") + 1

    try:
        metadata = yaml.load(doc.header, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + doc.header_line if mark is not None else doc.header_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark is not None and context_mark.line + doc.header_line != line:
            problem = f"{context} (line {context_mark.line + doc.header_line}), {problem}"
        report(error(f"malformed YAML front matter: {problem}", path=path, line=line))
        return doc
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        report(error("the front matter must be a mapping of keys to values", path=path, line=doc.header_line))
        return doc
    doc.metadata = metadata

    source = SourceMap(doc.header, doc.header_line)
    _check_keys(doc, source, today or _dt.date.today(), kind)
    editor, sdg_problems = parse_frontmatter(
        metadata, source=source, path=path, framework=framework or load_framework()
    )
    doc.editor = editor
    doc.problems.extend(sdg_problems)
    if doc.too_large:
        doc.editor.auto = False
    if not doc.body.strip():
        report(warning("the article has no body text", path=path, line=doc.body_line))
    return doc


def _check_keys(doc: Document, source: SourceMap, today: _dt.date, kind: str = "article") -> None:
    meta, path = doc.metadata, doc.path

    def report(severity, message, *key):
        make = error if severity == "error" else warning
        doc.problems.append(make(message, path=path, line=source.line(*key), key=".".join(map(str, key)) or None))

    for key in meta:
        if str(key).lower() not in FRONT_MATTER_KEYS:
            report("error", f"unknown key {key}{did_you_mean(closest(str(key).lower(), FRONT_MATTER_KEYS, n=1))}", key)
    for key in source.duplicate_keys():
        report("warning", f"key {key[-1]} appears more than once; the last one is used", *key)

    title = meta.get("title")
    if title is None or not str(title).strip():
        doc.blocking.append("title")
        report("error", "missing title: the article cannot be published without one", "title")
    elif not isinstance(title, (str, int, float)):
        report("error", "title must be text", "title")

    if "date" not in meta or meta.get("date") in (None, ""):
        if kind == "article":
            doc.blocking.append("date")
            report("error", "missing date: the article cannot be published without one; write date: YYYY-MM-DD", "date")
    else:
        when = as_date(meta["date"])
        if when is None:
            doc.blocking.append("date")
            report("error", f"date {meta['date']!r} is not a date; write it as YYYY-MM-DD", "date")
        elif when > today:
            report("warning", f"date {when.isoformat()} is in the future", "date")
    if meta.get("modified") not in (None, "") and as_date(meta["modified"]) is None:
        report("error", f"modified {meta['modified']!r} is not a date; write it as YYYY-MM-DD", "modified")

    src = meta.get("source")
    if src is not None:
        if not isinstance(src, dict):
            report("error", "source must be a mapping with name and url", "source")
        else:
            for key in src:
                if key not in ("name", "url"):
                    report("error", f"unknown key source.{key}{did_you_mean(closest(str(key), ('name', 'url'), n=1))}", "source", key)
            url = src.get("url")
            if url is not None and not is_http_url(url):
                report("error", f"source.url {str(url)!r} is not an http(s) URL", "source", "url")
            if not src.get("name"):
                report("warning", "source has no name", "source")

    image = meta.get("image")
    if image is not None and (not isinstance(image, str) or (":" in image.split("/")[0] and not is_http_url(image))):
        report("error", f"image {image!r} must be a path or an http(s) URL", "image")

    status = meta.get("status")
    if status is not None and str(status).lower() not in STATUSES:
        # not published: a misspelt "draft" must not go live
        doc.blocking.append("status")
        report("error", f"status {status!r} must be one of {', '.join(STATUSES)}; the article is not published", "status")

    tags = meta.get("tags")
    if tags is not None and not isinstance(tags, (list, str)):
        report("error", "tags must be a list", "tags")
    summary = meta.get("summary")
    if summary is not None and not isinstance(summary, str):
        report("error", "summary must be text", "summary")


def is_http_url(value) -> bool:
    return isinstance(value, str) and re.match(r"^https?://[^\s/$.?#][^\s]*$", value.strip(), re.IGNORECASE) is not None


def as_date(value) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.datetime.fromisoformat(str(value).strip().replace("_", " ")).date()
    except ValueError:
        return None
