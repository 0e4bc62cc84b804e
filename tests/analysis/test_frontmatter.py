"""The editor's sdg: block: valid input kept, every problem named with key and line."""

import textwrap

import yaml

from sdg_analysis.frontmatter import parse_frontmatter


def parse(header: str, path="content/a.md"):
    header = textwrap.dedent(header)
    return parse_frontmatter(yaml.safe_load(header), header=header, header_line=2, path=path)


def messages(problems):
    return [p.format() for p in problems]


def test_valid_block():
    editor, problems = parse(
        """\
        title: x
        sdg:
          goals: [8, 16, 17]
          targets: ["8.7", "16.2", "16.3", "16.a", "17.17"]
          indicators: ["16.2.2"]
          notes: Curated.
        """
    )
    assert problems == []
    assert editor.goals == ["8", "16", "17"]
    assert editor.targets == ["8.7", "16.2", "16.3", "16.a", "17.17"]
    assert editor.indicators == ["16.2.2"]
    assert editor.notes == "Curated."
    assert editor.auto is True


def test_no_block_is_empty_and_silent():
    editor, problems = parse_frontmatter({"title": "x"})
    assert not editor and problems == []


def test_unknown_target_suggests_neighbours_with_line():
    editor, problems = parse(
        """\
        title: x
        sdg:
          goals: [16]
          targets:
            - "16.1"
            - "16.11"
        """
    )
    assert editor.targets == ["16.1"]
    assert messages(problems) == [
        "content/a.md:7: error: 16.11 is not a target of goal 16; did you mean 16.1 or 16.10?"
    ]


def test_yaml_number_that_loses_a_digit_is_recovered_and_reported():
    editor, problems = parse(
        """\
        sdg:
          goals: [8]
          targets: [8.10, 8.7]
        """
    )
    assert editor.targets == ["8.7", "8.10"]
    assert len(problems) == 1
    assert problems[0].line == 4
    assert "8.10 is written as a YAML number and reads as 8.1" in problems[0].message


def test_unknown_goal_and_unknown_key():
    editor, problems = parse(
        """\
        sdg:
          goals: [18, 3]
          target: ["3.1"]
        """
    )
    assert editor.goals == ["3"]
    text = messages(problems)
    assert "content/a.md:3: error: 18 is not a goal; goals are numbered 1 to 17" in text
    assert "content/a.md:4: error: unknown key sdg.target; did you mean targets?" in text


def test_target_without_its_goal_adds_the_goal_with_a_warning():
    editor, problems = parse(
        """\
        sdg:
          targets: ["14.1"]
        """
    )
    assert editor.goals == ["14"]
    assert [p.severity for p in problems] == ["warning"]
    assert "goal 14 added" in problems[0].message


def test_indicator_implies_its_target():
    editor, _ = parse(
        """\
        sdg:
          goals: [16]
          indicators: ["16.2.2"]
        """
    )
    assert editor.targets == ["16.2"]


def test_exclude_and_auto_false():
    editor, problems = parse(
        """\
        sdg:
          exclude: ["4", "8.5"]
          auto: false
        """
    )
    assert problems == []
    assert editor.exclude == ["4", "8.5"] and editor.auto is False


def test_bad_types():
    _, problems = parse(
        """\
        sdg:
          auto: sometimes
          notes: [a, b]
        """
    )
    assert {p.key for p in problems} == {"sdg.auto", "sdg.notes"}
    assert all(p.severity == "error" for p in problems)


def test_block_not_a_mapping():
    editor, problems = parse("sdg: [8, 16]\n")
    assert not editor
    assert "must be a mapping" in problems[0].message


def test_indicator_that_does_not_exist_names_its_target():
    _, problems = parse(
        """\
        sdg:
          indicators: ["16.2.5"]
        """
    )
    assert problems[0].message.startswith("16.2.5 is not an indicator of target 16.2; did you mean")
