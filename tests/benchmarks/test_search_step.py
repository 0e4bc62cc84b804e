"""The benchmark times the search step of make html (sdg-portal index) on the
portal's build, and reports what Pagefind indexed."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# by its path: "build" is also the name of PyPA's package
_spec = importlib.util.spec_from_file_location("sdg_benchmark_build", ROOT / "benchmarks" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


@pytest.mark.build
def test_the_search_step_is_measured_on_the_portals_output(tmp_path):
    from corpus import write_corpus  # next to build.py, which puts it on the path

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 4)
    conf = build.write_conf(tmp_path, "portal", corpus, cache=False)
    built = build.pelican(conf, corpus, tmp_path / "out-portal", tmp_path / "portal.log")
    index = build.search_index(tmp_path / "out-portal", tmp_path / "index.log")
    assert index.finished
    assert index.files == 4  # the four articles; the goal, target and indicator pages are not indexed
    assert built.files > 100  # the build wrote those pages all the same
    assert index.peak_mib > 5
    assert (tmp_path / "out-portal" / "pagefind" / "pagefind-entry.json").exists()
    assert "Search index made in" in (tmp_path / "index.log").read_text(encoding="utf-8")
