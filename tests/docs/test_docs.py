"""The documentation builds, and says what the code does.

- ``mkdocs build --strict`` succeeds (no broken link, no missing page) and every
  page under docs/ is in the nav of mkdocs.yml.
- Every front matter key, every key of the ``sdg:`` block and of a figure entry has
  its place in docs/editors/front-matter.md.
- Every ``SDG_*`` setting has a heading in docs/reference/settings.md, with its real
  default; every ``sdg-portal`` command and option is in docs/reference/cli.md.
- Every problem the checks can report is listed in docs/editors/problems.md, and
  every message listed there is one the checks can still produce: checked on bad
  inputs built here, and on the message texts written in the checking code itself,
  so that a new check fails this test even before anyone writes a bad input for it.

Messages are compared by shape: problems.md lists each message as a heading with its
changing parts written as placeholders, ``date <value> is not a date; ...``; a
placeholder stands for any text. A closing "; did you mean ...?" is optional.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
TODAY = dt.date(2025, 6, 1)


def headings(page: Path, level: int | None = None) -> list[str]:
    """Heading texts of a Markdown page (outside code blocks), backticks removed."""
    out, fenced = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        m = re.match(r"^(#{1,6})\s+(.*?)\s*$", line)
        if m and not fenced and (level is None or len(m.group(1)) == level):
            out.append(m.group(2))
    return out


def plain(heading: str) -> str:
    return heading.replace("`", "").strip()


def section(page: Path, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    lines = page.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(#{1,6})\s+(.*?)\s*$", line)
        if m and plain(m.group(2)) == heading:
            level = len(m.group(1))
            body = []
            for nxt in lines[i + 1 :]:
                n = re.match(r"^(#{1,6})\s", nxt)
                if n and len(n.group(1)) <= level:
                    break
                body.append(nxt)
            return "\n".join(body)
    raise AssertionError(f"no heading {heading!r} in {page.relative_to(ROOT)}")


# -- the site -------------------------------------------------------------------


def test_mkdocs_builds_strict(tmp_path):
    # not --quiet: it hides the warnings that --strict counts (a link to a missing
    # anchor passed with it)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert (tmp_path / "site" / "editors" / "problems" / "index.html").exists()


def _nav_pages(items) -> set[str]:
    pages = set()
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            pages |= _nav_pages(value)
        elif isinstance(value, str) and not re.match(r"^[a-z]+://", value):
            pages.add(value)
    return pages


def test_every_page_is_in_the_nav():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    in_nav = _nav_pages(config["nav"])
    on_disk = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert not on_disk - in_nav, f"pages missing from the nav of mkdocs.yml: {sorted(on_disk - in_nav)}"


# -- front matter -------------------------------------------------------------


def test_every_front_matter_key_is_documented():
    from sdg_analysis.document import FRONT_MATTER_KEYS
    from sdg_analysis.frontmatter import FIGURE_KEYS, SDG_KEYS

    page = DOCS / "editors" / "front-matter.md"
    documented = {plain(h) for h in headings(page)}
    missing = [k for k in FRONT_MATTER_KEYS if k not in documented]
    missing += [f"sdg.{k}" for k in SDG_KEYS if f"sdg.{k}" not in documented]
    assert not missing, f"keys without a heading in docs/editors/front-matter.md: {missing}"

    figures = section(page, "sdg.figures")
    assert not [k for k in FIGURE_KEYS if f"`{k}`" not in figures], "figure keys missing under sdg.figures"

    known = set(FRONT_MATTER_KEYS) | {f"sdg.{k}" for k in SDG_KEYS}
    keyish = {plain(h) for h in headings(page) if h.startswith("`")}
    assert not keyish - known, f"headings for keys the code does not know: {sorted(keyish - known)}"


# -- settings -------------------------------------------------------------------


def test_every_setting_is_documented_with_its_default():
    from sdg_portal.settings import DEFAULTS

    page = DOCS / "reference" / "settings.md"
    documented = {plain(h) for h in headings(page) if h.startswith("`SDG_")}
    assert not set(DEFAULTS) - documented, f"settings without a heading: {sorted(set(DEFAULTS) - documented)}"
    assert not documented - set(DEFAULTS), f"documented settings that do not exist: {sorted(documented - set(DEFAULTS))}"
    for key, default in DEFAULTS.items():
        m = re.search(r"^Default: `(.*)`\s*$", section(page, key), re.MULTILINE)
        assert m, f"{key}: no 'Default: `...`' line"
        assert ast.literal_eval(m.group(1)) == default, f"{key}: documented default {m.group(1)}, real {default!r}"


# -- command line ---------------------------------------------------------------


def test_every_command_and_option_is_documented():
    from sdg_portal.commands import COMMANDS

    page = DOCS / "reference" / "cli.md"
    documented = {plain(h) for h in headings(page, 2)}
    for command in COMMANDS:
        title = f"sdg-portal {command.name}"
        assert title in documented, f"no heading '## `{title}`' in docs/reference/cli.md"
        text = section(page, title)
        for param in command.params:
            names = [o for o in param.opts if o.startswith("--")] or [param.name.upper()]
            for name in names:
                assert name in text, f"{title}: {name} is not documented"


# -- problems -------------------------------------------------------------------

DID_YOU_MEAN = re.compile(r"; did you mean .*\?$")


def templates() -> list[str]:
    """The messages listed in problems.md: level-3 headings that are one code span."""
    found = [h[1:-1] for h in headings(DOCS / "editors" / "problems.md", 3) if re.fullmatch(r"`[^`]+`", h)]
    assert len(found) > 30, "problems.md should list each message as a heading like ### `the file is empty`"
    return found


def pattern(template: str) -> re.Pattern:
    parts = re.split(r"<[^<>]+>", DID_YOU_MEAN.sub("", template))
    return re.compile("(.+)".join(re.escape(p) for p in parts))


def fm(header: str, body: str = "Forced labour and human trafficking in the region.\n") -> bytes:
    return f"---\n{header}---\n\n{body}".encode()


BASE = "title: A title\ndate: 2025-01-01\n"
BAD_INPUTS: dict[str, bytes] = {
    "empty": b"",
    "not utf-8": fm(BASE, "Caf\u00e9\n").replace("\u00e9".encode(), b"\xe9"),
    "no front matter": b"Just some text.\n",
    "malformed yaml": fm('title: "An unclosed quote\ndate: 2025-01-01\n'),
    "malformed yaml, mapping": fm("title: Floods: 40,000 displaced\ndate: 2025-01-01\n"),
    "front matter is a list": fm("- title\n- date\n"),
    "unknown key": fm(BASE + "titel: typo\nfoo: 1\n"),
    "duplicate key": fm(BASE + "title: Again\n"),
    "missing title": fm("date: 2025-01-01\n"),
    "title not text": fm("title: [a, b]\ndate: 2025-01-01\n"),
    "missing date": fm("title: A title\n"),
    "future date": fm("title: A title\ndate: 2030-01-01\n"),
    "bad date": fm("title: A title\ndate: 21/02/2025\n"),
    "bad modified": fm(BASE + "modified: yesterday\n"),
    "source not a mapping": fm(BASE + "source: IOM\n"),
    "source unknown key": fm(BASE + "source:\n  name: IOM\n  link: https://www.iom.int\n"),
    "bad source url": fm(BASE + "source:\n  name: IOM\n  url: www.iom.int/news\n"),
    "source without name": fm(BASE + "source:\n  url: https://www.iom.int/news\n"),
    "bad image": fm(BASE + "image: ftp://example.org/a.png\n"),
    "bad status": fm(BASE + "status: publish\n"),
    "tags not a list": fm(BASE + "tags: {a: 1}\n"),
    "summary not text": fm(BASE + "summary: [a]\n"),
    "empty body": fm(BASE, ""),
    "oversize": fm(BASE, "x" * 1_100),
    "sdg not a mapping": fm(BASE + "sdg: [8]\n"),
    "sdg unknown key": fm(BASE + "sdg:\n  goal: [8]\n"),
    "unknown goal": fm(BASE + "sdg:\n  goals: [18]\n"),
    "unknown target": fm(BASE + 'sdg:\n  goals: [16]\n  targets: ["16.11"]\n'),
    "target of unknown goal": fm(BASE + 'sdg:\n  targets: ["18.9"]\n'),
    "unknown indicator": fm(BASE + 'sdg:\n  goals: [16]\n  targets: ["16.2"]\n  indicators: ["16.2.9"]\n'),
    "yaml-number code": fm(BASE + "sdg:\n  goals: [8]\n  targets: [8.10]\n"),
    "not a code": fm(BASE + 'sdg:\n  goals: ["eight", yes, [8]]\n'),
    "target without goal": fm(BASE + 'sdg:\n  targets: ["8.7"]\n'),
    "indicator without target": fm(BASE + 'sdg:\n  indicators: ["16.2.2"]\n'),
    "code under the wrong key": fm(BASE + 'sdg:\n  goals: [8, "8.7"]\n'),
    "listed and excluded": fm(BASE + "sdg:\n  goals: [8]\n  exclude: [8]\n"),
    "notes not text": fm(BASE + "sdg:\n  notes: [a]\n"),
    "auto not a boolean": fm(BASE + "sdg:\n  auto: maybe\n"),
    "figures not a list": fm(BASE + "sdg:\n  figures: 3\n"),
    "figure not a mapping": fm(BASE + "sdg:\n  figures: [3]\n"),
    "figure problems": fm(
        BASE + "sdg:\n  figures:\n    - counts: people\n    - value: many\n    - value: 3\n      count: x\n"
        '    - value: 4\n      target: "8"\n'
    ),
}


def produced_messages(tmp_path) -> dict[str, list[str]]:
    """Every message the checks give on BAD_INPUTS, and on what only shows across files."""
    from click.testing import CliRunner
    from sdg_analysis.document import read_document
    from sdg_portal import settings as portal_settings
    from sdg_portal.cli import main
    from sdg_portal.content import deduplicate_slugs

    out: dict[str, list[str]] = {}
    for name, data in BAD_INPUTS.items():
        doc = read_document(data, f"content/articles/2025/{name}.md", today=TODAY, max_bytes=1_000)
        assert doc.problems, f"{name}: no problem reported; BAD_INPUTS is out of date"
        out[name] = [p.message for p in doc.problems]

    # sdg-portal check: two articles with one URL, and a file that cannot be read
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    for name in ("one", "two"):
        (articles / f"{name}.md").write_bytes(fm(BASE + "slug: same\n"))
    result = CliRunner().invoke(main, ["check", "--format", "json", str(articles)])
    out["same url (check)"] = [p["message"] for p in json.loads(result.stdout)["problems"]]
    from sdg_portal.commands.check import check_files

    out["unreadable (check)"] = [p.message for p in check_files([tmp_path / "missing.md"], {})]

    # the build: two articles with one URL
    class Article:
        def __init__(self, slug, source_path, date):
            self.slug, self.source_path, self.date = slug, source_path, date

        @property
        def save_as(self):
            return f"articles/{self.slug}/index.html"

    when = dt.datetime(2025, 1, 1)
    out["same url (build)"] = [p.message for p in deduplicate_slugs([Article("a", "x.md", when), Article("a", "y.md", when)])]

    # the build: the analyser raised on an article
    from sdg_portal.content import analysis_failed

    out["analyser failed"] = [analysis_failed("x.md", "IndexError: list index out of range").message]

    # settings
    messages = []
    for override in (
        {"SDG_RELATED_MAX": "5"},
        {"SDG_GOAL_URL": "goal/"},
        {"SDG_CNAME": "not a host"},
        {"SDG_REQUIRE_SITEURL": True, "SITEURL": ""},
        {"SDG_REQUIRE_SITEURL": True, "SITEURL": "owner.github.io/repo"},
    ):
        with pytest.raises(portal_settings.SettingsError) as exc:
            portal_settings.check(dict(override))
        messages.append(str(exc.value))
    out["settings"] = messages

    # strict mode: the build stops once every problem is reported
    out["strict"] = [strict_message()]
    return out


def strict_message() -> str:
    from sdg_analysis.problems import error
    from sdg_portal.content import SdgContentError, attach_analyses
    from sdg_portal.reader import SdgMarkdownReader

    reader = SdgMarkdownReader.__new__(SdgMarkdownReader)  # no settings needed: only its refusals
    reader.unreadable = [error("the file is empty", path="content/articles/2025/x.md")]

    class Generator:
        settings = {"SDG_STRICT": True, "SDG_ANALYSIS_CACHE": False, "CACHE_PATH": "", "GZIP_CACHE": False}
        articles = translations = drafts = drafts_translations = ()
        readers = type("Readers", (), {"readers": {"md": reader}})()
        context: dict = {}

    with pytest.raises(SdgContentError) as exc:
        attach_analyses(Generator())
    return str(exc.value)


def test_every_problem_is_documented(tmp_path):
    patterns = {t: pattern(t) for t in templates()}
    undocumented = []
    used = set()
    for case, messages in produced_messages(tmp_path).items():
        for message in messages:
            hits = [t for t, p in patterns.items() if p.fullmatch(DID_YOU_MEAN.sub("", message))]
            if not hits:
                undocumented.append(f"{case}: {message}")
            used.update(hits)
    assert not undocumented, "messages missing from docs/editors/problems.md:\n" + "\n".join(undocumented)
    unused = [t for t in patterns if t not in used]
    assert not unused, "problems.md lists messages no check produces (or BAD_INPUTS lacks a case):\n" + "\n".join(unused)


def test_the_message_shapes_tell_messages_apart():
    """A placeholder must not swallow a whole message: each template has words of its own."""
    for template in templates():
        literal = re.sub(r"<[^<>]+>", "", template)
        assert len(re.findall(r"[a-z]{2,}", literal)) >= 2, f"too vague to recognise a message: {template!r}"


#: The modules whose messages an editor (or whoever runs the site) can meet.
CHECKING_CODE = [
    "plugins/sdg_analysis/document.py",
    "plugins/sdg_analysis/frontmatter.py",
    "plugins/sdg_analysis/codes.py",
    "plugins/sdg_portal/commands/check.py",
    "plugins/sdg_portal/content.py",
    "plugins/sdg_portal/settings.py",
    "plugins/sdg_portal/deploy.py",
]


def _is_suggestion(node: ast.AST) -> bool:
    """``did_you_mean(...)``: the optional "; did you mean ...?" ending."""
    if isinstance(node, ast.FormattedValue):
        node = node.value
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "did_you_mean"


def _constants(tree: ast.Module) -> dict[str, tuple[str, ...]]:
    """Module-level tuples of strings, such as ``STATUSES = ("published", ...)``."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
            items = node.value.elts
            if all(isinstance(i, ast.Constant) and isinstance(i.value, str) for i in items):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        out[target.id] = tuple(i.value for i in items)
    return out


