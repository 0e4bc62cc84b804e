"""sdg_portal: the Pelican plugin and the editors' command line of the SDG portal."""

from .plugin import register

__all__ = ["register"]
