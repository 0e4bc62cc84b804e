"""The editors' command line: ``sdg-portal check | analyse FILE | classify | codes QUERY | new``.

Each command lives in its own module under ``commands/``; this group only collects them.
"""

from __future__ import annotations

import click

from .commands import COMMANDS


@click.group()
@click.version_option(package_name="sdg-portal")
def main():
    """Tools for editors of the SDG news-analysis portal."""


for command in COMMANDS:
    main.add_command(command)


if __name__ == "__main__":
    main()
