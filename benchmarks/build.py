"""Build a synthetic corpus with plain Pelican and with the portal, and compare.

    .venv/bin/python benchmarks/build.py [--articles 1000,10000] [--repeat 3] [--keep]
    .venv/bin/python benchmarks/build.py --articles 1000 --profile

For each N: writes N news-like articles (benchmarks/corpus.py) under
benchmarks/out/build-N/corpus, then builds them

- plain: Pelican's ``simple`` theme, no plugin but pelican-yaml-metadata (so both
  read the same Markdown and YAML front matter), default feeds, pagination 10;
- portal: this repository's pelicanconf.py with PATH set to the corpus;

each as a whole ``pelican`` process with the content cache off, and prints wall
time, articles per second and peak memory (the child's maximum resident set size, or
if larger the peak proportional set size of it and its analysis workers together;
see :func:`measure`)
for both, the lines ``ratio portal/plain: <wall ratio>`` and ``memory ratio
portal/plain: <ratio>``; after each portal build, the same build again with every
analysis from the analysis cache it filled (what the portal costs besides its
analyser); the search step of ``make html`` (``sdg-portal index``: Pagefind) on
the portal's output; then the analysis stage alone (``sdg_analysis.analyse`` in-process on
the articles' plain text); then, with Pelican's content cache on, a rebuild after
editing one article, for both. With several N, the scaling of the portal's full
build from the smallest N to the largest.

``--profile`` instead builds the portal in-process under cProfile and prints the
15 functions with the most cumulative time (and the 15 with the most own time);
``--stages`` builds it in-process with timers around its stages (no profiler
overhead) and prints the seconds spent in each, by template for the pages written,
and for the four generator stages the build process's CPU time and the cores busy
meanwhile (from /proc/stat: the workers and the section process show there).
``--keep`` keeps the corpus and outputs under benchmarks/out/.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
# Benchmark the code next to this script, also in the child processes.
sys.path[:0] = [str(HERE), str(ROOT / "plugins")]
CHILD_PYTHONPATH = os.pathsep.join(filter(None, [str(ROOT / "plugins"), os.environ.get("PYTHONPATH")]))

from corpus import write_corpus  # noqa: E402

PELICAN = [sys.executable, "-m", "pelican"]
SITEURL = "https://bench.example.org"

# Targets of issue 8.
MAX_WALL_RATIO = 1.5
MAX_MEMORY_RATIO = 1.5
MIN_ANALYSIS_RATE = 500
ANALYSIS_PASSES = 3  # passes of the analysis as the build runs it; the median is the figure
MAX_SCALING_PER_10X = 11

PLAIN_CONF = '''\
# Plain Pelican: the simple theme, no plugin but the YAML front matter reader.
AUTHOR = "Benchmark"
SITENAME = "Plain Pelican"
SITEURL = {siteurl!r}
FEED_DOMAIN = SITEURL
PATH = {corpus!r}
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
THEME = "simple"
PLUGINS = ["yaml_metadata"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
CACHE_CONTENT = {cache}
LOAD_CONTENT_CACHE = {cache}
CACHE_PATH = {cache_path!r}
'''

PORTAL_CONF = '''\
# The portal: this repository's pelicanconf.py with PATH set to the corpus.
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F401,F403

SITEURL = {siteurl!r}
FEED_DOMAIN = SITEURL
PATH = {corpus!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
CACHE_CONTENT = {cache}
LOAD_CONTENT_CACHE = {cache}
CACHE_PATH = {cache_path!r}
'''


# -- running builds ------------------------------------------------------------
# Outputs of earlier builds are set aside (renamed) and deleted only once every
# build is measured. ext4 skips inodes freed in the last 30 to 60 seconds when it
# creates files (recently_deleted, seen with perf): a build started right after
# the previous one's output was deleted paid 0.15 to 0.5 ms more for each file and
# folder it created (strace: openat 148 -> 293 us, mkdir 262 -> 496 us, depending
# on the folder's history), which weighed on the portal's 3,230 files at 1,000
# articles more than on plain Pelican's 1,646.
_TRASH: list[Path] = []


def set_aside(path: Path) -> None:
    """Move ``path`` out of the way, to be deleted by :func:`empty_trash`."""
    if path.exists():
        k = len(_TRASH)
        while (aside := path.with_name(f"{path.name}.old-{k}")).exists():
            k += 1  # left by a run that was stopped: deleted with the rest
            _TRASH.append(aside)
        path.rename(aside)
        _TRASH.append(aside)


def empty_trash() -> None:
    emptied = bool(_TRASH)
    while _TRASH:
        shutil.rmtree(_TRASH.pop(), ignore_errors=True)
    if emptied and OUT.is_dir():
        (OUT / EMPTIED).write_text(f"{time.time():.3f}\n", encoding="utf-8")


# When the last run deleted its outputs: a run started within the minute after
# would create its files among inodes ext4 skips. It waits out the rest.
EMPTIED = ".emptied"
SETTLE = 60.0


def settle_wait(stamp: Path, now: float) -> float:
    """Seconds still to wait before building, after the deletion ``stamp`` records."""
    try:
        when = float(stamp.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return 0.0
    return max(0.0, min(SETTLE, when + SETTLE - now))


def settle() -> None:
    wait = settle_wait(OUT / EMPTIED, time.time())
    if wait:
        print(f"waiting {wait:.0f} s: the last run deleted its outputs less than {SETTLE:.0f} s ago, "
              "and ext4 makes files among recently freed inodes slowly (see the notes above empty_trash)")
        time.sleep(wait)


class Run:
    """One build: wall seconds, peak resident MiB, files written; ``finished`` is False
    when the build was stopped at the time limit (its wall time is then a lower bound)."""

    __slots__ = ("wall", "peak_mib", "files", "finished")

    def __init__(self, wall: float, peak_mib: float, files: int, finished: bool = True):
        self.wall, self.peak_mib, self.files, self.finished = wall, peak_mib, files, finished

    def seconds(self) -> str:
        return f"{self.wall:7.2f} s" if self.finished else f"> {self.wall:.0f} s (stopped)"


# Set by --timeout: a build still running after this many seconds is stopped.
TIMEOUT: float | None = None


def write_conf(run_dir: Path, kind: str, corpus: Path, cache: bool) -> Path:
    template = PLAIN_CONF if kind == "plain" else PORTAL_CONF
    name = f"{kind}{'-cache' if cache else ''}"
    conf = run_dir / f"{name}conf.py"
    conf.write_text(
        template.format(
            siteurl=SITEURL,
            corpus=str(corpus),
            cache=cache,
            cache_path=str(run_dir / f"cache-{kind}"),
            root=str(ROOT),
            theme=str(ROOT / "theme"),
            plugins=str(ROOT / "plugins"),
        ),
        encoding="utf-8",
    )
    return conf


def _descendants(pid: int) -> list[int]:
    """``pid`` and the processes it started (the portal's analysis workers), on Linux."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo.extend(int(c) for c in task.read_text().split())
            except OSError:
                pass
    return out


def hwm_kib(pid: int) -> int:
    """The peak resident set size of one process so far (``VmHWM``), in KiB; 0 if
    it has ended or this is not Linux."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_mib(pid: int) -> float:
    """The proportional set size of a process and its descendants, in MiB: memory
    shared between them (the workers' copy-on-write pages) counted once."""
    total = 0
    for p in _descendants(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError):
            pass  # ended meanwhile, or not Linux
    return total / 1024


def pelican(conf: Path, corpus: Path, output: Path, log: Path) -> Run:
    """One whole ``pelican`` process building ``corpus`` into ``output``: see :func:`measure`."""
    if "cache" not in output.name:
        set_aside(output)
    command = [*PELICAN, str(corpus), "-o", str(output), "-s", str(conf)]
    run = measure(command, log, cwd=conf.parent, what=f"pelican ({conf.name})")
    run.files = sum(len(f) for _, _, f in os.walk(output))
    return run


def search_index(output: Path, log: Path) -> Run:
    """``sdg-portal index`` on a built site (the search step of ``make html``), as
    a whole process: Pagefind runs in a child of it. ``files``: the pages indexed."""
    run = measure([sys.executable, "-m", "sdg_portal.cli", "index", str(output)], log, cwd=ROOT, what="sdg-portal index")
    entry = output / "pagefind" / "pagefind-entry.json"
    if run.finished and entry.exists():
        run.files = sum(lang.get("page_count", 0) for lang in json.loads(entry.read_text(encoding="utf-8"))["languages"].values())
    return run


def measure(command: list[str], log: Path, cwd: Path, what: str) -> Run:
    """One whole process: wall time and peak memory, the larger of the process's
    maximum resident set size (which covers the children it waited for) and the
    largest proportional set size of it and its child processes together (sampled
    every 0.5 s while it has some).

    Linux starts a child's maximum resident set size (``ru_maxrss``) at the peak of
    the process that forked it (on ``exec`` it keeps the high-water mark of the
    memory it replaced): once this process has held the analyses of a large corpus,
    every build it starts reports at least that. Where ``ru_maxrss`` is not above
    this process's own peak, the child's own high-water mark (``VmHWM``), read at
    every poll, stands for it instead."""
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB
    hwm = 0
    with open(log, "w", encoding="utf-8") as fh:
        env = dict(os.environ, COLUMNS="400", PYTHONPATH=CHILD_PYTHONPATH)
        t0 = time.perf_counter()
        proc = subprocess.Popen(command, stdout=fh, stderr=subprocess.STDOUT, cwd=str(cwd), env=env)
        finished = True
        tree_peak = 0.0
        polls = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            polls += 1
            hwm = max(hwm, hwm_kib(proc.pid))
            if polls % 10 == 0 and len(_descendants(proc.pid)) > 1:  # reading smaps costs CPU: 2/s
                tree_peak = max(tree_peak, tree_pss_mib(proc.pid))
            if TIMEOUT is not None and time.perf_counter() - t0 > TIMEOUT:
                proc.terminate()  # this build only, by its process id
                _, status, usage = os.wait4(proc.pid, 0)
                finished = False
                break
            time.sleep(0.05)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode and finished:
        tail = "".join(log.read_text(encoding="utf-8").splitlines(True)[-30:])
        raise SystemExit(f"{what} failed (exit {proc.returncode}); log {log}:\n{tail}")
    rss = usage.ru_maxrss if usage.ru_maxrss > own_peak or not hwm else hwm  # KiB
    peak = max(rss / 1024, tree_peak)
    return Run(wall if finished else TIMEOUT, peak, 0, finished)


def summary_line(log: Path) -> str:
    """The portal's own summary line from a build log, if it printed one."""
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    lines = [line.strip() for line in text.splitlines() if "SDG portal:" in line]
    return f"portal says: {lines[-1][lines[-1].index('SDG portal:'):]}" if lines else "portal says: (no summary line)"


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.peak_mib for r in runs),
        runs[-1].files,
        all(r.finished for r in runs),
    )


