"""The analysis sections of a large site's article pages, rendered in a process of
their own while the build writes the pages.

Pelican writes the article pages one after another in the build's process, and the
other cores wait; the analysis sections are more than half of what an article page
costs (1.1 of 1.9 ms on the benchmark corpus). On a large site (from
``SDG_ANALYSIS_PARALLEL_THRESHOLD`` articles, where worker processes are allowed)
the SDG generator starts :mod:`sdg_analysis.section_server` and sends it each
article's packed analysis and anchors, in the order Pelican writes the pages, a
window ahead of the page being written: the page takes the HTML that came back.

The server is a new interpreter that imports ``sdg_analysis`` alone, not a fork: a
fork of a build holding 10,000 articles copied some 280 MiB of it (the pages its
allocations landed in), where a fresh process costs about 26 MiB. The sections are
a function of the analysis, its anchors and the build's settings only, so the pages
are the same bytes whichever process rendered them. An article outside the window,
whose rendering failed in the server, or any after the server stopped, is rendered
in the build's process; so is a share of them while the pages would otherwise wait
for the server, which renders an article's sections more slowly than the build
writes the rest of its page (the share grows each time a page waits and shrinks
each time it does not: about one article in twelve on the benchmark corpus).

Once the article pages are written, the same process writes the open data
(``articles.json``, ``figures.csv``) from the packed analyses while the build writes
the goal, target and indicator pages; if it fails, the build writes them itself.
"""

from __future__ import annotations

import logging
import os
import pickle
import select
import subprocess
import sys
import weakref
from collections.abc import Sequence

from markupsafe import Markup

import sdg_analysis
from sdg_analysis import Packed
from sdg_analysis.section_server import LENGTH, encode

logger = logging.getLogger(__name__)

_PENDING = object()  # the open data's answer, not in yet
_running: set = set()  # how to stop each server not closed yet (weakref.finalize)


