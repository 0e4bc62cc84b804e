import json

from sdg_portal.cli import main


def test_words_find_every_title_holding_them(runner):
    result = runner.invoke(main, ["codes", "--format", "json", "trafficking"])
    codes = [row["code"] for row in json.loads(result.stdout)]
    for code in ["5.2", "8.7", "16.2", "16.2.2"]:
        assert code in codes
    assert codes == sorted(codes, key=lambda c: [int(p) if p.isdigit() else 100 + ord(p) for p in c.split(".")])


def test_several_words_must_all_match(runner):
    result = runner.invoke(main, ["codes", "--format", "json", "human trafficking"])
    assert [row["code"] for row in json.loads(result.stdout)] == ["8.7", "16.2.2"]


def test_a_code_shows_itself_and_its_children(runner):
    result = runner.invoke(main, ["codes", "16.2"])
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["16.2", "16.2.1", "16.2.2", "16.2.3"]
    assert "End abuse, exploitation, trafficking" in lines[0]


def test_nothing_found_exits_one(runner):
    result = runner.invoke(main, ["codes", "xylophone"])
    assert result.exit_code == 1
