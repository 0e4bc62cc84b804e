"""Render an article's analysis into HTML fragments through Jinja2 templates.

The fragments live in ``templates/sdg/`` of this package; a theme overrides any of
them by shipping a template of the same name (``templates/sdg/analysis.html``), the
way mkdocs-material lets a theme override its tags listing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import AbstractSet, Callable, Iterable

from markupsafe import Markup, escape

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from .anchors import anchor_id
from .framework import Framework, load_framework
from .model import Analysis, Evidence

UrlFor = Callable[[str], str]


def mark_terms(evidence: Evidence) -> Markup:
    """The evidence sentence, escaped, with its matched terms in ``<mark>``."""
    sentence = evidence.sentence
    out, pos = [], 0
    for s, e in sorted(evidence.marks):
        if s < pos or not 0 <= s < e <= len(sentence):
            continue
        out += (escape(sentence[pos:s]), "<mark>", escape(sentence[s:e]), "</mark>")
        pos = e
    out.append(escape(sentence[pos:]))
    return Markup("".join(out))


@lru_cache(maxsize=8)
def environment(template_dirs: tuple[str, ...] = ()) -> Environment:
    """One Jinja2 environment per set of override folders, built once.

    Its templates are read once and not checked against the disk again
    (``auto_reload=False``): the sections are rendered for every article, and
    checking cost eight ``stat`` calls each. A build that must see templates
    edited since the last (``make serve``) calls :func:`fresh_templates` first.
    """
    loaders = [FileSystemLoader(list(template_dirs))] if template_dirs else []
    loaders.append(PackageLoader("sdg_analysis", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["mark_terms"] = mark_terms
    env.globals["anchor_id"] = anchor_id
    return env


def fresh_templates() -> None:
    """Forget the environments and the templates they read: the next render reads
    them from the disk again."""
    environment.cache_clear()


def _render(
    template_name: str,
    analysis: Analysis,
    url_for: UrlFor,
    *,
    framework: Framework | None = None,
    siteurl: str = "",
    template_dirs: Iterable[str] = (),
    heading_level: int = 2,
    anchor_prefix: str = "sdg",
    anchors: AbstractSet[str] = frozenset(),
) -> Markup:
    template = environment(tuple(template_dirs)).get_template(template_name)
    return Markup(
        template.render(
            analysis=analysis,
            fw=framework or load_framework(),
            url_for=url_for,
            siteurl=siteurl,
            h=heading_level,
            prefix=anchor_prefix,
            anchors=anchors,
        )
    )


def render_section(analysis: Analysis, url_for: UrlFor, **options) -> Markup:
    """The four sections of an analysed article: goals, targets, indicators, table.

    Options: ``framework``, ``siteurl``, ``template_dirs`` (theme folders that may
    override ``sdg/*.html``), ``heading_level``, ``anchor_prefix`` and ``anchors``,
    the evidence anchor ids placed in the article body
    (:func:`sdg_analysis.anchors.add_anchors`), which quotes link to.
    """
    return _render("sdg/analysis.html", analysis, url_for, **options)


def render_indicator_table(analysis: Analysis, url_for: UrlFor, **options) -> Markup:
    """The table "SDGs, targets and indicators" alone (options as for :func:`render_section`)."""
    return _render("sdg/indicator_table.html", analysis, url_for, **options)


def figure_renderer(*, template_dirs: Iterable[str] = ()) -> Callable[[object], Markup]:
    """A function that renders one figure as :func:`render_figure` does, with the
    template looked up once: for a build, which lists every figure."""
    macro = environment(tuple(template_dirs)).get_template("sdg/macros.html").module.figure
    return lambda figure: Markup(macro(figure))


def render_figure(figure, *, template_dirs: Iterable[str] = ()) -> Markup:
    """One figure as read (qualifier, value as written, what it counts), for listings."""
    return figure_renderer(template_dirs=template_dirs)(figure)
