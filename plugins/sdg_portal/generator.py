"""SdgGenerator: the site-wide SDG index, the injected sections, and the SDG pages.

Pelican runs plugin generators after the articles are read and before anything is
written, so ``generate_context`` can build the index and render each article's
sections (``article.sdg_html``) in time for the article pages; ``generate_output``
writes the all-goals page and a page per goal, target and indicator.
"""

from __future__ import annotations

import logging

from pelican.generators import Generator

from sdg_analysis import load_framework
from sdg_analysis.links import build_index
from sdg_analysis.render import render_section

from .urls import SdgUrls

logger = logging.getLogger(__name__)


class SdgGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = load_framework()
        self.urls = SdgUrls(self.settings)
        self.index = None

    # -- context -------------------------------------------------------------
    def _all_articles(self):
        ctx = self.context
        return [a for a in (*ctx.get("articles", ()), *ctx.get("hidden_articles", ())) if hasattr(a, "sdg")]

    def _drafts(self):
        generator_articles = []
        for key in ("drafts", "drafts_translations", "translations", "hidden_translations"):
            generator_articles.extend(a for a in self.context.get(key, ()) if hasattr(a, "sdg"))
        return generator_articles

    def generate_context(self):
        published = [a for a in self.context.get("articles", ()) if hasattr(a, "sdg")]
        self.index = build_index((a, a.sdg) for a in published)
        siteurl = self.settings.get("SITEURL", "")
        for article in (*self._all_articles(), *self._drafts()):
            article.sdg_html = render_section(
                article.sdg,
                self.urls.url,
                framework=self.framework,
                siteurl=siteurl,
                template_dirs=self._templates_path,
            )
        self.context.update(
            {
                "sdg_framework": self.framework,
                "sdg_goals": self.framework.goals,
                "sdg_index": self.index,
                "sdg_url": self.urls.url,
                "sdg_index_url": self.urls.index_url,
            }
        )

    # -- output --------------------------------------------------------------
    def generate_output(self, writer):
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

    def _write_listing(self, writer, template_name, node, relative, **kwargs):
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
            articles=articles,
            **kwargs,
        )


def get_generators(pelican):
    return SdgGenerator
