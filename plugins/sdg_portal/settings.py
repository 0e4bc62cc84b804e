"""Every ``SDG_*`` setting with its default, checked once when Pelican starts.

A site overrides any of them in ``pelicanconf.py``. A wrong type stops the build
naming the key and the type expected.
"""

from __future__ import annotations

import logging

from .deploy import host_of, site_url

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, object] = {
    # URLs and files, in the style of TAG_URL / TAG_SAVE_AS. Fields: {code}, {slug},
    # and for targets and indicators {goal} (the goal's slug), for indicators {target}.
    "SDG_INDEX_URL": "sdg/",
    "SDG_INDEX_SAVE_AS": "sdg/index.html",
    "SDG_GOAL_URL": "sdg/{slug}/",
    "SDG_GOAL_SAVE_AS": "sdg/{slug}/index.html",
    "SDG_TARGET_URL": "sdg/{goal}/{slug}/",
    "SDG_TARGET_SAVE_AS": "sdg/{goal}/{slug}/index.html",
    "SDG_INDICATOR_URL": "sdg/{goal}/{target}/{slug}/",
    "SDG_INDICATOR_SAVE_AS": "sdg/{goal}/{target}/{slug}/index.html",
    # Analysis
    "SDG_AUTO_ANALYSIS": True,  # run the automatic analyser (an article can say auto: false)
    "SDG_STRICT": False,  # fail the build on any problem in the content
    "SDG_MAX_FILE_SIZE": 1_000_000,  # bytes; larger articles are reported and not analysed
    "SDG_ANALYSIS_CACHE": True,  # keep analyses in CACHE_PATH; unchanged articles are not analysed again
    "SDG_ANALYSIS_WORKERS": None,  # processes analysing articles (None: one per usable core; 1: in the build's own)
    "SDG_ANALYSIS_PARALLEL_THRESHOLD": 200,  # analyse in worker processes from this many new articles (None: never)
    "SDG_PROGRESS_THRESHOLD": 500,  # show the analysis progress above this many articles (None: never)
    # Pages
    "SDG_GOAL_PAGINATION": 10,  # articles per goal/target/indicator page (None: DEFAULT_PAGINATION)
    # Cross-links on article pages
    "SDG_RELATED_MAX": 5,  # "Related articles"
    "SDG_MORE_PER_GOAL": 3,  # "More on SDG n", per goal
    # Feeds: one per goal and per target with articles ({code}, {slug}); "" for none
    "SDG_FEED_ATOM": "feeds/sdg-{slug}.atom.xml",
    "SDG_FEED_MAX_ITEMS": 20,
    # Open data ("" to skip a file)
    "SDG_DATA_JSON": "data/articles.json",
    "SDG_DATA_CSV": "data/figures.csv",
    "SDG_DATA_SCHEMA": "data/articles.schema.json",
    # sitemap.xml and robots.txt
    "SDG_SITEMAP": True,
    "SDG_SITEMAP_EXCLUDE": ["404.html"],
    # Static hosting (sdg_portal/deploy.py): .nojekyll, and a CNAME file for a custom domain
    "SDG_NOJEKYLL": True,
    "SDG_CNAME": "",  # e.g. "news.example.org"; publishconf.py reads the CNAME env var
    "SDG_REQUIRE_SITEURL": False,  # stop unless SITEURL is an absolute http(s) address (publishconf.py: True)
    # Search: index the output after every build (make serve sets it; make html runs sdg-portal index itself)
    "SDG_SEARCH_INDEX": False,
}

def _types(key: str, value: object) -> tuple[type, ...]:
    if isinstance(value, bool):
        return (bool,)
    if key.endswith(("PAGINATION", "MAX_ITEMS", "THRESHOLD", "WORKERS")):
        return (int, type(None))
    if isinstance(value, list):
        return (list, tuple)
    return (type(value),)


TYPES: dict[str, tuple[type, ...]] = {key: _types(key, value) for key, value in DEFAULTS.items()}

PAGINATED = ("sdg_goal", "sdg_target", "sdg_indicator")


class SettingsError(ValueError):
    """A ``SDG_*`` setting has the wrong type or value."""


def check(settings: dict) -> None:
    """Fill in defaults and check types; raise :class:`SettingsError` on a bad value."""
    for key, default in DEFAULTS.items():
        settings.setdefault(key, default)
        value = settings[key]
        expected = TYPES[key]
        if not isinstance(value, expected) or (bool not in expected and isinstance(value, bool)):
            names = " or ".join("None" if t is type(None) else t.__name__ for t in expected)
            raise SettingsError(f"setting {key} must be {names}, not {type(value).__name__} {value!r}")
    for key in ("SDG_GOAL_URL", "SDG_TARGET_URL", "SDG_INDICATOR_URL"):
        if "{slug}" not in settings[key] and "{code}" not in settings[key]:
            raise SettingsError(f"setting {key} must contain {{slug}} or {{code}}: {settings[key]!r}")
    # what a deployment is given, checked before anything is built
    try:
        if settings["SDG_CNAME"]:
            host_of(settings["SDG_CNAME"])
        if settings["SDG_REQUIRE_SITEURL"]:
            site_url(settings.get("SITEURL"))
    except ValueError as exc:
        raise SettingsError(str(exc)) from None
    paginated = dict(settings.get("PAGINATED_TEMPLATES") or {})
    for name in PAGINATED:
        paginated.setdefault(name, settings["SDG_GOAL_PAGINATION"])
    settings["PAGINATED_TEMPLATES"] = paginated


def initialise_settings(pelican) -> None:
    check(pelican.settings)
