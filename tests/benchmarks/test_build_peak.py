"""The benchmark's peak memory of a build is the build's, whatever the benchmark holds.

Linux starts a child's ``ru_maxrss`` at the peak of the process that forked it: a
benchmark that has just held a large corpus's analyses would report that for every
build it starts after (the rebuilds with the content cache on did, 525 MiB for
plain Pelican and the portal alike at 10,000 articles).
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")

SCRIPT = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    sys.path.insert(0, {benchmarks!r})
    import build
    from corpus import write_corpus
    run = Path({run!r})
    corpus = run / "corpus"
    write_corpus(corpus, 3)
    conf = build.write_conf(run, "plain", corpus, cache=False)
    held = bytearray({held_mib} << 20)  # touched: resident
    for i in range(0, len(held), 4096):
        held[i] = 1
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    run_ = build.pelican(conf, corpus, run / "out", run / "plain.log")
    print(own, run_.peak_mib)
    """
)


@pytest.mark.build
def test_a_builds_peak_is_its_own_not_the_benchmarks(tmp_path):
    script = SCRIPT.format(benchmarks=str(ROOT / "benchmarks"), run=str(tmp_path), held_mib=400)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert out.returncode == 0, out.stderr[-2000:]
    own, peak = map(float, out.stdout.split()[-2:])
    assert own > 400  # the benchmark held 400 MiB when it started the build
    assert 20 < peak < 200  # plain Pelican on three articles: some 50 MiB
