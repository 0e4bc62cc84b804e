"""Two builds of the same content give byte-identical output trees.

The builds differ in everything that must not matter: the folder the content is
in (copied without its modification times), the output folder, the string-hash
seed of the process (set and dict ordering of strings), the caches (Pelican's
content cache and the portal's analysis cache, empty, written, then read back),
and where the articles are analysed: in the build's own process, or in two
worker processes (the way a large site is built).
They must agree on every file name and every byte: no build timestamps, no
absolute paths, no unstable ordering, no cache files in the output.

One exception, outside this project: Pagefind 1.5.2 writes the values of each
search filter in hash-map order, which changes from run to run (Pagefind issue
#638; its main branch now sorts them). So its filter indexes, the metadata index
naming them and the entry file naming that get new bytes and new file names in
every build. For those three kinds of files the test decodes them and compares
their content, order and content hashes set aside; every other Pagefind file
(page fragments, word indexes, scripts) must be byte-identical like the rest.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import struct
from pathlib import Path

import pytest

from deploy.publishing import publish
from support import ROOT

pytestmark = pytest.mark.build

SITEURL = "https://owner.github.io/portal"

# Pagefind files whose bytes and names change between runs (see above).
PAGEFIND_UNSTABLE = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def unstable(name: str) -> bool:
    return name.startswith(PAGEFIND_UNSTABLE) and name.endswith((".pf_filter", ".pf_meta", ".json"))


def cbor(data: bytes, at: int = 0):
    """Decode one CBOR item (the subset Pagefind writes); return (value, next offset)."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        arg = info
    else:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[at : at + size], "big")
        at += size
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major in (2, 3):
        raw = data[at : at + arg]
        return (raw if major == 2 else raw.decode("utf-8")), at + arg
    if major in (4, 5):
        items = []
        for _ in range(arg * (2 if major == 5 else 1)):
            item, at = cbor(data, at)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2]))), at
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], at
    if major == 7 and info == 26:
        return struct.unpack(">f", data[at - 4 : at])[0], at
    raise ValueError(f"CBOR major type {major}, info {info} at {at}")


def pagefind_file(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd"), path
    return cbor(data, len(b"pagefind_dcd"))[0]


def search_index(folder: Path):
    """Pagefind's entry, metadata and filter indexes as data: value order and content hashes set aside."""
    pagefind = folder / "pagefind"
    if not pagefind.is_dir():
        return None
    filters = {}
    for path in pagefind.glob("filter/*.pf_filter"):
        name, values = pagefind_file(path)
        filters[path.stem] = (name, sorted((value, tuple(pages)) for value, pages in values))
    metas = {}
    for path in pagefind.glob("pagefind.*.pf_meta"):
        meta = pagefind_file(path)
        meta[3] = sorted(filters.pop(hash_) for _, hash_ in meta[3])  # [filter, hash] -> content
        metas[path.name[len("pagefind.") : -len(".pf_meta")]] = meta
    entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        language["hash"] = metas.pop(language["hash"])
    assert not filters and not metas, f"Pagefind files no index refers to: {sorted(filters) + sorted(metas)}"
    return entry


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    a = {k: v for k, v in a.items() if not unstable(k)}
    b = {k: v for k, v in b.items() if not unstable(k)}
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
    indexes = {name: search_index(folder) for name, folder in out.items()}
    return base, trees, indexes


@pytest.mark.parametrize("other", ["cache written", "cache read"])
def test_two_builds_are_byte_identical(builds, other):
    _, trees, _ = builds
    assert len(trees["no cache"]) > 100
    diff = differences(trees["no cache"], trees[other])
    assert not diff, "\n".join(diff[:30])


@pytest.mark.parametrize("other", ["cache written", "cache read"])
def test_the_search_index_has_the_same_content(builds, other):
    _, _, indexes = builds
    if indexes["no cache"] is None:
        pytest.skip("the build writes no Pagefind index")
    assert indexes["no cache"] == indexes[other]


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
