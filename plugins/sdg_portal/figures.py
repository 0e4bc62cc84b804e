"""The figures listed on goal, target and indicator pages, kept packed to the end of
the build.

Every figure the analysis tied to a code is listed on that code's page under the
article that reports it, with its sentence, and the latest three on the goal's
page. A build holds them from its SDG context until those pages are written: as
objects (the figure, its evidence and sentence) that was 9 kB per article, the
largest thing the portal keeps beyond what Pelican does (90 MiB at 10,000 articles).
Here each article's figures are one compressed pickle of plain rows (about 1 kB),
with, per code, the positions of its figures in them; a page unpacks the rows of
the articles it lists (about 20 µs each), and the rows of the last
:attr:`FigureListing.UNPACKED` articles unpacked are kept: a target's pages and then
its indicators' list the same articles (at 10,000 articles, 61,801 unpackings with
the last one kept, 14,868 with 1,024).

Templates read ``sdg_figures`` (a mapping: code -> the figures listed under it,
newest article first) and ``sdg_article_figures(code, article)`` (those ``article``
reports for ``code``, in the article's order). Each is a :class:`ListedFigure`.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence

from sdg_analysis.anchors import AnchorIds, anchor_id
from sdg_analysis.codes import slug_for
from sdg_analysis.model import Figure

# what a listing has of a figure: the figure's fields, its evidence as the sentence
FIELDS = tuple(f for f in Figure.__slots__ if f != "evidence")


class ListedFigure:
    """A figure as listed: the fields of :class:`sdg_analysis.Figure` but its
    evidence, the ``sentence`` it was read in (``None`` for an editor's figure
    without one), the ``code`` it is listed under (its indicator, or its target when
    no indicator fits), its ``article`` and the ``anchor`` a listing links to (the
    sentence in the body, or else the figure's entry in the article's analysis).
    ``ref.figure`` is the listed figure itself, for templates written for both."""

    __slots__ = ("code", "article", *FIELDS, "sentence", "anchor")

    def __init__(self, article, row: tuple):
        self.article = article
        for name, value in zip(self.__slots__[2:], row[1:]):
            setattr(self, name, value)
        self.code = row[0]

    @property
    def figure(self) -> ListedFigure:
        return self

    @property
    def href(self) -> str:
        return f"{self.article.url}#{self.anchor}"


def _row(code: str, fig, placed: AnchorIds) -> tuple:
    evidence = fig.evidence
    if evidence is not None and anchor_id(evidence) in placed:
        anchor = anchor_id(evidence)
    else:
        anchor = f"sdg-{'indicator' if fig.indicator else 'target'}-{slug_for(code)}"
    return (code, *(getattr(fig, f) for f in FIELDS), fig.sentence, anchor)


def packed_rows(figures: Iterable, placed: AnchorIds) -> tuple[bytes, tuple] | None:
    """The rows of the figures tied to a code (``placed``: the anchors in the article's
    body), as a :class:`FigureListing` keeps them: their compressed pickle (about
    1 kB an article) and the code of each row; None when there are none."""
    rows = [_row(fig.indicator or fig.target, fig, placed) for fig in figures if fig.indicator or fig.target]
    if not rows:
        return None
    return zlib.compress(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL), 1), tuple(row[0] for row in rows)


class CodeFigures(Sequence):
    """The figures listed under one code, newest article first."""

    __slots__ = ("_listing", "_articles", "_rows")

    def __init__(self, listing: FigureListing, articles: array, rows: array):
        self._listing, self._articles, self._rows = listing, articles, rows

    def __len__(self) -> int:
        return len(self._articles)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self._listing.listed(self._articles[i], self._rows[i])


class FigureListing(Mapping):
    """Every figure listed, by code (``sdg_figures``) and by article
    (:meth:`of`, ``sdg_article_figures``). Articles are added newest first."""

    UNPACKED = 1024  # articles whose rows stay unpacked, the last used (a few MiB)

    def __init__(self):
        self._articles: list = []  # the articles with figures listed, as added
        self._packs: list[bytes] = []  # their rows, pickled and compressed
        self._codes: list[tuple] = []  # the codes each article's figures are listed under
        self._index: dict[int, int] = {}  # id(article) -> its position
        self._by_code: dict[str, tuple[array, array]] = {}  # code -> (articles, rows)
        self._unpacked: OrderedDict[int, list] = OrderedDict()  # position -> rows, least recently used first

    def add(self, article, figures: Iterable, placed: AnchorIds) -> None:
        """The figures of ``article`` tied to a code, ``placed`` the anchors in its body."""
        self.add_packed(article, packed_rows(figures, placed))

    def add_packed(self, article, packed: tuple[bytes, tuple] | None) -> None:
        """The figures of ``article`` as :func:`packed_rows` gave them (made where the
        article was analysed, :attr:`sdg_analysis.model.Packed.listed`)."""
        if packed is None or id(article) in self._index:
            return
        data, row_codes = packed
        n = len(self._articles)
        self._index[id(article)] = n
        self._articles.append(article)
        self._packs.append(data)
        self._codes.append(tuple(dict.fromkeys(row_codes)))
        for i, code in enumerate(row_codes):
            articles, positions = self._by_code.setdefault(code, (array("I"), array("I")))
            articles.append(n)
            positions.append(i)

    def _rows(self, n: int) -> list:
        rows = self._unpacked.get(n)
        if rows is not None:
            self._unpacked.move_to_end(n)
            return rows
        rows = self._unpacked[n] = pickle.loads(zlib.decompress(self._packs[n]))
        if len(self._unpacked) > self.UNPACKED:
            self._unpacked.popitem(last=False)
        return rows

    def listed(self, n: int, i: int) -> ListedFigure:
        """Figure ``i`` of article ``n`` (positions as added)."""
        return ListedFigure(self._articles[n], self._rows(n)[i])

    def of(self, code: str, article) -> list[ListedFigure]:
        """The figures ``article`` reports for ``code``, in the article's order."""
        n = self._index.get(id(article))
        if n is None or code not in self._codes[n]:
            return []
        return [ListedFigure(article, row) for row in self._rows(n) if row[0] == code]

    def __getitem__(self, code: str) -> CodeFigures:
        articles, rows = self._by_code[code]
        return CodeFigures(self, articles, rows)

    def __iter__(self):
        return iter(self._by_code)

    def __len__(self) -> int:
        return len(self._by_code)
