"""Files a static host reads from the site root: ``.nojekyll`` and ``CNAME``; and
the check of the address a site is published at (:func:`site_url`).

Written when the build is finished (``finalized``), from settings rather than from
content files: Pelican ignores dotfiles in the content folder (``IGNORE_FILES``
is ``["**/.*"]``), and a custom domain belongs to the deployment, not to the
editors' content, so ``publishconf.py`` reads it from the ``CNAME`` environment
variable into ``SDG_CNAME``. Both files are written for any content folder, so a
site built from another folder deploys the same way.
"""

from __future__ import annotations

import logging
import os
import re
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

# A host name: labels of letters, digits and hyphens, separated by dots.
_HOST_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$", re.I)


def host_of(cname: str) -> str:
    """The bare host name of a ``SDG_CNAME`` value (a scheme or trailing slash is dropped)."""
    host = cname.strip()
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", host, flags=re.I).rstrip("/")
    if not _HOST_RE.match(host):
        raise ValueError(f"setting SDG_CNAME must be a host name such as news.example.org, not {cname!r}")
    return host.lower()


def site_url(value: str | None) -> str:
    """The ``SITEURL`` of a build for publishing (``SDG_REQUIRE_SITEURL``): ``value``
    checked, without its trailing slash. It must be an absolute ``http`` or ``https``
    address (a sub-path is fine): every link, feed and sitemap entry is made from it,
    so a missing or mistyped one would publish a site whose links lead elsewhere."""
    url = (value or "").strip().rstrip("/")
    if not url:
        raise ValueError(
            "SITEURL is not set; a site for publishing needs the address it will have, "
            "e.g. SITEURL=https://owner.github.io/repo make publish"
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(
            f"SITEURL must be an address such as https://owner.github.io/repo "
            f"(http or https, a host, no query), not {value!r}"
        )
    return url


def write_host_files(pelican) -> None:
    """``finalized`` handler: write ``.nojekyll`` and, with ``SDG_CNAME``, ``CNAME``."""
    settings = pelican.settings
    output = pelican.output_path
    os.makedirs(output, exist_ok=True)
    if settings.get("SDG_NOJEKYLL", True):
        # GitHub Pages would otherwise run Jekyll, which drops files and folders
        # whose names start with "_" (Pagefind writes _pagefind/).
        with open(os.path.join(output, ".nojekyll"), "w", encoding="utf-8") as fh:
            fh.write("")
    cname = settings.get("SDG_CNAME") or ""
    if cname:
        with open(os.path.join(output, "CNAME"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(host_of(cname) + "\n")
