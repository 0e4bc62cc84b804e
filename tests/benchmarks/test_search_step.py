"""The benchmark times the search step of make html (sdg-portal index) on the
portal's build, and reports what Pagefind indexed."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, {benchmarks!r})
    import build
    from corpus import write_corpus
    run = Path({run!r})
    corpus = run / "corpus"
    write_corpus(corpus, 4)
    conf = build.write_conf(run, "portal", corpus, cache=False)
    built = build.pelican(conf, corpus, run / "out-portal", run / "portal.log")
    index = build.search_index(run / "out-portal", run / "index.log")
    print(built.files, index.files, index.peak_mib, index.finished)
    """
)


@pytest.mark.build
def test_the_search_step_is_measured_on_the_portals_output(tmp_path):
    script = SCRIPT.format(benchmarks=str(ROOT / "benchmarks"), run=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert out.returncode == 0, out.stderr[-2000:]
    files, pages, peak, finished = out.stdout.split()[-4:]
    assert finished == "True"
    assert int(pages) == 4  # the four articles; the goal, target and indicator pages are not indexed
    assert int(files) > 100  # the build wrote those pages all the same
    assert float(peak) > 5
    assert (tmp_path / "out-portal" / "pagefind" / "pagefind-entry.json").exists()
    assert "Search index made in" in (tmp_path / "index.log").read_text(encoding="utf-8")
