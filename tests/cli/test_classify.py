"""sdg-portal classify: JSON Lines in, one {"id", "goals", "targets"} per line out, in order."""

import json

from sdg_portal.cli import main

LINES = [
    {"id": "a", "text": "Inspectors found forced labour and child labour on cocoa farms."},
    {"id": 2, "text": "Solar mini-grids brought electricity to 120 villages never connected to the grid."},
    {"id": "c", "text": "The council met on Tuesday and adjourned."},
]


def run(runner, lines):
    return runner.invoke(main, ["classify"], input="".join(line + "\n" for line in lines))


def test_one_output_line_per_input_line_in_order(runner):
    result = run(runner, [json.dumps(item) for item in LINES])
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c"]
    assert set(out[0]) == {"id", "goals", "targets"}
    assert 8 in out[0]["goals"] and "8.7" in out[0]["targets"]
    assert out[1]["goals"] == [7] and "7.1" in out[1]["targets"]
    assert out[2] == {"id": "c", "goals": [], "targets": []}
    assert all(isinstance(g, int) for o in out for g in o["goals"])
    assert all(isinstance(t, str) for o in out for t in o["targets"])


def test_bad_lines_are_named_and_the_rest_goes_on(runner):
    lines = [json.dumps(LINES[0]), "{not json", json.dumps({"id": 5}), json.dumps(["x"]), json.dumps(LINES[1])]
    result = run(runner, lines)
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", 2]
    errors = result.stderr.splitlines()
    assert errors[0].startswith("stdin:2: error: not JSON")
    assert errors[1].startswith('stdin:3: error: missing "text"')
    assert errors[2].startswith("stdin:4: error: expected an object")
    assert len(errors) == 3


def test_blank_lines_are_skipped_without_error(runner):
    result = run(runner, ["", json.dumps(LINES[2]), "   "])
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["c"]
