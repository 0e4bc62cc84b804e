"""Bad input: each case gets a clear message naming the file (and line), the rest of
the build goes on and every publishable article is published; strict mode fails.

One site is built from good articles plus one file per bad case, written here.
"""

import logging
from pathlib import Path

import pytest

from sdg_portal.content import SdgContentError
from support import build_site, soup_of

GOOD = ["good-one", "good-two", "good-three"]

FRONT = "---\ntitle: {title}\ndate: 2025-03-0{day}\nsource:\n  name: Wire\n  url: https://example.org/news\nsummary: A summary.\ntags: [test]\n{extra}---\n\n{body}\n"
BODY = "Police freed workers held in forced labour on fishing boats, and a court convicted the traffickers."


def article(title, day=1, extra="", body=BODY) -> str:
    return FRONT.format(title=title, day=day, extra=extra, body=body)


CASES = {
    # name: (file bytes, expected message fragment, line or None, published?)
    "malformed-yaml": (b"---\ntitle: [unclosed\ndate: 2025-03-01\n---\n\nBody.\n", "malformed YAML front matter", 3, False),
    "unknown-code": (article("Unknown code", extra='sdg:\n  goals: [16]\n  targets: ["16.2", "16.11"]\n').encode(),
                     "16.11 is not a target of goal 16; did you mean 16.1 or 16.10?", 11, True),
    "float-code": (article("Float code", extra="sdg:\n  goals: [8]\n  targets: [8.10]\n").encode(),
                   "8.10 is written as a YAML number and reads as 8.1", 11, True),
    "target-without-goal": (article("Target without goal", extra='sdg:\n  targets: ["14.1"]\n').encode(),
                            "target 14.1 is listed without its goal 14; goal 14 added", 10, True),
    "unknown-key": (article("Unknown key", extra="autor: Someone\n").encode(), "unknown key autor; did you mean author?", 9, True),
    "missing-title": (b"---\ndate: 2025-03-01\n---\n\nBody.\n", "missing title", None, False),
    "missing-date": (b"---\ntitle: No date\n---\n\nBody.\n", "missing date", None, False),
    "future-date": (article("Future date").replace("2025-03-01", "2099-01-01").encode(), "date 2099-01-01 is in the future", 3, True),
    "empty-body": (article("Empty body", body="").encode(), "the article has no body text", None, True),
    "not-utf8": (article("Not UTF-8 caf\xe9").encode("latin-1"), "the file is not UTF-8 text", 2, False),
    "empty-file": (b"", "the file is empty", None, False),
    "bad-source-url": (article("Bad source").replace("https://example.org/news", "javascript:alert(1)").encode(),
                       "source.url 'javascript:alert(1)' is not an http(s) URL", 6, True),
    "too-large": (article("Too large", body=BODY + "\n\n" + "More words here. " * 400).encode(), "over the limit of", None, True),
    "bad-status": (article("Bad status", extra="status: publish\n").encode(),
                   "status 'publish' must be one of published, draft, hidden; the article is not published", 9, False),
    "bad-date": (article("Bad date").replace("2025-03-01", "last week").encode(), "date 'last week' is not a date", 3, False),
    "bad-modified": (article("Bad modified", extra="modified: last week\n").encode(), "modified 'last week' is not a date", 9, True),
    "duplicate-slug": (article("Good one again", day=5, extra="slug: good-one\n").encode(), "slug 'good-one' is also used by", None, True),
}


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    content = tmp_path_factory.mktemp("bad-content")
    (content / "articles").mkdir()
    for i, slug in enumerate(GOOD, start=1):
        (content / "articles" / f"{slug}.md").write_text(article(slug.replace("-", " ").capitalize(), day=i))
    for name, (data, *_rest) in CASES.items():
        (content / "articles" / f"{name}.md").write_bytes(data)
    (content / "articles" / "a-draft.md").write_text(article("A draft", extra="status: draft\n"))
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Collect(level=logging.WARNING)
    logging.getLogger().addHandler(handler)
    try:
        out = build_site(content, tmp_path_factory.mktemp("bad-out"), SDG_MAX_FILE_SIZE=3000, SDG_AUTO_ANALYSIS=True)
    finally:
        logging.getLogger().removeHandler(handler)
    return content, out, records


def published_titles(out: Path) -> set[str]:
    return {soup_of(p).h1.get_text() for p in out.glob("articles/*/*/index.html")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_case_is_reported_with_file_and_line(bad_site, name):
    content, _out, records = bad_site
    _data, fragment, line, _published = CASES[name]
    path = str(content / "articles" / f"{name}.md")
    where = f"{path}:{line}:" if line else f"{path}"
    matching = [m for m in records if m.startswith(where) and fragment in m]
    assert matching, (where, fragment, [m for m in records if name in m])


def test_every_publishable_article_is_published(bad_site):
    _content, out, _records = bad_site
    titles = published_titles(out)
    assert {"Good one", "Good two", "Good three"} <= titles
    for name, (_data, _fragment, _line, published) in CASES.items():
        if published and name not in ("duplicate-slug", "future-date", "empty-body"):
            assert any(name.split("-")[0].lower() in t.lower() for t in titles), name
    # both articles titled "Good one" are there, the second under its own URL
    assert len(list(out.glob("articles/2025/good-one*/index.html"))) == 2
    assert "Future date" in titles and "Empty body" in titles


def test_refused_files_are_counted_and_drafts_still_build(bad_site):
    _content, out, _records = bad_site
    assert (out / "drafts" / "a-draft.html").exists()
    assert "drafts/" not in (out / "sitemap.xml").read_text()  # drafts are not for search engines
    for name in ("bad-status", "bad-date", "malformed-yaml", "not-utf8", "empty-file", "missing-title"):
        assert not list(out.glob(f"articles/*/{name}/index.html")), name


def test_valid_part_of_a_bad_sdg_block_is_kept(bad_site):
    _content, out, _records = bad_site
    page = soup_of(out / "articles" / "2025" / "unknown-code" / "index.html")
    targets = [a.get_text() for a in page.select(".sdg-targets .sdg-code")]
    assert "Target 16.2" in targets and "Target 16.11" not in targets
    page = soup_of(out / "articles" / "2025" / "float-code" / "index.html")
    assert "Target 8.10" in [a.get_text() for a in page.select(".sdg-targets .sdg-code")]


def test_bad_source_url_never_reaches_an_href(bad_site):
    _content, out, _records = bad_site
    html = (out / "articles" / "2025" / "bad-source-url" / "index.html").read_text()
    assert "javascript:" not in html


def test_too_large_article_is_published_without_automatic_analysis(bad_site):
    _content, out, _records = bad_site
    page = soup_of(out / "articles" / "2025" / "too-large" / "index.html")
    assert not page.select(".sdg-origin-analyser")
    good = soup_of(out / "articles" / "2025" / "good-two" / "index.html")
    assert good.select(".sdg-analysis")


def test_strict_mode_fails_the_build(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "ok.md").write_text(article("Fine"))
    (content / "articles" / "bad.md").write_bytes(CASES["unknown-code"][0])
    with pytest.raises(SdgContentError, match="16.11 is not a target"):
        build_site(content, tmp_path / "out", SDG_STRICT=True)


@pytest.mark.parametrize("case", ["malformed-yaml", "bad-status", "bad-date"])
def test_strict_mode_fails_on_a_refused_file_too(tmp_path, case):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "ok.md").write_text(article("Fine"))
    (content / "articles" / "broken.md").write_bytes(CASES[case][0])
    with pytest.raises(SdgContentError, match="broken.md"):
        build_site(content, tmp_path / "out", SDG_STRICT=True)
