"""Every ``SDG_*`` setting with its default, checked once when Pelican starts.

A site overrides any of them in ``pelicanconf.py``. A wrong type stops the build
naming the key and the type expected.
"""

from __future__ import annotations

import logging

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
    "SDG_LANGUAGE": "en",  # language of official titles shown
    # Pages
    "SDG_GOAL_PAGINATION": 10,  # articles per goal page (None: DEFAULT_PAGINATION)
}

TYPES: dict[str, tuple[type, ...]] = {
    key: (bool,) if isinstance(value, bool) else (int, type(None)) if key.endswith("PAGINATION") else (type(value),)
    for key, value in DEFAULTS.items()
}

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
    paginated = dict(settings.get("PAGINATED_TEMPLATES") or {})
    for name in PAGINATED:
        paginated.setdefault(name, settings["SDG_GOAL_PAGINATION"])
    settings["PAGINATED_TEMPLATES"] = paginated


def initialise_settings(pelican) -> None:
    check(pelican.settings)
