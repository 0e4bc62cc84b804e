"""The summary line a build ends with (issue 8): one line, counts in plain English."""

import shutil

from support import ROOT, build_site

FIXTURES = ROOT / "tests" / "fixtures" / "site" / "articles"


def summary_of(capsys) -> str:
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if line.startswith("SDG portal:")]
    return line


def test_one_article_is_one_article(tmp_path, capsys):
    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    shutil.copy(FIXTURES / "solar-schools.md", content)
    build_site(tmp_path / "content", tmp_path / "out", SITEURL="https://portal.example.org")
    summary = summary_of(capsys)
    assert summary.startswith("SDG portal: 1 article analysed (0 unchanged, from the cache); pages written: 17 goal, 169 target,")
    assert summary.endswith("content problem(s) (0 error(s), 0 warning(s))")
