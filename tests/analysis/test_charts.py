from sdg_analysis import charts


def test_timeline_scales_bars_to_the_busiest_month():
    months = [(2024, 12), (2025, 1), (2025, 2)]
    t = charts.timeline(months, {(2024, 12): 1, (2025, 2): 4}, plot_height=80)
    assert [b.count for b in t.bars] == [1, 0, 4]
    assert [b.height for b in t.bars] == [20.0, 0.0, 80.0]
    assert [b.tick for b in t.bars] == ["2024", "2025", None]
    assert t.bars[2].label == "February 2025"
    assert t.total == 5 and t.maximum == 4


def test_timeline_of_nothing():
    t = charts.timeline([(2025, 1)], {})
    assert t.maximum == 0 and t.bars[0].height == 0


def test_matrix_opacity_follows_counts_and_diagonal_is_plain():
    m = charts.matrix(["1", "2", "3"], {("1", "2"): 4, ("2", "1"): 4, ("1", "3"): 1, ("3", "1"): 1, ("1", "1"): 5})
    assert m.count("1", "2") == 4 and m.count("2", "3") == 0
    cell = {(c.row, c.col): c for c in m.cells}
    assert cell[("1", "2")].opacity == 1.0
    assert 0 < cell[("1", "3")].opacity < 1.0
    assert cell[("1", "1")].opacity == 0.0 and cell[("1", "1")].count == 5
    assert [code for code, _ in m.rows()] == ["1", "2", "3"]
