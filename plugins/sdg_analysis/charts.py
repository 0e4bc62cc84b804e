"""Geometry of the portal's small inline SVG charts, computed once per site build.

Templates draw the shapes; this module only does the arithmetic, so charts are
testable without a browser and cost nothing per page beyond the drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
MONTH_NAMES = (
    "January February March April May June July August September October November December".split()
)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str  # "March 2025"
    tick: str | None  # year shown under January (and the first bar)


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    width: float
    height: float
    plot_height: float
    maximum: int
    total: int


def timeline(months: list[tuple[int, int]], counts: dict, *, bar_width: float = 10, gap: float = 2,
             plot_height: float = 80, label_height: float = 16) -> Timeline:
    """A bar per month of ``months`` with the count from ``counts[(year, month)]``."""
    maximum = max((counts.get(m, 0) for m in months), default=0)
    bars = []
    for i, (year, month) in enumerate(months):
        n = counts.get((year, month), 0)
        h = 0.0 if maximum == 0 else round(plot_height * n / maximum, 2)
        bars.append(
            Bar(
                x=i * (bar_width + gap),
                y=round(plot_height - h, 2),
                width=bar_width,
                height=h,
                count=n,
                label=f"{MONTH_NAMES[month - 1]} {year}",
                tick=str(year) if month == 1 or i == 0 else None,
            )
        )
    width = max(len(months) * (bar_width + gap) - gap, bar_width)
    return Timeline(bars, width, plot_height + label_height, plot_height, maximum, sum(b.count for b in bars))


@dataclass(frozen=True)
class Cell:
    row: str
    col: str
    x: float
    y: float
    count: int
    opacity: float  # 0..1, share of the largest off-diagonal count


@dataclass(frozen=True)
class Matrix:
    codes: list[str]
    cells: list[Cell]
    size: float  # cell size
    offset: float  # room for the row and column labels
    width: float
    maximum: int

    def count(self, row: str, col: str) -> int:
        for cell in self.cells:
            if cell.row == row and cell.col == col:
                return cell.count
        return 0

    def rows(self) -> list[tuple[str, list[Cell]]]:
        n = len(self.codes)
        return [(code, self.cells[i * n : (i + 1) * n]) for i, code in enumerate(self.codes)]


def matrix(codes: list[str], pairs: dict[tuple[str, str], int], *, size: float = 24, offset: float = 28) -> Matrix:
    """A cell per pair of ``codes``; the diagonal holds each goal's own article count."""
    maximum = max((n for (a, b), n in pairs.items() if a != b), default=0)
    cells = []
    for r, row in enumerate(codes):
        for c, col in enumerate(codes):
            n = pairs.get((row, col), 0)
            opacity = 0.0 if row == col or maximum == 0 else round(0.15 + 0.85 * n / maximum, 3) if n else 0.0
            cells.append(Cell(row, col, offset + c * size, offset + r * size, n, opacity))
    return Matrix(codes, cells, size, offset, offset + len(codes) * size, maximum)
