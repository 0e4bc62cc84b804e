"""The figures listed on goal, target and indicator pages, held packed per article
(sdg_portal.figures): what a page reads back is what the analysis found."""

from sdg_analysis.anchors import AnchorIds
from sdg_analysis.model import Evidence, Figure
from sdg_portal.figures import FIELDS, FigureListing, ListedFigure


class Article:
    def __init__(self, url):
        self.url = url


def fig(text, *, target, indicator=None, start=None, origin="analyser"):
    evidence = None
    if start is not None:
        evidence = Evidence(f"The sentence with {text}.", start, start + 30, ("word",))
    return Figure(float(len(text)), text, qualifier="about", counts="people", evidence=evidence,
                  target=target, indicator=indicator, origin=origin)


def test_each_code_lists_its_figures_newest_article_first_with_every_field():
    newer, older = Article("a/newer/"), Article("a/older/")
    listing = FigureListing()
    f1 = fig("12", target="8.7", indicator="8.7.1", start=10)
    f2 = fig("40 per cent", target="8.7", start=90)
    f3 = fig("3", target="4.1")  # no evidence: an editor's figure without a sentence
    f4 = fig("7", target="8.7", indicator="8.7.1", start=5)
    untied = fig("9", target=None)
    listing.add(newer, [f1, untied, f2, f3], AnchorIds([10]))
    listing.add(older, [f4], AnchorIds([]))

    assert sorted(listing) == ["4.1", "8.7", "8.7.1"]
    assert listing.get("1.1") is None and "1.1" not in listing
    under = listing["8.7.1"]
    assert len(under) == 2
    assert [(r.text, r.article) for r in under] == [("12", newer), ("7", older)]
    first = under[0]
    assert isinstance(first, ListedFigure) and first.figure is first
    for name in FIELDS:
        assert getattr(first, name) == getattr(f1, name), name
    assert first.sentence == f1.sentence and first.code == "8.7.1"
    # the sentence is anchored in the newer article's body; the older one's is not
    assert first.href == "a/newer/#ev-10"
    assert under[1].href == "a/older/#sdg-indicator-8-7-1"
    assert [r.text for r in under[:1]] == ["12"] and [r.text for r in under[-1:]] == ["7"]
    # a target's figure that fits none of its indicators, with a sentence not anchored
    assert listing["8.7"][0].href == "a/newer/#sdg-target-8-7"
    assert listing["4.1"][0].sentence is None


def test_an_articles_figures_for_a_code_in_its_order():
    article, other = Article("a/x/"), Article("a/y/")
    listing = FigureListing()
    listing.add(article, [fig("1", target="8.7"), fig("2", target="4.1"), fig("3", target="8.7")], AnchorIds())
    assert [r.text for r in listing.of("8.7", article)] == ["1", "3"]
    assert [r.text for r in listing.of("4.1", article)] == ["2"]
    assert listing.of("5.2", article) == [] and listing.of("8.7", other) == []
    # an article added again (listed twice) keeps its first figures
    listing.add(article, [fig("4", target="8.7")], AnchorIds())
    assert [r.text for r in listing.of("8.7", article)] == ["1", "3"]
    assert len(listing["8.7"]) == 2


def test_the_rows_of_the_last_articles_used_stay_unpacked_and_read_the_same(monkeypatch):
    monkeypatch.setattr(FigureListing, "UNPACKED", 2)
    articles = [Article(f"a/{i}/") for i in range(4)]
    listing = FigureListing()
    for i, article in enumerate(articles):
        listing.add(article, [fig(str(i), target="8.7"), fig(f"{i}{i}", target="4.1")], AnchorIds())
    unpacked = []
    real = listing._rows

    def rows(n):
        before = set(listing._unpacked)
        out = real(n)
        if n not in before:
            unpacked.append(n)
        return out

    listing._rows = rows
    seen = [[r.text for r in listing.of(code, a)] for a in articles for code in ("8.7", "4.1")]
    assert seen == [["0"], ["00"], ["1"], ["11"], ["2"], ["22"], ["3"], ["33"]]
    assert unpacked == [0, 1, 2, 3]  # each article once, its second code from the kept rows
    assert len(listing._unpacked) == 2 and list(listing._unpacked) == [2, 3]
    assert [r.text for r in listing.of("8.7", articles[3])] == ["3"] and unpacked == [0, 1, 2, 3]
    assert [r.text for r in listing.of("8.7", articles[0])] == ["0"] and unpacked[-1] == 0  # let go, read again
    assert list(listing._unpacked) == [3, 0]


def test_figures_listed_from_their_packed_rows_are_those_listed_from_the_figures():
    from sdg_analysis import analyse
    from sdg_analysis.anchors import AnchorIds
    from sdg_portal.figures import FigureListing, packed_rows

    analysis = analyse(
        "Police freed 120 victims of human trafficking from a forced labour camp; 14 traffickers were convicted. "
        "The city's new water plant gives 40,000 households safe drinking water."
    )
    assert analysis.figures
    placed = AnchorIds([analysis.figures[0].evidence.start])
    article = object()
    direct, packed = FigureListing(), FigureListing()
    direct.add(article, analysis.figures, placed)
    packed.add_packed(article, packed_rows(analysis.figures, placed))
    assert list(direct) == list(packed) and list(direct)
    for code in direct:
        assert [vars_of(f) for f in direct[code]] == [vars_of(f) for f in packed[code]]
        assert [vars_of(f) for f in direct.of(code, article)] == [vars_of(f) for f in packed.of(code, article)]
    assert packed_rows([], placed) is None


def vars_of(listed):
    return tuple(getattr(listed, name) for name in type(listed).__slots__)
