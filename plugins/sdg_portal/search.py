"""Index the built site for search with Pagefind, the same bytes on every build.

``make html`` and ``make publish`` index the site after Pelican with
``sdg-portal index OUTPUT``. ``make serve`` rebuilds on every change in the same
Pelican process, so it sets ``SDG_SEARCH_INDEX``: the index is then made again
after each build (``finalized``), and the search page finds what an editor just
wrote. Pagefind is the one PyPI ``pagefind[bin]`` installs, run with the build's
own Python.

Pagefind (1.5.2, the newest release) writes the values of each search filter, and
the list of filters, in the order of a Rust hash map, which is new in every run
(its issue #638): two builds of the same site got filter indexes, a metadata
index and an entry file with other bytes and other names. :func:`stabilise`
rewrites those three kinds of file with the values and filters in order, named by
the hash Pagefind names them with (so a Pagefind that sorts them writes the same
names): the index is then the same on every build. It rewrites only files it reads
back to the byte (CBOR through ``cbor2``); another layout is left as Pagefind
wrote it, with a warning.

Pagefind reads every HTML file its glob matches and, once a page of the site
marks its text with ``data-pagefind-body``, indexes the marked pages only. The
portal marks its article pages; the goal, target, indicator and tag pages, two
thirds of the files, were read for nothing (at 10,000 articles, 17,000 files:
Pagefind took 48 s and 4.1 GB with them, 30 s and 3.2 GB without, for the same
index). :func:`search_glob` finds the top-level folders and files that hold a
marked page and gives Pagefind those only; a site without marks, or whose names
a glob would read otherwise, is read whole, as before.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import cbor2

logger = logging.getLogger(__name__)

SIGNATURE = b"pagefind_dcd"  # what every compressed Pagefind index file starts with

# Pagefind's own default glob, and what marks a page's text for indexing (attribute
# names are case-insensitive in HTML: files are searched lowercased).
DEFAULT_GLOB = "**/*.{html}"
MARK = b"data-pagefind-body"
# Names written into a glob as they are; any other (glob syntax, spaces, non-ASCII)
# has the whole site read.
PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*\Z")


class SearchIndexError(Exception):
    """Pagefind could not index the site."""


def make_search_index(site: str | Path) -> None:
    """Run Pagefind on the built ``site``, then :func:`stabilise` its output.

    Pagefind writes a new bundle beside the old one, which it then replaces: files
    of an earlier index (fragments of pages since edited or removed, named by their
    content) do not stay behind in the output, and a failed run leaves the old
    index as it was.
    """
    site = Path(site)
    bundle, fresh, old = site / "pagefind", site / "pagefind.next", site / "pagefind.old"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    glob = search_glob(site, skip={bundle.name, fresh.name, old.name})
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", fresh.name, "--glob", glob]
    try:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            raise SearchIndexError(str(exc)) from exc
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise SearchIndexError(f"Pagefind exited with {done.returncode}: {' '.join(said)}")
    except SearchIndexError:
        shutil.rmtree(fresh, ignore_errors=True)  # what a failed run wrote; the old index stays
        raise
    try:
        stabilise(fresh)
    except (OSError, ValueError, KeyError, IndexError, TypeError, cbor2.CBORError) as exc:
        logger.warning("The search index is as Pagefind wrote it, in an order that changes between builds: %s", exc)
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)


def _marked(path: Path) -> bool:
    try:
        return MARK in path.read_bytes().lower()
    except OSError:
        return True  # unreadable here: Pagefind reads it and says what is wrong


def _holds_marked_page(folder: Path) -> bool:
    """Whether an HTML file under ``folder`` marks its text (stops at the first)."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html") and _marked(Path(root, name)):
                return True
    return False


def search_glob(site: str | Path, skip=()) -> str:
    """The glob that gives Pagefind every page of ``site`` it would index and no
    other: the top-level folders (``articles/**/*.html``) and files holding a page
    marked with ``data-pagefind-body``. Pagefind's default (the whole site) when no
    page is marked or a name is not a plain one. ``skip``: top-level names not to
    look in (the search bundles)."""
    parts = []
    try:
        entries = sorted(Path(site).iterdir())
    except OSError:
        return DEFAULT_GLOB  # Pagefind reads the site and says what is wrong with it
    for entry in entries:
        if entry.name in skip:
            continue
        if entry.is_dir():
            if _holds_marked_page(entry):
                parts.append((entry.name, f"{entry.name}/**/*.html"))
        elif entry.name.endswith(".html") and _marked(entry):
            parts.append((entry.name, entry.name))
    if not parts or not all(PLAIN_NAME.match(name) for name, _ in parts):
        return DEFAULT_GLOB
    globs = [glob for _, glob in parts]
    return globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"


