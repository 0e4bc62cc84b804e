"""Site settings for building the bundled content (``make html``)."""

import logging

AUTHOR = "SDG News Analysis"
SITENAME = "SDG News Analysis"
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%d %B %Y"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["sdg_portal"]

# Autoescape everything a template prints; article bodies are marked safe explicitly.
# auto_reload off: Pelican makes new template environments for every build (each
# `make serve` rebuild too), so asking the disk whether a template changed on every
# include of every page only costs time (about 60,000 stat calls for 1,000 articles).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "auto_reload": False}
# Summaries are plain text written by editors, not Markdown: never raw HTML.
FORMATTED_FIELDS = []

# URLs come from file names, so correcting a headline never breaks a published link.
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "articles/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "articles/{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
ARCHIVES_URL = "archive/"
ARCHIVES_SAVE_AS = "archive/index.html"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "archives", "tags", "404", "search"]
# The search page over the Pagefind index that `make html` builds.
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"

DEFAULT_PAGINATION = 10
# Paginate into folders: "{name}{number}" would collide for slugs ending in digits.
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
# Without SITEURL the local build's feeds have root-relative links, fine for a
# preview; Pelican warns of it on every local build. The builds for publishing set
# SITEURL (publishconf.py), which gives absolute feed URLs (tests/deploy checks them),
# so the warning is kept out of the quick start.
LOG_FILTER = [(logging.WARNING, "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid")]
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# The SDG portal: see plugins/sdg_portal/settings.py for every SDG_* setting.
SDG_STRICT = False
