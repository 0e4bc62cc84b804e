"""``sdg-portal index OUTPUT``: index a built site for search, the same way every time."""

from __future__ import annotations

import click

from ..search import SearchIndexError, make_search_index


@click.command("index")
@click.argument("output", type=click.Path(exists=True, file_okay=False), default="output")
def index_command(output: str) -> None:
    """Index the built site OUTPUT for search with Pagefind (as `make html` does).

    The filter indexes Pagefind writes are put in order, so that two builds of the
    same content give the same bytes.
    """
    try:
        make_search_index(output)
    except SearchIndexError as exc:
        raise click.ClickException(f"the search index was not made: {exc}") from exc
    click.echo(f"Search index made in {output}/pagefind")