def index_for_search(pelican) -> None:
    """``finalized`` handler: with ``SDG_SEARCH_INDEX``, index the output for search."""
    if not pelican.settings.get("SDG_SEARCH_INDEX"):
        return
    try:
        make_search_index(pelican.output_path)
    except SearchIndexError as exc:
        logger.warning("The search index was not made (%s): the search page finds what it found before", exc)
        return
    logger.info("Search index made with Pagefind in %s/pagefind", pelican.output_path)


# -- the same index on every build -----------------------------------------------------
def _read(path: Path):
    """The data of a Pagefind index file; a ValueError unless writing it back gives its bytes."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind index file")
    body = data[len(SIGNATURE) :]
    value = cbor2.loads(body)
    if cbor2.dumps(value) != body:
        raise ValueError(f"{path} is written in a way this portal cannot write back")
    return value


def content_hash(body: bytes) -> str:
    """Pagefind's name for content: the bytes of its SHA-1 in hex, each without a leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(body).digest())


def _write(path: Path, old: str, value, taken: set[str]) -> str:
    """Write ``value`` as a Pagefind index file next to ``path`` (the file named ``old``),
    named like it (prefix up to the last ``_``, hash length) by its content. Returns
    the new name; the caller removes ``path`` if no file of that name remains."""
    body = cbor2.dumps(value)
    prefix = old[: old.rindex("_") + 1]
    digest = content_hash(body)
    length = len(old) - len(prefix)
    name = prefix + digest[:length]
    while name in taken and length < len(digest):  # two files, one short hash: longer, as Pagefind does
        length += 1
        name = prefix + digest[:length]
    taken.add(name)
    path.with_name(path.name.replace(old, name)).write_bytes(gzip.compress(SIGNATURE + body, mtime=0))
    return name


def stabilise(pagefind: Path) -> int:
    """Put the filter values and the filters of the Pagefind index in the directory
    ``pagefind`` (the bundle Pagefind wrote) in order.

    Returns the number of files renamed. Every file is read, and checked, before
    any is written: the entry file must be in Pagefind's own JSON layout, each
    metadata index's filters ``[name, hash]`` pairs of filter indexes that read back
    to the byte. If one is not, an error says which and nothing is changed.
    """
    entry_path = pagefind / "pagefind-entry.json"
    text = entry_path.read_text(encoding="utf-8")
    entry = json.loads(text)

    def layout(data) -> str:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False)

    if layout(entry) != text:
        raise ValueError(f"{entry_path} is not in the layout this portal writes back")
    read = []  # per language: its entry, metadata file and data, and its filter indexes
    for language in entry["languages"].values():
        meta_path = pagefind / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]
        if not all(isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in filters):
            raise ValueError(f"the filters of {meta_path.name} are not [name, hash] pairs")
        indexes = [(name, hash_, _read(pagefind / "filter" / f"{hash_}.pf_filter")) for name, hash_ in filters]
        read.append((language, meta_path, meta, indexes))

    written: set[Path] = set()
    replaced: set[Path] = set()
    for language, meta_path, meta, indexes in read:
        taken: set[str] = set()
        meta[3] = []
        for name, hash_, (filter_name, values) in sorted(indexes):
            values.sort(key=lambda value: value[0])  # by value: the order of a sorted map
            path = pagefind / "filter" / f"{hash_}.pf_filter"
            new = _write(path, hash_, [filter_name, values], taken)
            written.add(path.with_name(f"{new}.pf_filter"))
            replaced.add(path)
            meta[3].append([name, new])
        new = _write(meta_path, language["hash"], meta, set())
        written.add(meta_path.with_name(f"pagefind.{new}.pf_meta"))
        replaced.add(meta_path)
        language["hash"] = new
    entry_path.write_text(layout(entry), encoding="utf-8")
    for path in replaced - written:
        path.unlink()
    return len(replaced - written)
