"""Atom feeds per goal and per target, and goals as categories in every feed.

The site-wide feed is Pelican's own (``FEED_ALL_ATOM``); the goal and target feeds
go through the same writer. ``add_goal_categories`` listens to ``feed_generated``,
so every feed Pelican writes (site, tag, goal, target) carries each article's
goals as ``<category>`` elements.
"""

from __future__ import annotations

from urllib.parse import urljoin

from .compact import remembering


def add_goal_categories(context, feed) -> None:
    """``feed_generated`` handler: append the goals of each item's article
    (``sdg_feed_goals``: each article's URL -> its goal codes)."""
    goals, framework = context.get("sdg_feed_goals"), context.get("sdg_framework")
    if not goals or framework is None:
        return
    site = context.get("SITEURL", "")
    base = site if site.endswith("/") else site + "/"
    for item in feed.items:
        link = item.get("link", "")
        key = link[len(base):] if link.startswith(base) else link.lstrip("/")
        codes = goals.get(key)
        if codes:
            extra = [f"SDG {code}: {framework[code].short}" for code in codes]
            existing = [str(c) for c in item.get("categories") or ()]
            item["categories"] = tuple(existing + [c for c in extra if c not in existing])


def feed_path(settings: dict, code: str, slug: str) -> str | None:
    pattern = settings.get("SDG_FEED_ATOM")
    return pattern.format(code=code, slug=slug) if pattern else None


def write_sdg_feeds(generator, writer) -> dict[str, str]:
    """Write a feed for each goal and target that has articles; return code -> feed path."""
    settings = generator.settings
    index = generator.index
    limit = settings.get("SDG_FEED_MAX_ITEMS")
    written = {}
    if not settings.get("SDG_FEED_ATOM"):
        return written
    with remembering():  # the latest articles are in many of them
        for node in (*generator.framework.goals, *generator.framework.targets):
            articles = index.items_for(node.code)
            if not articles:
                continue
            path = feed_path(settings, node.code, node.slug)
            kind = "SDG" if node.kind == "goal" else "Target"
            label = node.short if node.kind == "goal" else node.title
            title = f"{settings['SITENAME']}: {kind} {node.code}, {label}"
            writer.write_feed(
                articles[:limit] if limit else articles,
                generator.context,
                path,
                feed_title=title,
            )
            written[node.code] = path
    return written


def feed_url(context: dict, path: str) -> str:
    domain = context.get("FEED_DOMAIN") or context.get("SITEURL", "")
    return urljoin(domain.rstrip("/") + "/", path)
