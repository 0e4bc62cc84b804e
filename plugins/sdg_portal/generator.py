"""SdgGenerator: the site-wide SDG index, cross-links, injected sections, and SDG pages.

Pelican runs plugin generators after the articles are read and before anything is
written, so ``generate_context`` computes everything across articles once (index,
related articles, figures per indicator, charts) and renders each article's
sections in time for the article pages; ``generate_output`` writes the all-goals
page, a page per goal, target and indicator, their feeds and the open data.
"""

from __future__ import annotations

import logging
import math
import os
from array import array

from markupsafe import Markup
from pelican.contents import Content
from pelican.generators import Generator
from pelican.log import console

from sdg_analysis import ANALYSER_VERSION, Packed, charts, links, load_framework, unpacked
from sdg_analysis.anchors import anchor_positions, anchored_evidence, placed_ids
from sdg_analysis.opendata import article_record, dumps_safe, iso_date, schema_text, write_open_data
from sdg_analysis.render import figure_renderer, fresh_templates, render_section

from .compact import anchor, stored
from .feeds import feed_path, feed_url, write_sdg_feeds
from .figures import FigureListing
from .sections import SectionServer, stop_all
from .sitemap import SitemapRecorder, disconnect_all
from .structured import article_jsonld
from .urls import SdgUrls
from .workers import LongLived, parallel

logger = logging.getLogger(__name__)

NO_ANCHORS = array("I")


class OnDemand:
    """HTML made when a template prints it, not kept: ``{{ article.sdg_html }}``.

    The analysis sections and JSON-LD of an article are printed once, on its own
    page; rendering them all up front held every article's HTML in memory until
    the end of the build (about 50 kB each on a busy article).
    """

    __slots__ = ("_make", "_article")

    def __init__(self, make, article):
        self._make, self._article = make, article

    def __html__(self) -> str:
        return self._make(self._article)

    def __str__(self) -> str:
        return str(self.__html__())

    def __bool__(self) -> bool:
        return True


class MoreOn:
    """"More on SDG n" for one article: for each of its goals, the latest other articles.

    Made when the article's page iterates it, not kept: lists for every article held
    until the end of the build cost more than making them once on the page.
    """

    __slots__ = ("_generator", "_item", "_per_goal")

    def __init__(self, generator: "SdgGenerator", item: int, per_goal: int):
        self._generator, self._item, self._per_goal = generator, item, per_goal

    def __iter__(self):
        index, framework = self._generator.index, self._generator.framework
        for goal, ids in links.latest_by_goal(index, self._item, self._per_goal).items():
            if ids:
                yield framework.goal(goal), [index.items[j] for j in ids]


def forget_earlier_builds() -> None:
    """Let go of what earlier builds in this process left: Pelican memoizes each
    article's content and summary in a table of its ``Content`` class, which holds
    every article it rendered, and through them their whole build, to the end of the
    process (under ``make serve``, a build of 10,000 articles holds some 300 MiB); and
    the section process and sitemap recorder of a build that failed before its SDG
    pages."""
    for name in ("get_content", "get_summary"):
        memo = getattr(Content.__dict__.get(name), "cache", None)
        if isinstance(memo, dict):
            memo.clear()
    stop_all()
    disconnect_all()


class SdgGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # a new build (make serve rebuilds in the same process): templates edited since
        # are read again, and nothing of the builds before is kept
        fresh_templates()
        forget_earlier_builds()
        self.framework = load_framework()
        self.urls = SdgUrls(self.settings)
        self.index = None
        self.sections: SectionServer | None = None
        self.large = False  # a site large enough for worker processes (workers.parallel)
        self.figures = FigureListing()
        self.sitemap = SitemapRecorder(self.settings, self.output_path)

    # -- context -------------------------------------------------------------
    def _rendered(self):
        """Every article whose page is written, in the order Pelican writes them
        (``generate_articles``, then ``generate_drafts``): translations, published,
        hidden, drafts."""
        keys = ("translations", "articles", "hidden_translations", "hidden_articles", "drafts_translations", "drafts")
        seen, out = set(), []
        for key in keys:
            for article in self.context.get(key, ()):
                if hasattr(article, "sdg") and id(article) not in seen:
                    seen.add(id(article))
                    out.append(article)
        return out

    def generate_context(self):
        settings = self.settings
        rendered = self._rendered()
        self._start_sections(len(rendered))
        for article in rendered:
            # Pelican formats an article's URL from its settings on every access;
            # every listing, feed and cross-link asks for it, so fix it once here
            # (slugs are final: duplicates were renamed when the articles were read).
            article.override_url = article.url
        published = [a for a in self.context.get("articles", ()) if hasattr(a, "sdg")]
        self.index = index = links.build_index((a, a.sdg, a.date) for a in published)

        self._cross_link(published)

        listed = {id(a) for a in published}
        figures = FigureListing()
        # what this makes (figures listed, anchored HTML) is held to the end of the
        # build: on a large site, kept out of the collector's full collections as the
        # articles are (workers.LongLived; 8 of them took 1.1 s at 10,000 articles)
        held = LongLived() if self.large else None
        section, jsonld = self._section, self._jsonld  # one bound method each, for every article
        # the HTML each analysis was made from (content.attach_analyses): where it is
        # still the article's, the anchors' positions and the figures listed made with
        # the analysis hold, and it is not unpacked here (only where its page and the
        # open data need all of it, sdg_analysis.Packed)
        analysed = self.context.pop("sdg_analysed_html", None) or {}
        for article in rendered:
            if held is not None:
                held.add()
            packed = article.sdg
            made = (
                isinstance(packed, Packed) and packed.anchors is not None and analysed.get(id(article)) is stored(article)
            )
            if made:
                positions = packed.anchors
            else:
                analysis = unpacked(packed)
                evidences = anchored_evidence(analysis)
                positions = anchor_positions(article._content, evidences) if evidences else NO_ANCHORS
            placed = placed_ids(positions)
            anchor(article, positions)  # inserted as the HTML is read
            article.sdg_anchors = placed
            article.sdg_html = OnDemand(section, article)
            article.sdg_jsonld = OnDemand(jsonld, article)
            if id(article) in listed:  # in the order published, newest first
                if made:
                    figures.add_packed(article, packed.listed)
                else:
                    figures.add(article, analysis.figures, placed)
        self.figures = figures
        if self.sections is not None:
            self.sections.send(rendered)
        self._render_cards(published)
        if held is not None:
            held.freeze()

        months = links.month_range(index)
        goal_codes = [g.code for g in self.framework.goals]
        self.context.update(
            {
                "sdg_framework": self.framework,
                "sdg_goals": self.framework.goals,
                "sdg_index": index,
                "sdg_url": self.urls.url,
                "sdg_index_url": self.urls.index_url,
                "sdg_figures": self.figures,
                "sdg_article_figures": figures.of,
                "sdg_figure": figure_renderer(template_dirs=self._templates_path),
                "sdg_matrix": charts.matrix(goal_codes, links.cooccurrence(index)),
                "sdg_timelines": {g: charts.timeline(months, links.monthly_counts(index, g)) for g in goal_codes},
                "sdg_feed_goals": {a.url: a.sdg.goal_codes for a in rendered},
                "sdg_feed_url": self._feed_url,
                "sdg_data_urls": {
                    key: settings.get(f"SDG_DATA_{key.upper()}")
                    for key in ("json", "csv", "schema")
                    if settings.get(f"SDG_DATA_{key.upper()}")
                },
            }
        )

    def _cross_link(self, published):
        index = self.index
        related = links.related(index, k=self.settings["SDG_RELATED_MAX"])
        per_goal = self.settings["SDG_MORE_PER_GOAL"]
        items = index.items
        for i, article in enumerate(published):
            article.sdg_related = [items[j] for j in related[i]]
            article.sdg_more = MoreOn(self, i, per_goal)
            # published is newest first: the previous article is older, the next newer
            article.sdg_previous = items[i + 1] if i + 1 < len(items) else None
            article.sdg_next = items[i - 1] if i > 0 else None

    def _start_sections(self, articles: int) -> None:
        """On a large site, start the process that renders the analysis sections while
        Pelican writes the pages (:mod:`sdg_portal.sections`); it starts up while the
        context is made, and is sent the articles once their anchors are placed."""
        self.large = bool(parallel(self.settings, articles))
        if not self.large:
            return
        fw = self.framework
        setup = {
            "urls": {n.code: self.urls.url(n.code) for n in (*fw.goals, *fw.targets, *fw.indicators)},
            "siteurl": self.settings.get("SITEURL", ""),
            "template_dirs": list(self._templates_path),
        }
        try:
            self.sections = SectionServer(setup)
        except OSError as err:
            logger.debug("Could not start the process rendering analysis sections: %s", err)

    def close_sections(self) -> None:
        if self.sections is not None:
            self.sections.close()
            self.sections = None

    def _section(self, article) -> Markup:
        """The analysis sections of an article's page: as the section process rendered
        them, or rendered here."""
        if self.sections is not None:
            html = self.sections.get(article)
            if html is not None:
                return html
        return render_section(
            unpacked(article.sdg),
            self.urls.url,
            framework=self.framework,
            siteurl=self.settings.get("SITEURL", ""),
            template_dirs=self._templates_path,
            anchors=article.sdg_anchors,
        )

    def _jsonld(self, article) -> Markup:
        return Markup(dumps_safe(article_jsonld(article, self.settings, self.framework)))

    def _render_cards(self, published):
        """Render each article's listing card once (``article.sdg_card``): an article
        appears on its goal, target and indicator pages, tag pages and the home page,
        and re-rendering it for each listing costs more than the rest of the page."""
        card = self.get_template("partials/article_card")
        base = {
            "SITEURL": self.settings.get("SITEURL", ""),
            "sdg_framework": self.framework,
            "sdg_url": self.urls.url,
        }
        for article in published:
            article.sdg_card = Markup(card.render({**base, "article": article}))

    def _feed_url(self, code: str) -> str | None:
        node = self.framework[code]
        if not self.index.count(code) or not self.settings.get("SDG_FEED_ATOM"):
            return None
        return feed_url(self.context, feed_path(self.settings, node.code, node.slug))

    # -- output --------------------------------------------------------------
    def generate_output(self, writer):
        # Pelican's generators, which come first, wrote the article pages: the section
        # process, if any, now writes the open data while the SDG pages are written
        try:
            elsewhere = self.sections is not None and self.sections.write_data(
                self._data_options(), self._packed_records()
            )
            self._write_pages(writer)
            write_sdg_feeds(self, writer)
            if elsewhere:
                failed = self.sections.data_written()
                if failed:
                    logger.warning("The process writing the open data failed (%s); the build writes it itself", failed)
                else:
                    logger.debug("Open data written by the process that rendered the analysis sections")
                elsewhere = not failed
        finally:
            self.close_sections()
        self._write_data(records=not elsewhere)
        # one line in any terminal and in CI logs: rich would break it at the console's
        # width (80 columns when the output is not a terminal)
        console.print(self.summary(), soft_wrap=True, markup=False)

    def _write_pages(self, writer) -> None:
        """The all-goals page and a page per goal, target and indicator."""
        relative = self.settings.get("RELATIVE_URLS", False)
        writer.write_file(
            self.urls.index_save_as,
            self.get_template("sdg_goals"),
            self.context,
            relative,
            url=self.urls.index_url,
            page_name=self.urls.index_url,
        )
        for goal in self.framework.goals:
            self._write_listing(writer, "sdg_goal", goal, relative, sdg_goal=goal)
            for target in goal.targets:
                self._write_listing(writer, "sdg_target", target, relative, sdg_goal=goal, sdg_target=target)
                for indicator in target.indicators:
                    self._write_listing(
                        writer,
                        "sdg_indicator",
                        indicator,
                        relative,
                        sdg_goal=goal,
                        sdg_target=target,
                        sdg_indicator=indicator,
                    )

    def summary(self) -> str:
        """One line: articles analysed, SDG pages written, problems found."""
        per_page = self.settings["PAGINATED_TEMPLATES"].get("sdg_goal") or self.settings["DEFAULT_PAGINATION"]

        def pages(nodes):
            return sum(max(1, math.ceil(self.index.count(n.code) / per_page)) for n in nodes)

        stats = self.context.get("sdg_analysis_stats", {"analysed": 0, "cached": 0})
        problems = self.context.get("sdg_problems", [])
        errors = sum(1 for p in problems if p.severity == "error")
        fw = self.framework
        n = stats["analysed"] + stats["cached"]
        return (
            f"SDG portal: {n} article{'s' if n != 1 else ''} analysed "
            f"({stats['cached']} unchanged, from the cache); pages written: "
            f"{pages(fw.goals)} goal, {pages(fw.targets)} target, {pages(fw.indicators)} indicator; "
            f"{len(problems)} content problem(s) ({errors} error(s), {len(problems) - errors} warning(s))"
        )

    def _write_listing(self, writer, template_name, node, relative, **kwargs):
        if self.sections is not None:
            self.sections.pump()  # keep the open data's records going to the section process
        articles = self.index.items_for(node.code)
        url = self.urls.url(node.code)
        writer.write_file(
            self.urls.save_as(node.code),
            self.get_template(template_name),
            self.context,
            relative,
            paginated={"articles": articles},
            template_name=template_name,
            url=url,
            page_name=url.rstrip("/") or "index",
            sdg_node=node,
            sdg_feed=self._feed_url(node.code) if node.kind != "indicator" else None,
            **kwargs,
        )

    def _record_fields(self, a) -> dict:
        """What the open data says of article ``a`` besides its analysis, as plain values
        (they may cross to the section process)."""
        image = a.metadata.get("image")
        summary = a.metadata.get("sdg_summary", a.metadata.get("summary"))
        source = getattr(a, "source", None)
        return {
            "title": str(a.title),
            "date": iso_date(a.date),
            "url": f"{self.settings.get('SITEURL', '')}/{a.url}",
            "source": {k: source.get(k) for k in ("name", "url")} if isinstance(source, dict) else None,
            "summary": str(summary) if summary else None,
            "tags": [str(t) for t in getattr(a, "tags", ())],
            "authors": [str(x) for x in getattr(a, "authors", ()) or ()],
            "image": image if isinstance(image, str) else None,
        }

    def _records(self):
        for a in self.index.items:
            yield article_record(analysis=unpacked(a.sdg), framework=self.framework, **self._record_fields(a))

    def _packed_records(self):
        for a in self.index.items:
            yield Packed.of(a.sdg).data, self._record_fields(a)

    def _data_path(self, setting: str) -> str | None:
        rel = self.settings.get(setting)
        if not rel:
            return None
        path = os.path.join(self.output_path, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def _data_options(self) -> dict:
        return {
            "json": self._data_path("SDG_DATA_JSON"),
            "csv": self._data_path("SDG_DATA_CSV"),
            "site_url": self.settings.get("SITEURL", ""),
            "analyser_version": ANALYSER_VERSION,
        }

    def _open(self, setting: str):
        path = self._data_path(setting)
        return open(path, "w", encoding="utf-8", newline="") if path else None

    def _write_data(self, records: bool = True):
        """data/articles.json and data/figures.csv, streamed record by record (unless
        the section process wrote them), and the schema."""
        if records:
            json_file, csv_file = self._open("SDG_DATA_JSON"), self._open("SDG_DATA_CSV")
            try:
                write_open_data(
                    self._records(),
                    json_file,
                    csv_file,
                    site_url=self.settings.get("SITEURL", ""),
                    analyser_version=ANALYSER_VERSION,
                )
            finally:
                for fh in (json_file, csv_file):
                    if fh is not None:
                        fh.close()
        schema_file = self._open("SDG_DATA_SCHEMA")
        if schema_file is not None:
            with schema_file:
                schema_file.write(schema_text())


def get_generators(pelican):
    return SdgGenerator
