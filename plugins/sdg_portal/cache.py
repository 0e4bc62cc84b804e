"""Analyses kept between builds, in Pelican's cache folder.

An article whose text, editor's front matter and analyser (version, code and
data files) are unchanged is not analysed again: its analysis is read from
``CACHE_PATH/sdg_analysis`` (gzipped when Pelican's ``GZIP_CACHE`` is on). The key
holds everything the analysis depends on, so the cache is safe to keep on
(``SDG_ANALYSIS_CACHE``, default on) even where Pelican's own content cache is
off; only entries used by the latest build are kept, so it never grows beyond
the site.

The file is a header (format and analyser fingerprint) followed by one pickle per
entry, written and read one entry at a time: pickling the whole cache as one
object (as Pelican's ``FileDataCacher`` does) held a second description of every
analysis in memory while it was written, the build's peak on a large site. A file
made by another analyser is skipped after its header, without reading its entries.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import pickle
from functools import lru_cache, partial
from pathlib import Path

import sdg_analysis
from sdg_analysis import ANALYSER_VERSION

logger = logging.getLogger(__name__)

CACHE_NAME = "sdg_analysis"
# 3: analyses kept packed (sdg_analysis.model.Packed); 4: with their anchors' positions;
# 5: and their figures as listed
FORMAT = "sdg-portal analysis cache 5"


@lru_cache(maxsize=1)
def analyser_fingerprint() -> str:
    """The analyser's version and a digest of its code and data (rule tables, indicator
    terms, framework): editing any of them invalidates cached analyses, even when
    nobody remembered to raise ANALYSER_VERSION."""
    digest = hashlib.blake2b(ANALYSER_VERSION.encode(), digest_size=16)
    package = Path(sdg_analysis.__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml", ".json") and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{ANALYSER_VERSION}+{digest.hexdigest()}"


def cache_key(title: str, html: str, editor) -> str:
    """The key of an article's analysis: the analyser, and everything it reads (the
    text it analyses is made from the title and HTML by code the fingerprint covers)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (analyser_fingerprint(), title, html, repr(editor)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class AnalysisCache:
    """Cached analyses by :func:`cache_key`; counts what it found (``hits``) and what
    had to be analysed (``misses``)."""

    def __init__(self, settings: dict):
        self.enabled = bool(settings.get("SDG_ANALYSIS_CACHE", True))
        self.path = os.path.join(settings["CACHE_PATH"], CACHE_NAME)
        # level 1: a tenth of the time of gzip's default for a file a third larger
        self._open = partial(gzip.open, compresslevel=1) if settings.get("GZIP_CACHE", True) else open
        self._cache: dict = self._load() if self.enabled else {}
        self._used: dict = {}
        self.hits = 0
        self.misses = 0

    def _load(self) -> dict:
        entries: dict = {}
        try:
            with self._open(self.path, "rb") as fh:
                if pickle.load(fh) != (FORMAT, analyser_fingerprint()):
                    return {}
                while True:
                    try:
                        key, value = pickle.load(fh)
                    except EOFError:
                        return entries
                    entries[key] = value
        except FileNotFoundError:
            return {}
        except Exception as err:  # a truncated, foreign or corrupt file: start afresh
            logger.warning("Cannot read the analysis cache %s (%s); analysing every article", self.path, err)
            return {}

    def __len__(self) -> int:
        """How many analyses the cache holds that this build has not asked for yet."""
        return len(self._cache)

    def get(self, key: str):
        """The cached analysis for ``key`` (kept for the next build), or None."""
        value = self._cache.pop(key, None)
        if value is None:
            value = self._used.get(key)
        if value is not None:
            self.hits += 1
            self._used[key] = value
        return value

    def put(self, key: str, value) -> None:
        """Record a new analysis for the next build."""
        self.misses += 1
        self._used[key] = value

    def save_cache(self) -> None:
        """Write the entries this build used, one at a time, and forget them (the
        articles hold their analyses)."""
        used, self._used, self._cache = self._used, {}, {}
        if not self.enabled:
            return
        try:
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            tmp = f"{self.path}.tmp"
            with self._open(tmp, "wb") as fh:
                pickle.dump((FORMAT, analyser_fingerprint()), fh, pickle.HIGHEST_PROTOCOL)
                for entry in used.items():
                    pickle.dump(entry, fh, pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except (OSError, pickle.PicklingError, TypeError) as err:
            logger.warning("Could not save the analysis cache %s: %s", self.path, err)
