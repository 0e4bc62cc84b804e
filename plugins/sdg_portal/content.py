"""Attach an analysis to every article: ``article.sdg`` (and ``article.sdg_problems``),
kept packed (:class:`sdg_analysis.Packed`: its pickle and its codes) to the end of the build.

Runs once the articles are read (``article_generator_finalized``). The editor's
front matter was checked by the reader; here each article's text is analysed and
the editor's curation applied (:func:`sdg_analysis.analyse`). On a large site the
analysis starts earlier: worker processes (:mod:`sdg_portal.workers`) are started
with the articles generator, and each article is sent to them as soon as it is
read (``content_object_init``), so that they analyse while Pelican reads the rest.
An article changed after it was sent (by another plugin) is analysed again. Every problem is
logged as a warning naming the file and line, on every build; the build goes on
and every readable article is published with the valid part of its analysis.
With ``SDG_STRICT`` the build stops once all problems are reported.
"""

from __future__ import annotations

import logging
import sys
from collections import defaultdict

from pelican.contents import Article
from pelican.log import console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn, track

from sdg_analysis import Analysis, Packed, apply_editor, load_framework, parse_frontmatter
from sdg_analysis.problems import Problem, error, warning

from .cache import AnalysisCache, cache_key
from .compact import compact, stored
from .reader import SdgMarkdownReader, display_path
from .workers import Failure, Job, LongLived, Workers, analyse_many, parallel, release

logger = logging.getLogger(__name__)
# Pelican's loggers drop a warning already logged once in the process; a problem must
# be reported again on every rebuild of `make serve`, so this one keeps every record.
problem_logger = logging.getLogger("sdg_portal.problems")
if hasattr(problem_logger, "disable_filter"):
    problem_logger.disable_filter()


class SdgContentError(Exception):
    """Raised in strict mode when the content has problems."""


def editor_input(article, framework):
    """The editor's validated sdg: block and its problems, from the reader or, for
    articles read by another reader, from the metadata."""
    if "sdg_editor" in article.metadata:
        return article.metadata["sdg_editor"], list(article.metadata.get("sdg_problems") or ())
    return parse_frontmatter(article.metadata, path=display_path(article.source_path), framework=framework)


def curation(article, settings: dict, framework) -> tuple[object, list[Problem]]:
    """The editor's curation of ``article`` as the analyser takes it, and the problems
    found in its front matter."""
    editor, problems = editor_input(article, framework)
    if not settings.get("SDG_AUTO_ANALYSIS", True):
        editor.auto = False
    return editor, problems


def job_of(article, editor) -> Job:
    """What the analysis of ``article`` depends on: its title, its HTML body and the
    editor's curation (the text the analyser reads is made from the first two in the
    worker, :func:`sdg_analysis.text.article_text`)."""
    return (str(getattr(article, "title", "") or ""), article._content or "", editor)


def analysis_failed(path: str, reason: str) -> Problem:
    return error(
        f"the analyser failed on this article ({reason}); it is published with the editor's labels only",
        path=path,
    )


def editor_only(editor) -> Packed:
    """The analysis of an article the analyser failed on: what its editor listed."""
    try:
        return Packed.of(apply_editor(Analysis(), editor))
    except Exception:
        return Packed.of(Analysis())


def deduplicate_slugs(articles) -> list[Problem]:
    """Give a unique URL to articles that would overwrite each other's page.

    Pelican aborts the whole build when two articles are saved to the same file.
    The oldest keeps its URL (it may already be linked to); the next gets ``-2``,
    then ``-3``... (ties in date go by source path).
    """
    problems = []
    by_target = defaultdict(list)
    for article in articles:
        by_target[article.save_as].append(article)
    taken = set(by_target)
    for save_as, group in sorted(by_target.items()):
        if len(group) < 2:
            continue
        group.sort(key=lambda a: (a.date, a.source_path) if hasattr(a, "date") else (0, a.source_path))
        first = display_path(group[0].source_path)
        for article in group[1:]:
            slug, n = article.slug, 2
            while True:
                article.slug = f"{slug}-{n}"
                if article.save_as not in taken:
                    break
                n += 1
            taken.add(article.save_as)
            problems.append(
                warning(
                    f"slug {slug!r} is also used by {first}; this article is published as {article.slug!r}",
                    path=display_path(article.source_path),
                )
            )
    return problems