class SectionServer:
    """The sections of ``articles`` (in the order their pages are written), rendered
    ahead by a :mod:`sdg_analysis.section_server` process, which then writes the open
    data (:meth:`write_data`).

    ``setup`` is the server's first message (URLs of every code, SITEURL, template
    folders). :meth:`get` gives an article's HTML, or None where the build should
    render it itself. At most ``window`` articles are sent ahead of the one asked for,
    so what waits to be written stays small (about 20 kB an article).

    The pipes are driven from the build's thread, without blocking, each time a page
    asks (a thread reading the answers would allocate them in a malloc arena of its
    own: 22 MiB more at 10,000 articles).
    """

    BATCH = 8
    PIPE_SIZE = 1 << 20  # Linux lets a process grow its pipes to 1 MiB: a batch's answer is about 250 kB
    # The server renders an article's sections in about 1.3 ms, where the build
    # writes the rest of a page in about 1 ms: each time a page waits for the server,
    # the build takes on a larger part of the sections itself (those it does not
    # send), and each time it does not, a smaller one.
    SHARE_UP, SHARE_DOWN, SHARE_MAX = 0.02, 0.001, 0.5

    def __init__(self, setup: dict, window: int = 64):
        package_parent = os.path.dirname(os.path.dirname(os.path.abspath(sdg_analysis.__file__)))
        path = os.environ.get("PYTHONPATH")
        env = dict(os.environ, PYTHONPATH=package_parent + (os.pathsep + path if path else ""))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "sdg_analysis.section_server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        # stopped by close(), when this object is collected, at exit, or when the next
        # build starts (stop_all): a build that fails before its SDG pages (a theme
        # error, and `make serve` goes on) is collected only some time later
        self._stop = weakref.finalize(self, _stop, self._process)
        _running.add(self._stop)
        self._to = self._process.stdin.fileno()
        self._from = self._process.stdout.fileno()
        for fd in (self._to, self._from):
            os.set_blocking(fd, False)
            try:
                import fcntl  # POSIX; the process is started on Linux only (workers.parallel)

                fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), self.PIPE_SIZE)
            except (ImportError, OSError):
                pass  # the default size works, with more waits
        self._window = max(window, self.BATCH)
        self._share = 0.0  # the part of the sections the build renders itself
        self._credit = 0.0
        self._kept: set[int] = set()  # slots of the articles not sent: the build renders them
        self._items: list = []
        self._slot: dict[int, int] = {}
        self._sent = 0  # batches sent
        self._floor = 0  # batches before this one were let go
        self._out = bytearray(encode(setup))  # requests not yet taken by the pipe
        self._in = bytearray()  # answers read, not yet whole
        self._results: dict[int, list] = {}  # batch number -> its HTML, as it came back
        self._ended = False  # the server's output ended
        self.broken = False
        self.taken = 0  # pages that took the HTML the server rendered
        self._records = None  # what is left to send of the open data's records
        self._data_answer: object = _PENDING  # once the open data is written: None, or what went wrong
        self._pump()

    def send(self, articles: Sequence) -> None:
        """The articles whose sections to render, in the order their pages are written
        (each with ``sdg`` and ``sdg_anchors``)."""
        self._items = list(articles)
        self._slot = {id(article): i for i, article in enumerate(self._items)}
        self._send_until(0)  # the first window at once: the server starts while the build goes on
        self._pump()

    def _send_until(self, slot: int) -> None:
        last = min(slot + self._window, len(self._items) - 1) // self.BATCH
        while self._sent <= last:
            n = self._sent
            items = []
            for slot in range(n * self.BATCH, min((n + 1) * self.BATCH, len(self._items))):
                self._credit += self._share
                if self._credit >= 1.0:
                    self._credit -= 1.0
                    self._kept.add(slot)
                    items.append((None, None))
                else:
                    article = self._items[slot]
                    items.append((Packed.of(article.sdg).data, article.sdg_anchors))
            self._out += encode(("sections", n, items))
            self._sent += 1

    def _pump(self, wait: bool = False) -> None:
        """Write what the requests pipe takes and read what the server answered; with
        ``wait``, first wait until one of the two can go on."""
        if self._ended:
            return
        if self._records is not None:
            self._feed_records()
        if wait:
            select.select([self._from], [self._to] if self._out else [], [])
        while self._out:
            try:
                written = os.write(self._to, self._out)
            except BlockingIOError:
                break
            except OSError:  # the server is gone: its output ends too
                self._out.clear()
                break
            del self._out[:written]
        while True:
            try:
                chunk = os.read(self._from, self.PIPE_SIZE)
            except BlockingIOError:
                break
            if not chunk:
                self._ended = True
                break
            self._in += chunk
        self._take_answers()

    def _take_answers(self) -> None:
        buffer, size = self._in, LENGTH.size
        pos = 0
        while len(buffer) - pos >= size:
            (length,) = LENGTH.unpack_from(buffer, pos)
            if len(buffer) - pos - size < length:
                break
            try:
                answer = pickle.loads(memoryview(buffer)[pos + size : pos + size + length])
            except Exception:  # garbled: the build renders the rest
                self._ended = True
                break
            if answer[0] == "sections" and answer[1] >= self._floor:
                self._results[answer[1]] = answer[2]
            elif answer[0] == "data":
                self._data_answer = answer[1]
            pos += size + length
        del buffer[:pos]

    def get(self, article) -> Markup | None:
        slot = self._slot.get(id(article))
        if slot is None or self.broken:
            return None
        number = slot // self.BATCH
        if number < self._floor:  # behind the pages written: let go
            return None
        for done in [n for n in self._results if n < number]:  # pages are written in order
            del self._results[done]
        self._floor = number
        self._send_until(slot)
        self._pump()
        if slot in self._kept:  # not sent: rendered by the build
            self._kept.discard(slot)
            return None
        if number in self._results or self._ended:
            self._share = max(0.0, self._share - self.SHARE_DOWN)
        else:
            self._share = min(self.SHARE_MAX, self._share + self.SHARE_UP)
        while number not in self._results and not self._ended:
            self._pump(wait=True)
        html = self._results.get(number)
        if html is None:
            logger.warning("The process rendering analysis sections stopped; the build renders the rest itself")
            self.broken = True
            return None
        section = html[slot % self.BATCH]
        if section is None:
            return None
        self.taken += 1
        return Markup(section)

    # -- the open data ------------------------------------------------------------
    RECORDS_AHEAD = 1 << 19  # bytes of records waiting to be taken by the pipe, at most

    def write_data(self, options: dict, records) -> bool:
        """Have the server write the open data (``options``: the paths ``json`` and
        ``csv``, ``site_url``, ``analyser_version``) from ``records``, an iterator of
        ``(packed analysis, fields of article_record)`` sent as the pipe takes them
        while the build writes its pages (:meth:`pump`). False if the server is gone."""
        if self.broken or self._ended:
            return False
        self._out += encode(("data", options))
        self._records = iter(records)
        self._pump()
        return True

    def _feed_records(self) -> None:
        while len(self._out) < self.RECORDS_AHEAD:
            batch = [item for _, item in zip(range(self.BATCH * 4), self._records)]
            if batch:
                self._out += encode(("records", batch))
            if len(batch) < self.BATCH * 4:
                self._out += encode(("end",))
                self._records = None
                return

    def pump(self) -> None:
        """Send what the server can take and read what it answered, without waiting."""
        self._pump()

    def data_written(self) -> str | None:
        """Wait until the server has written the open data: None if it did, else what
        went wrong (the build then writes it itself)."""
        while self._data_answer is _PENDING and not self._ended:
            self._pump(wait=True)
        return "the process stopped" if self._data_answer is _PENDING else self._data_answer

    def close(self) -> None:
        """Stop the server (it ends with its input) and forget what it sent back."""
        logger.debug(
            "Analysis sections rendered in a separate process for %d of %d article pages",
            self.taken, len(self._items),
        )  # fmt: skip
        self._stop()
        _running.discard(self._stop)
        self._results.clear()
        self._out.clear()
        self._in.clear()
        self._items = []
        self._slot = {}
        self._kept.clear()


def _stop(process: subprocess.Popen) -> None:
    """Close the server's pipes (it ends with its input) and wait for it to end."""
    for stream in (process.stdin, process.stdout):
        try:
            stream.close()
        except OSError:
            pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def stop_all() -> None:
    """Stop every server still running: at the start of a build, those of a build in
    the same process that failed before writing its SDG pages."""
    for stop in list(_running):
        stop()
    _running.clear()
