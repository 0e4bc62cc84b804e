"""Render the analysis sections of a large site's article pages in worker processes,
while the build writes the pages.

Pelican writes the article pages one after another in the build's process, and the
other cores wait; the analysis sections are more than half of what an article page
costs (1.1 of 1.9 ms on the benchmark corpus). On a large site (from
``SDG_ANALYSIS_PARALLEL_THRESHOLD`` articles, where workers are allowed) the SDG
generator forks workers once its context is complete and sends them the analysis
and anchors of each article, in the order Pelican writes the pages, a window ahead
of the page being written: the page takes the HTML that came back. The sections are
a function of the analysis, its anchors and the build's settings only, so the pages
are the same bytes whichever process rendered them. An article outside the window,
or whose rendering failed in a worker, is rendered in the build's process (where a
template error is reported as Pelican reports any).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

from markupsafe import Markup

from .workers import fork_pool

logger = logging.getLogger(__name__)

Render = Callable[..., Markup]  # render(analysis, anchors) -> the sections' HTML

_render: Render | None = None  # in a worker: the build's renderer, inherited at the fork


def _set_renderer(render: Render) -> None:
    global _render
    _render = render


def _render_batch(items: list[tuple]) -> list[str | None]:
    out: list[str | None] = []
    for analysis, anchors in items:
        try:
            out.append(str(_render(analysis, anchors)))
        except Exception:  # None: the build renders it again, and reports the error as Pelican does
            out.append(None)
    return out


class SectionPrefetch:
    """The sections of ``articles`` (in the order their pages are written), rendered
    ahead in ``workers`` forked processes by ``render(analysis, anchors)``.

    :meth:`get` gives an article's HTML, or None where the build should render it
    itself. At most ``window`` articles are sent ahead of the one asked for, so what
    waits to be written stays small (about 20 kB an article).
    """

    BATCH = 8

    def __init__(self, articles: Sequence, render: Render, workers: int, window: int = 256):
        self._items = [(article.sdg, article.sdg_anchors) for article in articles]
        self._slot = {id(article): i for i, article in enumerate(articles)}
        self._window = max(window, self.BATCH)
        self._futures: dict[int, Future] = {}  # batch number -> its rendering
        self._sent = 0  # batches sent
        self._broken = False
        self._workers = workers
        self.taken = 0  # pages that took the HTML a worker rendered
        self._pool = fork_pool(workers, _set_renderer, (render,))
        self._send_until(0)  # the first window at once: the workers start while the build goes on

    @classmethod
    def start(cls, articles: Sequence, render: Render, workers: int) -> "SectionPrefetch | None":
        """A prefetch for ``articles``, or None where forking is not safe.

        A lock another thread holds while the build forks stays held in the children.
        Pelican's status line redraws from a daemon thread, which the children never
        use (the analysis workers are forked the same way); a thread of any other
        kind, which they might, leaves the sections to the build's process."""
        main = threading.main_thread()
        if not articles or any(t is not main and not t.daemon for t in threading.enumerate()):
            return None
        render(articles[0].sdg, articles[0].sdg_anchors)  # templates read and compiled before the fork
        return cls(articles, render, workers)

    def _send_until(self, slot: int) -> None:
        last = min(slot + self._window, len(self._items) - 1) // self.BATCH
        while self._sent <= last:
            n = self._sent
            self._futures[n] = self._pool.submit(_render_batch, self._items[n * self.BATCH : (n + 1) * self.BATCH])
            self._sent += 1

    def get(self, article) -> Markup | None:
        slot = self._slot.get(id(article))
        if slot is None or self._broken:
            return None
        number = slot // self.BATCH
        for done in [n for n in self._futures if n < number]:  # pages are written in order
            del self._futures[done]
        self._send_until(slot)
        future = self._futures.get(number)
        if future is None:
            return None
        try:
            html = future.result()[slot % self.BATCH]
        except BrokenProcessPool:
            logger.warning("A worker rendering analysis sections stopped; the build renders the rest itself")
            self._broken = True
            return None
        if html is None:
            return None
        self.taken += 1
        return Markup(html)

    def close(self) -> None:
        logger.debug(
            "Analysis sections rendered ahead in %d worker(s) for %d of %d article pages",
            self._workers, self.taken, len(self._items),
        )
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._futures.clear()
        self._items = []
