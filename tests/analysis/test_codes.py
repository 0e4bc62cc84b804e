import pytest

from sdg_analysis import codes


@pytest.mark.parametrize(
    "raw, expected",
    [("8", "8"), (8, "8"), ("8.7", "8.7"), ("8.A", "8.a"), ("SDG 16", "16"), ("Target 8.10", "8.10"), ("16.2.2", "16.2.2")],
)
def test_normalise(raw, expected):
    assert codes.normalise(raw) == expected


@pytest.mark.parametrize("raw", [8.1, True, "18", "8.", "eight", "8.7.1.2", [8], "08"])
def test_normalise_refuses(raw):
    with pytest.raises(codes.CodeError):
        codes.normalise(raw)


def test_float_refusal_says_to_write_strings():
    with pytest.raises(codes.CodeError, match="write codes as strings, in quotes"):
        codes.normalise(8.1)


def test_kinds_and_parents():
    assert codes.kind_of("8") == "goal"
    assert codes.kind_of("8.a") == "target"
    assert codes.kind_of("16.2.2") == "indicator"
    assert codes.goal_of("16.2.2") == "16"
    assert codes.target_of("16.2.2") == "16.2"
    assert codes.target_of("16") is None
    assert codes.parent_of("16.2") == "16"


def test_ordering_is_the_un_order():
    assert codes.sorted_codes(["8.a", "8.10", "8.2", "10", "8", "9.1"]) == ["8", "8.2", "8.10", "8.a", "9.1", "10"]


def test_slugs_round_trip():
    assert codes.slug_for("16.2.2") == "16-2-2"
    assert codes.code_from_slug(codes.slug_for("8.a")) == "8.a"