def pair_ratios(pairs) -> str:
    """``second / first`` wall time of each pair of runs, as printed."""
    return ", ".join(f"{b.wall / a.wall:.2f}" for a, b in pairs)


def bound(value: float, exact: bool) -> str:
    """A ratio, written as a lower bound when the build in its numerator was stopped."""
    return f"{value:.2f}" if exact else f"> {value:.2f}"


# -- the analysis stage alone ------------------------------------------------------
def analysis_rate(paths: list[Path]) -> tuple[float, float, float, tuple[float, float, float], tuple[float, int, list[float]]]:
    """(articles per second of analyse(), seconds of analyse(), ms per article of text
    extraction, mean goals, targets and figures per article, and (articles per
    second (the median of three passes), workers, and the rate of each pass) of the
    analysis as the build runs it, in its worker processes)."""
    import markdown
    import yaml

    from sdg_analysis import analyse, load_framework, parse_frontmatter
    from sdg_analysis.text import article_text
    from sdg_portal.settings import DEFAULTS
    from sdg_portal.workers import analyse_many, parallel, release, warm_up

    fw = load_framework()
    md = markdown.Markdown(extensions=["markdown.extensions.extra"])
    inputs, jobs = [], []
    t_text = 0.0
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        _, header, body = raw.split("---\n", 2)
        meta = yaml.safe_load(header)
        editor, _ = parse_frontmatter(meta, header=header, framework=fw)
        html = md.reset().convert(body)
        t0 = time.perf_counter()
        text = article_text(meta["title"], html)
        t_text += time.perf_counter() - t0
        inputs.append((text, editor))
        jobs.append((meta["title"], html, editor))
    n = len(inputs)
    # The way the build analyses them: in its worker processes (forked here, from a
    # smaller process than the build's) when there are enough. First, while this
    # process has analysed nothing but the workers' own warm-up, as a build's has
    # when they fork: each worker fills its caches of the corpus's words as it goes,
    # as in a build (forked after the one-core pass below, they would start with all
    # of them). Three passes, the median printed (and all three): on a shared host
    # one pass of a few seconds can fall 10% either way.
    workers = parallel(DEFAULTS, n)
    rates = []
    first = None  # the first pass's analyses; the others must be the same
    for _ in range(ANALYSIS_PASSES):
        # The rule tables loaded and compiled as a build does before its workers fork
        # (workers.Workers: once a build, not per article), and so outside the pass
        # (they let go of this process's copy once forked: analysis.forget_tables).
        warm_up()
        # What this process holds (the texts, the HTML: some 75 objects an article)
        # out of the collector's sight, as what a build holds is when its workers
        # start (workers.LongLived): else forking them begins with a full collection
        # over all of it, which no build makes.
        gc.collect()
        gc.freeze()
        t0 = time.perf_counter()
        in_workers = list(analyse_many(jobs, DEFAULTS))  # each worker makes the text from the HTML
        rates.append(n / (time.perf_counter() - t0))
        release()  # analyse_many froze its analyses out of the collector's sight, as a build does
        if first is None:
            first = in_workers
        assert in_workers == first, "one pass's analyses differ from another's"
        del in_workers
    # One core: analyse() alone, its tables loaded and compiled first
    analyse(inputs[0][0], fw, inputs[0][1])
    t0 = time.perf_counter()
    results = [analyse(text, fw, editor) for text, editor in inputs]
    spent = time.perf_counter() - t0
    assert first == results, "the workers' analyses differ from analyse()"
    del first
    labels = (
        sum(len(a.goals) for a in results) / n,
        sum(len(a.targets) for a in results) / n,
        sum(len(a.figures) for a in results) / n,
    )
    return n / spent, spent, 1000 * t_text / n, labels, (statistics.median(rates), workers or 1, rates)


