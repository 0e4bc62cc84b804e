"""Pelican entry point: connect the portal's handlers to Pelican's signals."""

from pelican import signals

from .compact import forget_cached_reads
from .content import analyse_when_read, attach_analyses, start_session
from .deploy import write_host_files
from .feeds import add_goal_categories
from .generator import get_generators
from .reader import add_reader
from .search import index_for_search
from .workers import release
from .settings import initialise_settings
from .taxonomy import fast_membership


def register():
    signals.initialized.connect(initialise_settings)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(start_session)
    signals.content_object_init.connect(analyse_when_read)
    signals.article_generator_finalized.connect(attach_analyses)
    signals.article_generator_finalized.connect(fast_membership)  # Pelican's tag pages, linear
    signals.article_generator_finalized.connect(forget_cached_reads)  # saved just before
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(add_goal_categories)
    signals.finalized.connect(write_host_files)
    signals.finalized.connect(index_for_search)
    signals.finalized.connect(release)  # what a large build froze (workers.LongLived)
