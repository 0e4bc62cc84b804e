import datetime

from sdg_portal.cli import main
from sdg_analysis.document import read_document


def test_new_writes_a_valid_skeleton_with_todays_date(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["new", "Floods hit the delta", "--source-url", "https://www.example.org/news/1"])
    assert result.exit_code == 0, result.output
    today = datetime.date.today()
    path = tmp_path / "content" / "articles" / str(today.year) / "floods-hit-the-delta.md"
    assert result.stdout.strip() == str(path.relative_to(tmp_path))
    doc = read_document(path.read_bytes(), str(path))
    assert doc.problems == []
    assert doc.metadata["title"] == "Floods hit the delta"
    assert doc.metadata["date"] == today
    assert doc.metadata["source"] == {"name": "example.org", "url": "https://www.example.org/news/1"}


def test_new_refuses_to_overwrite_and_bad_urls(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ["new", "Same", "--source-url", "https://example.org", "--date", "2025-01-01"]
    assert runner.invoke(main, args).exit_code == 0
    again = runner.invoke(main, args)
    assert again.exit_code != 0 and "already exists" in again.output
    bad = runner.invoke(main, ["new", "X", "--source-url", "javascript:alert(1)"])
    assert bad.exit_code != 0 and "not an http(s) URL" in bad.output