class Session:
    """One build's analyses: the cache, and the worker processes with the articles
    sent to them as they were read.

    The workers are started only once ``SDG_ANALYSIS_PARALLEL_THRESHOLD`` articles
    read are not in the cache: a rebuild that changed a few articles of a large site
    (``make serve``) analyses them in the build's own process, without forking. With
    nothing in the cache (a first build, a new analyser, the cache off), every
    article needs analysing: the workers start with the first one read, rather than
    leave a core idle while the threshold's worth are read (0.49 s of a
    1,000-article build).
    """

    def __init__(self, settings: dict, workers: int = 0, files: int = 0):
        self.settings = settings
        self.framework = load_framework()
        self.cache = AnalysisCache(settings)
        self.allowed = workers  # worker processes to start once enough articles wait
        self.files = files  # article files to read
        self.progress = None
        threshold = settings.get("SDG_PROGRESS_THRESHOLD")
        if workers and threshold is not None and files > threshold:
            # reading and analysis overlap: show both, from the first article read
            self.progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                # nothing where the output is not a terminal (a CI log): rich would leave
                # a blank line per bar there, and the summary line says what was analysed
                console=console, transient=True, disable=not console.is_terminal,
            )
            self.read_task = self.progress.add_task("Reading articles", total=files)
            self.analysis_task = self.progress.add_task("Analysing articles", total=files)
            self.progress.start()
        self.workers: Workers | None = None
        self.held = LongLived()  # what a large build reads and analyses, it holds to its end
        self.waiting: list[int] = []  # articles read, not in the cache, not yet sent
        self.start_at = (settings.get("SDG_ANALYSIS_PARALLEL_THRESHOLD") or 0) if len(self.cache) else 1
        # id(article) -> [(title, HTML as held, curation), cache key, the cached analysis,
        # a ticket, or None while waiting (and then the job to send)]
        self.sent: dict[int, list] = {}

    @property
    def reading(self) -> bool:
        """Whether articles are to be handed over as they are read."""
        return bool(self.allowed)

    def analysed(self, n: int = 1) -> None:
        if self.progress is not None:
            self.progress.advance(self.analysis_task, n)

    def send(self, article) -> None:
        if self.progress is not None:
            self.progress.advance(self.read_task)
        self.held.add()
        editor, _ = curation(article, self.settings, self.framework)
        job = job_of(article, editor)
        key = cache_key(*job)
        found = self.cache.get(key)
        # the HTML as the article holds it (compressed), not the job's: the build keeps
        # no article's HTML unpacked while the workers analyse it
        self.sent[id(article)] = [(job[0], stored(article), editor), key, found]
        if found is not None:
            self.analysed()
            return
        if self.workers is not None:
            self.sent[id(article)][2] = self.workers.submit(job)
            return
        self.sent[id(article)].append(job)  # until the workers start
        self.waiting.append(id(article))
        if len(self.waiting) >= self.start_at:
            self.workers = self._start_workers()
            for ident in self.waiting:
                entry = self.sent[ident]
                entry[2] = self.workers.submit(entry.pop())
            self.waiting = []

    def _start_workers(self) -> Workers:
        """Fork the workers with the progress bars paused: they redraw from a thread of
        their own, and no thread may run while a process forks (a lock it held would
        stay held in the children; Python 3.12 and later warn about it)."""
        paused = self.progress is not None and self.progress.live.is_started
        if paused:
            self.progress.stop()
        try:
            return Workers(self.allowed, batch=16, done=self.analysed)
        finally:
            if paused:
                self.progress.start()

    def take(self, article, editor) -> tuple | None:
        """The cache key and analysis (or ticket) of an article sent when read, if it
        is unchanged since."""
        sent = self.sent.pop(id(article), None)
        if sent is None:
            return None
        (title, html, was), key, found = sent[:3]
        if found is None:  # never sent: fewer than the threshold were waiting
            return None
        if html is stored(article) and was is editor and title == str(getattr(article, "title", "") or ""):
            return key, found
        return None

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None
        if self.workers is not None:
            self.workers.close()
            self.workers = None
        self.sent.clear()
        self.waiting = []


_session: Session | None = None


def start_session(generator) -> None:
    """``article_generator_init``: start analysing early when the site is large."""
    global _session
    end_session()
    release()  # what a build that stopped half-way may have left frozen
    settings = generator.settings
    workers = 0
    if parallel(settings, sys.maxsize):  # workers allowed at all: only then count the files
        files = len(generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]))
        workers = parallel(settings, files)
    _session = Session(settings, workers, files if workers else 0)


