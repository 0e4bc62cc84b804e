"""Analyses kept between builds, in Pelican's cache folder.

An article whose text, editor's front matter and analyser (version, code and
data files) are unchanged is not analysed again: its analysis is read from ``CACHE_PATH/sdg_analysis`` (written
with Pelican's own ``FileDataCacher``, so ``GZIP_CACHE`` applies). The key holds
everything the analysis depends on, so the cache is safe to keep on
(``SDG_ANALYSIS_CACHE``, default on) even where Pelican's own content cache is
off; only entries used by the latest build are kept, so it never grows beyond
the site.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from pelican.cache import FileDataCacher

import sdg_analysis
from sdg_analysis import ANALYSER_VERSION


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


def cache_key(text: str, editor) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in (analyser_fingerprint(), text, repr(editor)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class AnalysisCache(FileDataCacher):
    def __init__(self, settings: dict):
        enabled = bool(settings.get("SDG_ANALYSIS_CACHE", True))
        super().__init__(settings, "sdg_analysis", enabled, enabled)
        self._used: dict = {}
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: str, compute):
        value = self._cache.get(key)
        if value is None:
            value = compute()
            self.misses += 1
        else:
            self.hits += 1
        self._used[key] = value
        return value

    def save_cache(self) -> None:
        self._cache = self._used
        super().save_cache()
        # the articles hold their analyses; the cache's copies are not needed again
        self._cache = {}
        self._used = {}
