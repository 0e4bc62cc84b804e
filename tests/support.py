"""Helpers shared by the tests: building a site, parsing its pages."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent


def build_site(content: Path, output: Path, **overrides) -> Path:
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "SDG_ANALYSIS_CACHE": False,
            **overrides,
        },
    )
    Pelican(settings).run()
    return output


def pelican_process(
    tmp_path: Path, *settings: str, conf: str = "pelicanconf.py", options=(), env=None, columns: int = 200
) -> tuple[subprocess.CompletedProcess, Path]:
    """``pelican content`` with ``conf``, run from the checkout as a process of its own
    (as ``make html`` and ``make publish`` run it), into ``tmp_path/output`` with
    Pelican's caches in ``tmp_path/cache``; ``settings``: more ``-e`` overrides
    (``NAME=json``); ``env``: the environment, the tests' own by default; ``columns``:
    the width rich is given. The finished process and the output folder."""
    output = tmp_path / "output"
    cache = f"CACHE_PATH={json.dumps(str(tmp_path / 'cache'))}"
    done = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", conf, *options, "-e", cache, *settings],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**(os.environ if env is None else env), "COLUMNS": str(columns)},
    )  # fmt: skip
    return done, output


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
