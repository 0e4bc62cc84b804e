"""Attach an analysis to every article: ``article.sdg`` (and ``article.sdg_problems``).

Runs once the articles are read (``article_generator_finalized``): the editor's
``sdg:`` block is validated, the article's text analysed, and both joined by
:func:`sdg_analysis.analyse`. Problems are logged as warnings naming the file and
line; with ``SDG_STRICT`` the build stops after all of them are reported.
"""

from __future__ import annotations

import logging

from sdg_analysis import analyse, load_framework, parse_frontmatter
from sdg_analysis.problems import Problem
from sdg_analysis.text import plain_text

logger = logging.getLogger(__name__)
# Pelican's loggers drop a warning already logged once in the process; a problem must
# be reported again on every rebuild of `make serve`, so this one keeps every record.
problem_logger = logging.getLogger("sdg_portal.problems")
if hasattr(problem_logger, "disable_filter"):
    problem_logger.disable_filter()


class SdgContentError(Exception):
    """Raised in strict mode when the content has problems."""


def article_text(title: str, html: str) -> str:
    """The plain text the analyser reads: the title, a blank line, the body."""
    return f"{title}\n\n{plain_text(html)}" if title else plain_text(html)


def analyse_article(article, settings: dict, framework=None) -> list[Problem]:
    fw = framework or load_framework()
    header, first_line = getattr(article, "sdg_source", (None, 2))
    editor, problems = parse_frontmatter(
        article.metadata,
        header=header,
        header_line=first_line,
        path=article.relative_source_path,
        framework=fw,
    )
    if not settings.get("SDG_AUTO_ANALYSIS", True):
        editor.auto = False
    title = str(getattr(article, "title", "") or "")
    article.sdg_text = article_text(title, article._content or "")
    article.sdg = analyse(article.sdg_text, fw, editor)
    article.sdg_problems = problems
    return problems


def attach_analyses(generator) -> None:
    settings = generator.settings
    fw = load_framework()
    contents = [
        *generator.articles,
        *generator.translations,
        *generator.drafts,
        *generator.drafts_translations,
        *getattr(generator, "hidden_articles", []),
        *getattr(generator, "hidden_translations", []),
    ]
    problems: list[Problem] = []
    for article in contents:
        found = analyse_article(article, settings, fw)
        for problem in found:
            problem_logger.warning("%s", problem.format())
        problems.extend(found)
    generator.context.setdefault("sdg_problems", []).extend(problems)
    if problems and settings.get("SDG_STRICT"):
        raise SdgContentError(
            f"SDG_STRICT: {len(problems)} problem(s) in the content; first: {problems[0].format()}"
        )
