"""Markdown with YAML front matter, keeping what validation needs from the source.

pelican-yaml-metadata reads the front matter; we subclass its reader so that the raw
YAML text and the line it starts on travel with the article (as ``sdg_source``):
problems can then name their line, and codes written as YAML numbers (``8.10``)
can be recovered from the text.
"""

from __future__ import annotations

import logging

from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE, YAMLMetadataReader
from pelican.utils import pelican_open

logger = logging.getLogger(__name__)


class SdgMarkdownReader(YAMLMetadataReader):
    def read(self, source_path):
        content, metadata = super().read(source_path)
        with pelican_open(source_path) as text:
            match = HEADER_RE.fullmatch(text)
        if match:
            header = match.group("metadata")
            first_line = text[: match.start("metadata")].count("\n") + 1
            # the header group starts right after the "---" line's newline
            if header.startswith("\n"):
                header = header[1:]
                first_line += 1
            metadata["sdg_source"] = (header, first_line)
        return content, metadata


def add_reader(readers) -> None:
    for extension in SdgMarkdownReader.file_extensions:
        readers.reader_classes[extension] = SdgMarkdownReader