def _rendered(node: ast.AST, constants: dict) -> str:
    """A message as written in the code, each computed part as "X" (a join of a
    module's tuple of strings is spelled out, a suggestion left out)."""
    if _is_suggestion(node):
        return ""
    if isinstance(node, ast.FormattedValue):
        call = node.value
        if (
            isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "join"
            and isinstance(call.func.value, ast.Constant) and len(call.args) == 1
            and isinstance(call.args[0], ast.Name) and call.args[0].id in constants
        ):
            return call.func.value.value.join(constants[call.args[0].id])
        return "X"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_rendered(v, constants) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _rendered(node.left, constants) + _rendered(node.right, constants)
    return "X"


def messages_in_code() -> list[tuple[str, str]]:
    """(where, message) for each message the checking code writes: the text given to
    error() / warning() / report(), raised in an ...Error, or returned by a *_message
    function."""
    found = []
    for rel in CHECKING_CODE:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        constants = _constants(tree)
        nodes = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name in ("error", "warning", "report"):
                    args = [a for a in node.args if not (isinstance(a, ast.Constant) and a.value in ("error", "warning"))]
                    nodes += args[:1]
            elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
                func = node.exc.func
                if isinstance(func, ast.Name) and func.id.endswith("Error"):
                    nodes.append(node.exc.args[0])
            elif isinstance(node, ast.FunctionDef) and node.name.endswith("_message"):
                nodes += [r.value for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None]
        for node in nodes:
            text = _rendered(node, constants)
            if len(re.findall(r"[a-z]{2,}", text)) >= 2:  # not "%s", not a bare variable
                found.append((f"{rel}:{node.lineno}", text))
    return found


def test_every_message_in_the_code_is_documented():
    patterns = [pattern(t) for t in templates()]
    found = messages_in_code()
    assert len(found) > 40, "the search for messages in the code finds too few: has the code moved?"
    undocumented = [
        f"{where}: {text}" for where, text in found
        if not any(p.fullmatch(DID_YOU_MEAN.sub("", text)) for p in patterns)
    ]
    assert not undocumented, "messages in the code missing from docs/editors/problems.md:\n" + "\n".join(undocumented)
