"""Settings for publishing (``make publish``): absolute URLs, strict content checks.

SITEURL comes from the environment so that a deploy workflow can set it, e.g.
``SITEURL=https://owner.github.io/repo make publish``.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://example.org").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Fail the build on any problem in the content.
SDG_STRICT = True
