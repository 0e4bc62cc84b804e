"""Publish builds of the bundled content, each through ``make publish`` as the Pages workflow runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT


def publish(
    content: Path, output: Path, siteurl: str, *, hash_seed: str = "0", cache: Path | None = None, pelican_opts: str = ""
) -> Path:
    """``make publish`` of ``content`` into ``output`` with ``SITEURL`` from the environment.

    Whatever the Makefile's publish target runs (Pelican with publishconf.py, then
    Pagefind) runs here, with the interpreter running the tests (``-o`` keeps make
    from reinstalling it). Each build is its own process, so string hashing
    (``PYTHONHASHSEED``) can differ between builds. Pelican's cache folder (where
    the analysis cache lives) is ``cache``, by default a new folder next to the
    output, never the repository's ``cache/``.
    """
    cache = cache or output.with_name(output.name + "-cache")
    pelican_opts = f"--cache-path {cache} {pelican_opts}".strip()
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    venv = Path(sys.prefix)
    env = {k: v for k, v in os.environ.items() if k not in ("CNAME", "SITEURL", "PELICANOPTS", "MAKEFLAGS")}
    env.update(SITEURL=siteurl, PYTHONHASHSEED=hash_seed, COLUMNS="200")
    cmd = [
        make, "-s", "-o", f"{venv}/.installed", "publish",
        f"VENV={venv}", f"INPUTDIR={content}", f"OUTPUTDIR={output}", f"PELICANOPTS={pelican_opts}",
    ]  # fmt: skip
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        pytest.fail(f"make publish failed (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return output
