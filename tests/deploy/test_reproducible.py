"""Two builds of the same content give byte-identical output trees.

The builds differ in everything that must not matter: the folder the content is
in (copied without its modification times), the output folder, the string-hash
seed of the process (set and dict ordering of strings), the caches (Pelican's
content cache and the portal's analysis cache, empty, written, then read back),
and where the articles are analysed: in the build's own process, or in two
worker processes (the way a large site is built).
They must agree on every file name and every byte: no build timestamps, no
absolute paths, no unstable ordering, no cache files in the output.

Pagefind's own search index included: Pagefind 1.5.2 writes the values of each
search filter in hash-map order, new in every run (Pagefind issue #638), and
``sdg-portal index`` (which ``make publish`` runs) puts them in order
(``sdg_portal.search.stabilise``); the last tests check that it does so whatever
order Pagefind wrote.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import cbor2
import pytest

from deploy.publishing import publish
from sdg_portal.search import SIGNATURE, content_hash, stabilise
from support import ROOT

pytestmark = pytest.mark.build

SITEURL = "https://owner.github.io/portal"

def load(path: Path):
    """The data of a Pagefind index file (gzip, Pagefind's signature, then CBOR)."""
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return cbor2.loads(data[len(SIGNATURE) :])


def save(path: Path, value) -> None:
    """Write ``value`` as a Pagefind index file, as Pagefind could have written it."""
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(value)))


def index_files(folder: Path) -> dict:
    """Pagefind's entry, metadata and filter indexes of a built site, decoded."""
    pagefind = folder / "pagefind"
    entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
    files = {}
    for path in [*pagefind.glob("pagefind.*.pf_meta"), *pagefind.glob("filter/*.pf_filter")]:
        files[path.relative_to(pagefind).as_posix()] = load(path)
    return {"entry": entry, **files}


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    out = [f"only in the first build: {name}" for name in sorted(a.keys() - b.keys())]
    out += [f"only in the second build: {name}" for name in sorted(b.keys() - a.keys())]
    out += [f"bytes differ: {name}" for name in sorted(a.keys() & b.keys()) if a[name] != b[name]]
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Three builds: caches empty; content cache on and written; both caches read back."""
    base = tmp_path_factory.mktemp("reproducible")
    first, second = base / "one" / "content", base / "two" / "src" / "content"
    shutil.copytree(ROOT / "content", first, copy_function=shutil.copy)  # new modification times
    shutil.copytree(ROOT / "content", second, copy_function=shutil.copy)
    cache = base / "cache"  # Pelican's content cache and the portal's analysis cache
    cached = "-e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true"
    serial = "-e SDG_ANALYSIS_WORKERS=1"
    parallel = "SDG_ANALYSIS_WORKERS=2 SDG_ANALYSIS_PARALLEL_THRESHOLD=1"
    out = {
        "no cache": publish(first, base / "out-a", SITEURL, hash_seed="1", cache=base / "cache-a", pelican_opts=serial),
        "cache written": publish(
            second, base / "out-b", SITEURL, hash_seed="2", cache=cache, pelican_opts=f"{cached} {parallel}"
        ),
        "cache read": publish(second, base / "out-c", SITEURL, hash_seed="3", cache=cache, pelican_opts=cached),
    }
    assert len(list(cache.iterdir())) >= 2, "the cached builds wrote no content or analysis cache"
    trees = {name: tree(folder) for name, folder in out.items()}
    return base, trees, out


@pytest.mark.parametrize("other", ["cache written", "cache read"])
def test_two_builds_are_byte_identical(builds, other):
    _, trees, _ = builds
    assert len(trees["no cache"]) > 100
    diff = differences(trees["no cache"], trees[other])
    assert not diff, "\n".join(diff[:30])


def test_the_search_index_is_in_order_and_named_by_its_content(builds):
    _, trees, out = builds
    assert any(name.startswith("pagefind/filter/") for name in trees["no cache"]), "no Pagefind filter index"
    files = index_files(out["no cache"])
    (language,) = files["entry"]["languages"].values()
    meta = files.pop(f"pagefind.{language['hash']}.pf_meta")
    assert [name for name, _ in meta[3]] == sorted(name for name, _ in meta[3]) == ["goal", "target"]
    for name, hash_ in meta[3]:
        filter_name, values = files.pop(f"filter/{hash_}.pf_filter")
        assert filter_name == name
        assert [value for value, _ in values] == sorted(value for value, _ in values)
        assert len(values) >= (17 if name == "goal" else 50)
        body = gzip.decompress((out["no cache"] / "pagefind" / "filter" / f"{hash_}.pf_filter").read_bytes())
        assert hash_ == "en_" + content_hash(body[len(SIGNATURE) :])[:7]  # Pagefind's name for it
    assert list(files) == ["entry"], f"index files nothing refers to: {sorted(files)[1:]}"


def test_the_order_pagefind_wrote_does_not_matter(builds, tmp_path):
    # Pagefind's order is new in every run; here it is made different on purpose:
    # the values of every filter reversed, and the filters of the metadata index too.
    _, _, out = builds
    site = tmp_path / "site"
    shutil.copytree(out["no cache"] / "pagefind", site / "pagefind")
    before = tree(site)
    pagefind = site / "pagefind"
    entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
    (language,) = entry["languages"].values()
    meta_path = pagefind / f"pagefind.{language['hash']}.pf_meta"
    meta = load(meta_path)
    for _, hash_ in meta[3]:
        path = pagefind / "filter" / f"{hash_}.pf_filter"
        name, values = load(path)
        save(path, [name, values[::-1]])
    meta[3].reverse()
    save(meta_path, meta)
    assert tree(site) != before

    assert stabilise(site / "pagefind") == 0  # the names were those of the content in order
    assert tree(site) == before


def test_no_cache_files_or_local_paths_in_the_output(builds):
    base, trees, _ = builds
    names = trees["no cache"]
    assert not [n for n in names if "cache" in n.lower() or n.endswith((".pickle", ".pyc"))]
    leaks = []
    needles = [str(base).encode(), str(ROOT).encode(), b"/tmp/", str(Path.home()).encode() + b"/"]
    for name in names:
        data = (base / "out-a" / name).read_bytes()
        leaks += [f"{name}: {needle.decode()}" for needle in needles if needle in data]
    assert not leaks, "\n".join(leaks[:30])


def test_an_index_it_cannot_read_back_is_left_as_it_is(builds, tmp_path):
    # English, its first filter out of order (to be rewritten), and a second language
    # whose metadata index is cut short: nothing may be rewritten, English included.
    _, _, out = builds
    site = tmp_path / "site"
    pagefind = site / "pagefind"
    shutil.copytree(out["no cache"] / "pagefind", pagefind)
    entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
    (english,) = entry["languages"].values()
    meta_path = pagefind / f"pagefind.{english['hash']}.pf_meta"
    first = pagefind / "filter" / f"{load(meta_path)[3][0][1]}.pf_filter"
    name, values = load(first)
    save(first, [name, values[::-1]])
    entry["languages"]["fr"] = {"hash": "fr_0123456789", "wasm": "fr", "page_count": 1}
    (pagefind / "pagefind.fr_0123456789.pf_meta").write_bytes(meta_path.read_bytes()[:40])
    entry_text = json.dumps(entry, separators=(",", ":"), ensure_ascii=False)
    (pagefind / "pagefind-entry.json").write_text(entry_text, encoding="utf-8")
    before = tree(site)
    with pytest.raises(EOFError):
        stabilise(site / "pagefind")
    assert tree(site) == before  # every file read before any is written: nothing half done
