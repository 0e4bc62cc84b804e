"""Settings for publishing (``make publish``): absolute URLs, strict content checks.

The deployment sets two environment variables (see the README, "Deploying"):

- ``SITEURL`` (required): where the site lives; a sub-path works,
  e.g. ``SITEURL=https://owner.github.io/repo make publish``.
- ``CNAME``: optional custom domain, e.g. ``news.example.org``; the build then
  writes a ``CNAME`` file (``SDG_CNAME``, plugins/sdg_portal/deploy.py).
"""

import os
import sys

# Found next to this file, whatever the working folder.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
# Without it (or with an address that is not absolute http or https) the build
# stops at once, saying so: a published site with links to nowhere is worse.
SDG_REQUIRE_SITEURL = True
FEED_DOMAIN = SITEURL
# pelicanconf.py hides Pelican's warning about feeds without SITEURL from local
# builds; a build for publishing shows it again (for a site that turns
# SDG_REQUIRE_SITEURL off).
LOG_FILTER = []
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Static hosting: .nojekyll is always written; CNAME only for a custom domain.
SDG_CNAME = os.environ.get("CNAME", "").strip()

# Fail the build on any problem in the content.
SDG_STRICT = True
