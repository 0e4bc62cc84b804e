"""Markdown with YAML front matter, read once and checked as it is read.

A subclass of pelican-yaml-metadata's reader: the file is read as bytes and
checked by :func:`sdg_analysis.document.read_document` (encoding, size, YAML with
line numbers, front matter keys, the ``sdg:`` block); the YAML is then handed to
the plugin's own conversion into Pelican metadata and the body to Markdown. What
the checks found travels with the article (``sdg_problems``, ``sdg_editor``) and is
kept by Pelican's content cache, so a rebuild reports it again without reading.

A file that cannot be published at all (empty, not UTF-8, no front matter,
malformed YAML) is reported here, naming the file and line, and then refused;
Pelican logs "Could not process" and goes on with the rest.
"""

from __future__ import annotations

import html
import logging
import os

from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.urlwrappers import Category

from sdg_analysis.document import as_date, is_http_url, read_document
from sdg_analysis.problems import error

logger = logging.getLogger("sdg_portal.problems")
if hasattr(logger, "disable_filter"):
    logger.disable_filter()


class UnreadableArticle(Exception):
    """The file cannot be published; its problems are already logged."""


def display_path(path: str) -> str:
    """The path as an editor would type it: relative to the working folder when inside it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


class SdgMarkdownReader(YAMLMetadataReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unreadable = []  # problems of files refused in this build

    def _kind(self, source_path: str) -> str:
        """"page" under PAGE_PATHS (no date needed), else "article"."""
        root = os.path.abspath(self.settings.get("PATH", "."))
        path = os.path.abspath(source_path)
        for folder in self.settings.get("PAGE_PATHS", ()):
            base = os.path.join(root, folder)
            if path.startswith(base.rstrip(os.sep) + os.sep):
                return "page"
        return "article"

    def read(self, source_path):
        with open(source_path, "rb") as handle:
            data = handle.read()
        doc = read_document(
            data,
            display_path(source_path),
            max_bytes=self.settings.get("SDG_MAX_FILE_SIZE"),
            kind=self._kind(source_path),
        )
        if not doc.publishable:
            self._refuse(doc.problems)
        raw = dict(doc.metadata)
        if raw.get("modified") not in (None, "") and as_date(raw["modified"]) is None:
            del raw["modified"]  # reported by read_document; Pelican would refuse the file
        try:
            metadata = self._parse_yaml_metadata(raw, source_path)
        except Exception as exc:  # Pelican's own conversion refused a value
            self._refuse([*doc.problems, error(f"Pelican cannot read the front matter: {exc}", path=doc.path)])
        if "category" not in metadata:
            # Pelican's drafts need a category even when category pages are off
            metadata["category"] = Category(self.settings.get("DEFAULT_CATEGORY", "misc"), self.settings)
        source = metadata.get("source")
        if isinstance(source, dict) and source.get("url") is not None and not is_http_url(source["url"]):
            # reported by read_document; never let a javascript: URL reach an href
            metadata["source"] = {k: v for k, v in source.items() if k != "url"}
        summary = doc.metadata.get("summary")
        if isinstance(summary, str) and "summary" not in self.settings["FORMATTED_FIELDS"]:
            # Summaries are plain text: Pelican and feeds treat them as HTML, so escape.
            metadata["sdg_summary"] = summary.strip()
            metadata["summary"] = html.escape(summary.strip(), quote=False)
        metadata["sdg_editor"] = doc.editor
        metadata["sdg_problems"] = doc.problems
        content = self._md.reset().convert(doc.body)
        return content, metadata

    def _refuse(self, problems) -> None:
        for problem in problems:
            logger.warning("%s", problem.format())
        self.unreadable.extend(problems)
        raise UnreadableArticle(problems[-1].format())


def add_reader(readers) -> None:
    for extension in SdgMarkdownReader.file_extensions:
        readers.reader_classes[extension] = SdgMarkdownReader
