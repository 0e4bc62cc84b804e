"""URLs and output files of goal, target and indicator pages, from SDG_*_URL / SDG_*_SAVE_AS.

Like Pelican's URLWrapper: a pattern per kind, formatted with the node's fields.
Fields: ``{code}`` ("16.2"), ``{slug}`` ("16-2"), ``{goal}`` (the goal's slug) and,
for indicators, ``{target}`` (the target's slug). Slugs come from
:func:`sdg_analysis.codes.slug_for` only.
"""

from __future__ import annotations

from functools import lru_cache

from sdg_analysis import codes as _codes


class SdgUrls:
    def __init__(self, settings: dict):
        self._patterns = {
            (kind, what): settings[f"SDG_{kind.upper()}_{what}"]
            for kind in ("goal", "target", "indicator")
            for what in ("URL", "SAVE_AS")
        }
        self.index_url = settings["SDG_INDEX_URL"]
        self.index_save_as = settings["SDG_INDEX_SAVE_AS"]
        self.url = lru_cache(maxsize=None)(self._url)
        self.save_as = lru_cache(maxsize=None)(self._save_as)

    @staticmethod
    def fields(code: str) -> dict[str, str]:
        target = _codes.target_of(code)
        return {
            "code": code,
            "slug": _codes.slug_for(code),
            "goal": _codes.slug_for(_codes.goal_of(code)),
            "target": _codes.slug_for(target) if target else "",
        }

    def _url(self, code: str) -> str:
        """Site-relative URL of the page of a goal, target or indicator."""
        return self._patterns[(_codes.kind_of(code), "URL")].format(**self.fields(code))

    def _save_as(self, code: str) -> str:
        return self._patterns[(_codes.kind_of(code), "SAVE_AS")].format(**self.fields(code))

    def feed(self, code: str) -> str:
        return f"feeds/sdg-{_codes.slug_for(code)}.atom.xml"
