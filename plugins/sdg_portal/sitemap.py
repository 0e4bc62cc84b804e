"""``sitemap.xml`` with every page Pelican wrote, and ``robots.txt`` pointing at it.

Pages are collected as they are written (``content_written``), so goal, target,
indicator, tag and paginated pages are all in, whichever generator wrote them. No
build timestamps: an article's ``lastmod`` is its own modified or publication date,
so two builds of the same content give the same file. The recorder belongs to the
SDG generator of one build and lets go of the signals when it writes the sitemap
(``finalized``); a recorder of a build that failed before that is disconnected when
the next build starts (:func:`disconnect_all`; `make serve` rebuilds in the same
process, and such a build is not freed at once).
"""

from __future__ import annotations

import os
import weakref
from xml.sax.saxutils import escape

from pelican import signals


def _url_of(rel: str) -> str:
    rel = rel.replace(os.sep, "/")
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


_connected = weakref.WeakSet()  # recorders still listening


def disconnect_all() -> None:
    """Disconnect the recorders still listening: those of a build that failed
    before ``finalized``."""
    for recorder in list(_connected):
        recorder.disconnect()


class SitemapRecorder:
    def __init__(self, settings: dict, output_path: str):
        self.settings = settings
        self.output = os.path.abspath(output_path)
        self.pages: dict[str, str | None] = {}
        signals.content_written.connect(self.record_page)
        signals.finalized.connect(self.write)
        _connected.add(self)

    def disconnect(self) -> None:
        signals.content_written.disconnect(self.record_page)
        signals.finalized.disconnect(self.write)
        _connected.discard(self)

    def record_page(self, path, context=None) -> None:
        if not str(path).endswith(".html"):
            return
        content = (context or {}).get("article") or (context or {}).get("page")
        if content is not None and getattr(content, "status", "published") != "published":
            return  # drafts and hidden articles are not for search engines
        lastmod = None
        if content is not None and getattr(content, "date", None):
            when = getattr(content, "modified", None) or content.date
            lastmod = when.date().isoformat() if hasattr(when, "date") else str(when)
        self.pages[os.path.abspath(path)] = lastmod

    def entries(self) -> list[tuple[str, str | None]]:
        siteurl = self.settings.get("SITEURL", "").rstrip("/")
        excluded = set(self.settings.get("SDG_SITEMAP_EXCLUDE") or ())
        out = []
        for path, lastmod in self.pages.items():
            if not path.startswith(self.output + os.sep):
                continue
            rel = os.path.relpath(path, self.output).replace(os.sep, "/")
            if rel in excluded:
                continue
            out.append((f"{siteurl}/{_url_of(rel)}", lastmod))
        return sorted(out)

    def write(self, pelican=None) -> None:
        self.disconnect()
        if not self.settings.get("SDG_SITEMAP", True):
            return
        siteurl = self.settings.get("SITEURL", "").rstrip("/")
        lines = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for loc, lastmod in self.entries():
            mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
            lines.append(f"<url><loc>{escape(loc)}</loc>{mod}</url>")
        lines.append("</urlset>")
        with open(os.path.join(self.output, "sitemap.xml"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        with open(os.path.join(self.output, "robots.txt"), "w", encoding="utf-8") as fh:
            fh.write(f"User-agent: *\nAllow: /\nSitemap: {siteurl}/sitemap.xml\n")