def bundled_reference() -> tuple[float, float, float, float]:
    """Mean goals, targets, figures and words per bundled sample article, analysed without
    its editor's sdg: block: what the corpus should look like to the analyser."""
    import re as _re

    from sdg_analysis import analyse, load_framework
    from sdg_analysis.text import markdown_to_text

    fw = load_framework()
    rows = []
    for path in sorted((ROOT / "content" / "articles").glob("*/*.md")):
        text = _re.sub(r"\nsdg:.*?\n---", "\n---", path.read_text(encoding="utf-8"), flags=_re.S)
        a = analyse(markdown_to_text(text), fw)
        rows.append((len(a.goals), len(a.targets), len(a.figures), len(text.split())))
    return tuple(sum(r[i] for r in rows) / len(rows) for i in range(4))


# -- rebuild with the content cache on ------------------------------------------------
def edit_one(paths: list[Path]) -> tuple[Path, str]:
    """Append a sentence to the middle article; return it and its old text."""
    path = paths[len(paths) // 2]
    old = path.read_text(encoding="utf-8")
    path.write_text(old + "\nAn editor added this sentence after the first build.\n", encoding="utf-8")
    return path, old


def cached_rebuild(kind: str, run_dir: Path, corpus: Path, paths: list[Path]) -> tuple[Run, Run]:
    conf = write_conf(run_dir, kind, corpus, cache=True)
    output = run_dir / f"out-{kind}-cache"
    set_aside(output)
    shutil.rmtree(run_dir / f"cache-{kind}", ignore_errors=True)
    first = pelican(conf, corpus, output, run_dir / f"{kind}-cache-first.log")
    if not first.finished:  # no complete cache to rebuild from
        return first, first
    path, old = edit_one(paths)
    try:
        again = pelican(conf, corpus, output, run_dir / f"{kind}-cache-rebuild.log")
    finally:
        path.write_text(old, encoding="utf-8")
    return first, again


# -- profile ----------------------------------------------------------------------------
def profile_portal(run_dir: Path, corpus: Path, top: int = 15) -> None:
    from pelican import Pelican
    from pelican.settings import read_settings

    conf = write_conf(run_dir, "portal", corpus, cache=False)
    shutil.rmtree(run_dir / "cache-portal", ignore_errors=True)  # analyse every article
    settings = read_settings(str(conf), override={"OUTPUT_PATH": str(run_dir / "out-portal-profile")})
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.runcall(Pelican(settings).run)
    wall = time.perf_counter() - t0
    profiler.dump_stats(str(run_dir / "portal.prof"))
    print(f"portal build under cProfile: {wall:.2f} s (profile in {run_dir / 'portal.prof'})")
    for order, label in (("cumulative", "cumulative time"), ("tottime", "own time")):
        buf = io.StringIO()
        stats = pstats.Stats(profiler, stream=buf)
        stats.sort_stats(order).print_stats(top)
        text = buf.getvalue()
        table = text[text.index("   ncalls") :] if "   ncalls" in text else text
        print(f"\n{top} functions with the most {label}:")
        print(_short_paths(table).rstrip())


def _short_paths(text: str) -> str:
    """Drop the long folder prefixes from the file names in a pstats table."""
    prefixes = {str(ROOT), sysconfig.get_paths()["purelib"], os.path.dirname(os.__file__)}
    for prefix in sorted(prefixes, key=len, reverse=True):
        text = text.replace(prefix + os.sep, "")
    return text


# -- stages -------------------------------------------------------------------------------
class StageTimer:
    """Wall time spent in chosen functions, by label, measured without a profiler's
    overhead; for those wrapped with ``cpu=True``, also this process's CPU time and how
    many of the machine's cores were busy meanwhile (:func:`busy_jiffies`): where a
    core idles, and so what running a stage beside another could give."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.cpu: dict[str, list[float]] = {}  # label -> [own CPU s, busy jiffies, all jiffies]
        self._active: set[str] = set()

    def wrap(self, owner, name: str, label=None, cpu: bool = False):
        original = getattr(owner, name)
        timer = self

        def timed(*args, **kwargs):
            key = label(*args, **kwargs) if callable(label) else (label or name)
            if key in timer._active:  # recursion or re-entry: count the outer call only
                return original(*args, **kwargs)
            timer._active.add(key)
            if cpu:
                own0, (busy0, all0) = _own_cpu(), busy_jiffies()
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timer._active.discard(key)
                timer.seconds[key] = timer.seconds.get(key, 0.0) + time.perf_counter() - t0
                timer.calls[key] = timer.calls.get(key, 0) + 1
                if cpu:
                    busy1, all1 = busy_jiffies()
                    row = timer.cpu.setdefault(key, [0.0, 0, 0])
                    row[0] += _own_cpu() - own0
                    row[1] += busy1 - busy0
                    row[2] += all1 - all0

        setattr(owner, name, timed)


def _own_cpu() -> float:
    """CPU seconds of this process (all its threads; not its children)."""
    t = os.times()
    return t.user + t.system


def busy_jiffies() -> tuple[int, int]:
    """The machine's CPU time so far, busy and in all, summed over its cores, in clock
    ticks (the first line of ``/proc/stat``); (0, 0) where there is none."""
    try:
        with open("/proc/stat") as fh:
            ticks = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = sum(ticks[3:5])  # idle, iowait
    return sum(ticks) - idle, sum(ticks)


def stage_portal(run_dir: Path, corpus: Path) -> None:
    """Build the portal in-process with timers around its stages and Pelican's."""
    import pelican.generators as pg
    import pelican.readers as pr
    import pelican.writers as pw
    from pelican import Pelican
    from pelican.settings import read_settings

    import sdg_portal.content as content
    import sdg_portal.generator as generator
    import sdg_portal.sections as sections

    timer = StageTimer()
    timer.wrap(pr.Readers, "read_file", "read: Markdown + front matter (Readers.read_file)")
    timer.wrap(content, "attach_analyses", "analyse: content.attach_analyses (all articles)")
    # the anchors are found with each analysis, in the workers; the build looks for
    # them only for an article whose HTML changed since, or analysed without it
    timer.wrap(generator, "anchor_positions", "sdg context: anchors looked for in the build (anchor_positions)")
    timer.wrap(generator, "render_section", "article pages: sections rendered in the build (render_section)")
    timer.wrap(sections.SectionServer, "get", "article pages: sections from their process (SectionServer.get)")
    timer.wrap(generator, "article_jsonld", "sdg context: structured.article_jsonld")
    timer.wrap(generator.SdgGenerator, "_cross_link", "sdg context: _cross_link (related, more on)")
    timer.wrap(generator.SdgGenerator, "generate_context", "SdgGenerator.generate_context (all)", cpu=True)
    timer.wrap(generator.SdgGenerator, "_write_data", "sdg output: _write_data (JSON, CSV)")
    timer.wrap(generator, "write_sdg_feeds", "sdg output: write_sdg_feeds")
    timer.wrap(generator.SdgGenerator, "generate_output", "SdgGenerator.generate_output (all)", cpu=True)
    timer.wrap(pg.ArticlesGenerator, "generate_context", "ArticlesGenerator.generate_context (read + analyse)", cpu=True)
    timer.wrap(pg.ArticlesGenerator, "generate_output", "ArticlesGenerator.generate_output (all)", cpu=True)
    timer.wrap(pg.StaticGenerator, "generate_output", "StaticGenerator.generate_output")
    timer.wrap(pw.Writer, "write_file", lambda self, name, template, *a, **k: f"write: {template.name}")
    timer.wrap(pw.Writer, "write_feed", "write: feeds (Writer.write_feed)")

    conf = write_conf(run_dir, "portal", corpus, cache=False)
    shutil.rmtree(run_dir / "cache-portal", ignore_errors=True)
    settings = read_settings(str(conf), override={"OUTPUT_PATH": str(run_dir / "out-portal-stages")})
    t0 = time.perf_counter()
    Pelican(settings).run()
    wall = time.perf_counter() - t0
    print(f"portal build in-process with stage timers: {wall:.2f} s")
    width = max(len(k) for k in timer.seconds)
    for key, seconds in sorted(timer.seconds.items(), key=lambda kv: -kv[1]):
        calls = timer.calls[key]
        print(f"  {key:<{width}}  {seconds:8.2f} s  {calls:7,} calls  {1000 * seconds / calls:8.2f} ms each")
    cores = os.cpu_count() or 1
    if any(row[2] for row in timer.cpu.values()):
        # the other processes' share: the analysis workers while reading, the section
        # process while the pages are written (and whatever else runs on the host)
        print(f"\nthe build's stages, this process's CPU time and the cores busy meanwhile (of {cores}):")
        for key, (own, busy, total) in sorted(timer.cpu.items(), key=lambda kv: -timer.seconds[kv[0]]):
            print(
                f"  {key:<{width}}  {timer.seconds[key]:8.2f} s  CPU {own:6.2f} s  "
                f"cores busy {cores * busy / max(total, 1):4.2f}"
            )


# -- report -------------------------------------------------------------------------------
def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import markdown
    import pelican

    version = getattr(pelican, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("pelican")
    return (
        f"{os.cpu_count()} CPUs ({cpu}); {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; Pelican {version}; Markdown {markdown.__version__}"
    )


def verdict(ok: bool) -> str:
    return "holds" if ok else "MISSED"


def bench(n: int, args) -> dict:
    run_dir = OUT / f"build-{n}"
    corpus = run_dir / "corpus"
    set_aside(run_dir)
    corpus.mkdir(parents=True)
    paths = write_corpus(corpus, n, seed=args.seed)
    size = sum(p.stat().st_size for p in paths) / n / 1024
    words = sum(len(p.read_text(encoding="utf-8").split("---\n", 2)[2].split()) for p in paths) / n
    print(f"\n== {n:,} articles: {size:.1f} KiB of Markdown and {words:.0f} words each on average ({corpus})")

    if args.profile or args.stages:
        # The profile first: the stage timers stay wrapped around functions once installed.
        if args.profile:
            profile_portal(run_dir, corpus)
        if args.stages:
            stage_portal(run_dir, corpus)
        return {}

    # The kinds take turns (plain, portal, plain, portal...): on a shared host whose
    # speed drifts over minutes, a slow spell then falls on both, and each pair's
    # ratio is measured on the host as it was for that pair.
    confs = {kind: write_conf(run_dir, kind, corpus, cache=False) for kind in ("plain", "portal")}
    all_runs: dict[str, list[Run]] = {"plain": [], "portal": []}
    # Each portal build is followed by the same build once more, with the analysis
    # cache it filled (Pelican's content cache still off): every article read and
    # every page written as in a first build, no article analysed, no worker
    # started: what the portal costs besides its analyser.
    analysed_pairs: list[tuple[Run, Run]] = []  # (the plain build before it, the build)
    for _ in range(args.repeat):
        for kind, conf in confs.items():
            # A first build: the portal's analysis cache (on by default) starts empty too.
            shutil.rmtree(run_dir / f"cache-{kind}", ignore_errors=True)
            all_runs[kind].append(pelican(conf, corpus, run_dir / f"out-{kind}", run_dir / f"{kind}.log"))
        if all_runs["portal"][-1].finished:
            log = run_dir / "portal-analysed.log"
            again = pelican(confs["portal"], corpus, run_dir / "out-portal-analysed", log)
            analysed_pairs.append((all_runs["plain"][-1], again))
    results = {kind: median_run(runs) for kind, runs in all_runs.items()}
    plain, portal = results["plain"], results["portal"]
    how = f"median of {args.repeat}" if args.repeat > 1 else "one run"
    for kind, r in results.items():
        rate = f"{n / r.wall:7.1f}" if r.finished else f"< {n / r.wall:.1f}"
        peak = "peak" if r.finished else "peak so far"
        each = f": {', '.join(f'{x.wall:.2f}' for x in all_runs[kind])} s" if args.repeat > 1 else ""
        print(
            f"{kind:<6} full build: {r.seconds()}  {rate} articles/s  "
            f"{peak} {r.peak_mib:6.1f} MiB  {r.files:,} files  ({how}{each}, cache off)"
        )
    exact = portal.finished and plain.finished
    wall_ratio = portal.wall / plain.wall
    mem_ratio = portal.peak_mib / plain.peak_mib
    print(summary_line(run_dir / "portal.log"))
    pairs = ""
    if args.repeat > 1:
        pairs = f" (each pair, plain then portal: {pair_ratios(zip(all_runs['plain'], all_runs['portal']))})"
    print(f"ratio portal/plain: {bound(wall_ratio, exact)}{pairs}")
    print(f"memory ratio portal/plain: {bound(mem_ratio, exact)}")
    if analysed_pairs:
        analysed_runs = [run for _, run in analysed_pairs]
        analysed = median_run(analysed_runs)
        cached = re.search(r"\((\d+) unchanged", summary_line(run_dir / "portal-analysed.log"))
        exact_a = analysed.finished and plain.finished
        each = ""
        if len(analysed_runs) > 1:
            walls = ", ".join(f"{x.wall:.2f}" for x in analysed_runs)
            each = f"; {walls} s, each against the plain build before it: {pair_ratios(analysed_pairs)}"
        print(
            f"portal full build, every analysis from the analysis cache: {analysed.seconds()}  "
            f"peak {analysed.peak_mib:6.1f} MiB  ratio to plain {bound(analysed.wall / plain.wall, exact_a)}, "
            f"memory {analysed.peak_mib / plain.peak_mib:.2f}  "
            f"({len(analysed_runs)} run(s){each}; {cached.group(1) if cached else '?'} of {n:,} analyses from the cache)"
        )

    if portal.finished:
        # The search step of make html and make publish, on the last portal build's output.
        index = search_index(run_dir / "out-portal", run_dir / "portal-index.log")
        print(
            f"portal search index (sdg-portal index, Pagefind): {index.seconds().strip()}  peak {index.peak_mib:6.1f} MiB  "
            f"{index.files:,} pages indexed; with the build (make html): {portal.wall + index.wall:.2f} s"
        )

    rate, spent, text_ms, (goals, targets, figures), (build_rate, workers, passes) = analysis_rate(paths)
    print(
        f"analysis on one core: {rate:,.0f} articles/s (sdg_analysis.analyse, {spent:.2f} s for {n:,} articles "
        f"in-process; HTML to plain text {text_ms:.2f} ms/article more)"
    )
    each = ", ".join(f"{r:,.0f}" for r in passes)
    print(f"analysis as the build runs it: {build_rate:,.0f} articles/s ({workers} worker process(es), analyse_many; median of {each})")
    ref = bundled_reference()
    print(
        f"analysis found per article: {goals:.1f} goals, {targets:.1f} targets, {figures:.1f} figures "
        f"(the bundled sample articles, {ref[3]:.0f} words each, without their sdg: blocks: "
        f"{ref[0]:.1f} goals, {ref[1]:.1f} targets, {ref[2]:.1f} figures)"
    )

    rebuild = {}
    if not args.no_cache:
        for kind in ("plain", "portal"):
            first, again = cached_rebuild(kind, run_dir, corpus, paths)
            rebuild[kind] = again
            if not first.finished:
                print(f"{kind:<6} rebuild after editing one article: not measured, the first build with the cache on "
                      f"was stopped at {first.wall:.0f} s")
                continue
            print(
                f"{kind:<6} rebuild after editing one article, content cache on: {again.seconds()}  "
                f"peak {again.peak_mib:6.1f} MiB  (first build with the cache on: {first.seconds().strip()})"
            )
        print(summary_line(run_dir / "portal-cache-rebuild.log").replace("portal says", "portal rebuild says"))

    print(
        f"targets at {n:,}: portal/plain wall <= {MAX_WALL_RATIO}: {verdict(exact and wall_ratio <= MAX_WALL_RATIO)} "
        f"({bound(wall_ratio, exact)}); memory <= {MAX_MEMORY_RATIO}: "
        f"{verdict(exact and mem_ratio <= MAX_MEMORY_RATIO)} ({bound(mem_ratio, exact)}); "
        f"analysis >= {MIN_ANALYSIS_RATE}/s: {verdict(build_rate >= MIN_ANALYSIS_RATE)} "
        f"({build_rate:,.0f} with {workers} worker(s); {rate:,.0f} on one core)"
    )
    if not args.keep:
        set_aside(run_dir)
    return {"plain": plain, "portal": portal, "rebuild": rebuild}


def articles_arg(values: list[str]) -> list[int]:
    out = []
    for value in values:
        out += [int(v.replace("_", "")) for v in re.split(r"[,\s]+", value) if v]
    return sorted(set(out))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", action="append", default=None, help="N, repeatable or a comma list (default 1000)")
    parser.add_argument("--repeat", type=int, default=1, help="full builds per kind, the kinds taking turns; the medians and each pair's ratio are printed")
    parser.add_argument("--profile", action="store_true", help="profile the portal build in-process instead")
    parser.add_argument("--stages", action="store_true", help="time the portal's stages in-process instead")
    parser.add_argument("--keep", action="store_true", help="keep corpus and outputs under benchmarks/out/")
    parser.add_argument("--no-cache", action="store_true", help="skip the rebuilds with the content cache on")
    parser.add_argument("--seed", type=int, default=2024, help="corpus seed")
    parser.add_argument("--timeout", type=float, default=None, help="stop a build after this many seconds")
    args = parser.parse_args(argv)
    global TIMEOUT
    TIMEOUT = args.timeout
    sizes = articles_arg(args.articles or ["1000"])

    print(f"machine: {machine()}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    settle()
    try:
        results = {n: bench(n, args) for n in sizes}
    finally:
        empty_trash()
    if len(sizes) > 1 and not (args.profile or args.stages):
        small, large = sizes[0], sizes[-1]
        factor = large / small
        budget = MAX_SCALING_PER_10X * factor / 10
        for kind in ("plain", "portal"):
            big, little = results[large][kind], results[small][kind]
            grow = big.wall / little.wall
            text = f"{grow:.2f}x" if big.finished else f"> {grow:.2f}x"
            line = f"scaling {kind} {large:,}/{small:,}: {text} the time for {factor:g}x the articles"
            if kind == "portal":
                ok = verdict(grow <= budget) if big.finished or grow > budget else "unknown"
                line += f" (target <= {budget:g}x: {ok})"
            print(line)


if __name__ == "__main__":
    main()
