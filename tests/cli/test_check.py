"""sdg-portal check: the build's checks without building, as path:line: severity: message."""

import json

from sdg_portal.cli import main

GOOD = "---\ntitle: Fine\ndate: 2025-01-02\nsource:\n  name: W\n  url: https://example.org\nsummary: S.\ntags: [x]\n---\n\nBody text.\n"


def write(tmp_path, name, text, binary=False):
    path = tmp_path / "content" / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if binary else path.write_text)(text)
    return path


def test_clean_content_exits_zero(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.md", GOOD)
    result = runner.invoke(main, ["check", "content"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "1 file(s) checked: 0 error(s), 0 warning(s)" in result.stderr


def test_errors_are_listed_with_lines_and_exit_one(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, "b.md", GOOD.replace("tags: [x]\n", 'tags: [x]\nsdg:\n  targets: ["16.11"]\n'))
    write(tmp_path, "c.md", "---\ntitle: [oops\n---\n\nx\n")
    write(tmp_path, "d.md", GOOD.replace("title: Fine", "title: Fine\ntitel: typo"))
    result = runner.invoke(main, ["check", "content"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "content/articles/b.md:10: error: 16.11 is not a target of goal 16; did you mean 16.1 or 16.10?" in lines
    assert any(line.startswith("content/articles/c.md:3: error: malformed YAML front matter") for line in lines)
    assert "content/articles/d.md:3: error: unknown key titel; did you mean title?" in lines


def test_warnings_alone_pass_unless_strict(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.md", GOOD.replace("2025-01-02", "2099-01-02"))
    assert runner.invoke(main, ["check", "content"]).exit_code == 0
    result = runner.invoke(main, ["check", "--strict", "content"])
    assert result.exit_code == 1
    assert "warning: date 2099-01-02 is in the future" in result.stdout


def test_json_output(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "bad.md", b"caf\xe9", binary=True)
    result = runner.invoke(main, ["check", "--format", "json", "content"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 1 and report["files"] == 1
    (problem,) = report["problems"]
    assert problem["path"] == "content/articles/bad.md" and problem["severity"] == "error"
    assert "not UTF-8" in problem["message"]


def test_two_articles_with_the_same_url(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_SAVE_AS = "articles/{date:%Y}/{slug}/index.html"\nSLUGIFY_SOURCE = "basename"\n'
    )
    write(tmp_path, "one/story.md", GOOD)
    write(tmp_path, "two/story.md", GOOD)
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0  # a warning: the build publishes the newer one under another slug
    assert runner.invoke(main, ["check", "--strict"]).exit_code == 1
    assert (
        "content/articles/two/story.md: warning: this article would be written to "
        "articles/2025/story/index.html, like content/articles/one/story.md" in result.stdout
    )


def test_bundled_content_is_clean(runner, root, monkeypatch):
    monkeypatch.chdir(root)
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0, result.stdout
