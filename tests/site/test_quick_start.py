"""The README's quick start builds the bundled content cleanly: no warning, no problem.

The command is the one `make html` runs (`pelican content -o output -s
pelicanconf.py`), as a process of its own, with the output and the caches in a
temporary folder so that the test leaves the checkout as it was.
"""

import pytest

from support import ROOT, pelican_process

pytestmark = pytest.mark.build


def test_the_bundled_content_builds_with_no_warning(tmp_path):
    # 80 columns: the width rich gives a log that is not a terminal
    done, output = pelican_process(tmp_path, columns=80)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "WARNING" not in log and "ERROR" not in log, log
    # the summary is one line, however narrow the terminal
    summary = next(line for line in log.splitlines() if line.startswith("SDG portal:"))
    assert "articles analysed" in summary and summary.endswith("0 content problem(s) (0 error(s), 0 warning(s))"), summary
    assert (output / "index.html").is_file()


def test_every_static_folder_is_in_the_checkout():
    """`make serve` watches the static folders and warns for each one missing; git
    keeps no empty folder, so each holds a hidden placeholder (Pelican ignores hidden
    files: IGNORE_FILES)."""
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert settings["STATIC_PATHS"], "no static folder configured"
    for folder in settings["STATIC_PATHS"]:
        assert (ROOT / "content" / folder).is_dir(), f"content/{folder} is missing: `make serve` would warn"
    assert "**/.*" in settings["IGNORE_FILES"], "the placeholders would be published"