def analyse_when_read(content) -> None:
    """``content_object_init``: hold a new article's HTML compressed
    (:mod:`sdg_portal.compact`) and, on a large site, hand it over to the workers."""
    compact(content)
    session = _session
    if session is not None and session.reading and isinstance(content, Article):
        if content.settings is session.settings:
            try:
                session.send(content)
            except Exception:  # Pelican would drop the article; analyse it with the rest instead
                logger.debug("could not hand %s over to the analysis workers", content.source_path, exc_info=True)
                session.sent.pop(id(content), None)


def end_session() -> None:
    global _session
    if _session is not None:
        _session.close()
        _session = None


def attach_analyses(generator) -> None:
    settings = generator.settings
    session = _session if _session is not None and _session.settings is settings else Session(settings)
    try:
        _attach(generator, session)
    finally:
        session.close()
        if session is _session:
            end_session()
    if session.reading:  # a large site: its articles and their analyses are held to the end
        session.held.freeze()


def _attach(generator, session: Session) -> None:
    settings = generator.settings
    fw = session.framework
    cache = session.cache
    articles = [
        *generator.articles,
        *generator.translations,
        *generator.drafts,
        *generator.drafts_translations,
        *getattr(generator, "hidden_articles", []),
        *getattr(generator, "hidden_translations", []),
    ]
    problems: list[Problem] = []
    for reader in generator.readers.readers.values():
        if isinstance(reader, SdgMarkdownReader):
            problems.extend(reader.unreadable)  # already logged when read
    pending = []  # articles to analyse now: (article, cache key, job)
    tickets = []  # articles sent to the workers when read: (article, cache key, ticket)
    for article in articles:
        editor, found = curation(article, settings, fw)
        article.sdg_problems = found
        for problem in found:
            problem_logger.warning("%s", problem.format())
        problems.extend(found)
        early = session.take(article, editor)
        if early is not None:
            key, analysis = early
            if isinstance(analysis, tuple):
                tickets.append((article, key, analysis))
            else:
                article.sdg = analysis
            continue
        job = job_of(article, editor)
        key = cache_key(*job)
        article.sdg = cache.get(key)
        if article.sdg is None:
            pending.append((article, key, job))
    results = analyse_many([job for _, _, job in pending], settings)
    # (article, cache key, its analysis when called, whether it is analysed here)
    steps = [(article, key, lambda t=ticket: session.workers.result(t), False) for article, key, ticket in tickets]
    steps += [(article, key, results.__next__, True) for article, key, _ in pending]
    threshold = settings.get("SDG_PROGRESS_THRESHOLD")
    if session.progress is None and threshold is not None and len(steps) > threshold:
        steps = track(steps, description="Analysing articles", console=console, transient=True, disable=not console.is_terminal)
    failed = {}  # id(article) -> what its analysis raised
    for article, key, result, here in steps:
        analysis = result()
        if here:  # the workers' batches count themselves as they finish
            session.analysed()
        if isinstance(analysis, Failure):
            failed[id(article)] = analysis
            continue
        article.sdg = analysis
        cache.put(key, analysis)
    if session.progress is not None:  # done (a worker's last count may still be on its way)
        session.progress.update(session.analysis_task, completed=session.files)
    for article in (a for a in articles if id(a) in failed):
        problem = analysis_failed(display_path(article.source_path), failed[id(article)].error)
        problem_logger.warning("%s", problem.format())
        problems.append(problem)
        article.sdg_problems.append(problem)
        article.sdg = editor_only(curation(article, settings, fw)[0])
    cache.save_cache()
    # the HTML each analysis was made from, as the article held it: the SDG context
    # places the anchors found with the analysis only where it is still the article's
    generator.context["sdg_analysed_html"] = {id(article): stored(article) for article in articles}
    for problem in deduplicate_slugs(articles):
        problem_logger.warning("%s", problem.format())
        problems.append(problem)
    generator.context["sdg_analysis_stats"] = {"analysed": cache.misses, "cached": cache.hits}
    generator.context.setdefault("sdg_problems", []).extend(problems)
    if problems and settings.get("SDG_STRICT"):
        raise SdgContentError(
            f"SDG_STRICT: {len(problems)} problem(s) in the content; first: {problems[0].format()}"
        )
