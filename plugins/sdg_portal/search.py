"""Index the built site for search with Pagefind, when a setting asks for it.

``make html`` and ``make publish`` run Pagefind as a step of their own, after
Pelican. ``make serve`` rebuilds on every change in the same Pelican process, so it
sets ``SDG_SEARCH_INDEX``: the index is then made again after each build
(``finalized``), and the search page finds what an editor just wrote. Pagefind is
the one PyPI ``pagefind[bin]`` installs, run with the build's own Python.
"""

from __future__ import annotations

import logging
import subprocess
import sys

logger = logging.getLogger(__name__)


def index_for_search(pelican) -> None:
    """``finalized`` handler: with ``SDG_SEARCH_INDEX``, run Pagefind on the output."""
    if not pelican.settings.get("SDG_SEARCH_INDEX"):
        return
    command = [sys.executable, "-m", "pagefind", "--site", str(pelican.output_path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("The search index was not made (%s): the search page finds what it found before", exc)
        return
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()[-3:]
        logger.warning(
            "The search index was not made (Pagefind exited with %s: %s): the search page finds what it found before",
            done.returncode,
            " ".join(said),
        )
        return
    logger.info("Search index made with Pagefind in %s/pagefind", pelican.output_path)
