"""Evidence anchors are placed where the sentence starts in the body HTML."""

from sdg_analysis.anchors import AnchorIds, add_anchors, anchor_id, locate
from sdg_analysis.model import Evidence


def ev(sentence, start):
    return Evidence(sentence, start, start + len(sentence))


def test_anchor_goes_before_the_sentence_even_across_markup_and_entities():
    html = "<p>Intro text. Officers <em>freed</em> 42 workers &amp; crew held on boats.</p><p>Next one here.</p>"
    out, placed = add_anchors(html, [ev("Officers freed 42 workers & crew held on boats.", 13), ev("Next one here.", 60)])
    assert placed == {"ev-13", "ev-60"}
    assert '<span id="ev-13" class="sdg-anchor"></span>Officers <em>freed</em>' in out
    assert '<p><span id="ev-60" class="sdg-anchor"></span>Next one here.' in out


def test_a_word_inside_another_word_is_not_a_start():
    html = "<p>Unemployment rose. Employment fell sharply in May.</p>"
    assert locate(html, "Employment fell sharply in May.") == html.index("Employment fell")


def test_a_sentence_not_in_the_body_gets_no_anchor():
    out, placed = add_anchors("<p>Body only here.</p>", [ev("The headline of the piece", 0)])
    assert placed == set() and out == "<p>Body only here.</p>"


def test_repeated_sentences_are_anchored_in_order():
    html = "<p>Same words again here.</p><p>Other.</p><p>Same words again here.</p>"
    out, placed = add_anchors(html, [ev("Same words again here.", 0), ev("Same words again here.", 40)])
    assert out.index('id="ev-0"') < out.index("Other.") < out.index('id="ev-40"')


def test_the_ids_placed_are_a_set_of_the_ids_anchor_id_makes():
    placed = AnchorIds([600, 0, 42])
    assert placed == {"ev-0", "ev-42", "ev-600"} and len(placed) == 3
    assert list(placed) == ["ev-0", "ev-42", "ev-600"]
    assert anchor_id(ev("Some sentence here.", 42)) in placed
    for absent in ("ev-43", "ev-042", "ev-+42", "ev- 42", "ev-4_2", "ev-", "ev-4x", "ev-\u00b2", "42", 42, None, "sdg-goal-1"):
        assert absent not in placed, absent
    assert not AnchorIds() and "ev-0" not in AnchorIds()


def test_the_sentence_is_found_after_false_starts_and_across_line_breaks():
    # "Police" starts three places: inside a longer word (not a start), in another
    # sentence, and where the sentence is, broken across lines as Markdown keeps it
    html = (
        "<p>Policemen came. Police said little.</p>\n"
        "<p>Police rescued 12\nchildren from a farm &amp; a mill.</p>"
    )
    at = locate(html, "Police rescued 12 children from a farm & a mill.")
    assert at == html.index("Police rescued")
    # written as it stands (escaped), found at once; searching from past it, not found
    plain = "<p>Police said little. Police rescued 12 children.</p>"
    assert locate(plain, "Police rescued 12 children.") == plain.index("Police rescued")
    assert locate(plain, "Police rescued 12 children.", plain.index("rescued")) == -1


def _reference_locate(html, sentence, start=0):
    """The rule, checked at every candidate: the text after it, tags dropped, entities
    decoded and whitespace squeezed, starts with the sentence's first six words."""
    import html as _html
    import re

    words = sentence.split()[:6]
    if len(words) < 2:
        return -1
    wanted = "".join("".join(words).split())
    first = _html.escape(words[0], quote=False)
    i = html.find(first, start)
    while i != -1:
        if i == 0 or html[i - 1] in " \t\r\n>(\"'“‘":
            following = re.sub(r"\s+", "", _html.unescape(re.sub(r"<[^>]*>", "", html[i : i + len(" ".join(words)) * 3 + 120])))
            if following.startswith(wanted):
                return i
        i = html.find(first, i + 1)
    return -1


def test_sentences_across_line_breaks_markup_and_entities_are_found_where_the_rule_finds_them():
    html = (
        "<p>The council met.\nThe council approved\nthe budget of 40 million on Tuesday.</p>\n"
        "<p>Police freed 42 workers\nfrom <em>three</em> boats &amp; two farms.\nThe council said more.</p>"
    )
    sentences = [
        "The council approved the budget of 40 million on Tuesday.",
        "Police freed 42 workers from three boats & two farms.",
        "The council said more.",
        "The headline that is nowhere in the body.",
        "The council met.",
    ]
    for sentence in sentences:
        for start in (0, 20, html.index("Police")):
            assert locate(html, sentence, start) == _reference_locate(html, sentence, start), (sentence, start)
    assert locate(html, sentences[0]) == html.index("The council approved")  # across two line breaks
    assert locate(html, sentences[3]) == -1


def test_a_sentence_before_those_placed_is_anchored_where_it_stands():
    html = "<p>First point made here.</p><p>Second point\nmade here.</p>"
    # evidence in the text's order, but the second sentence is found first in the body
    out, placed = add_anchors(html, [ev("Second point made here.", 5), ev("First point made here.", 40)])
    assert placed == {"ev-5", "ev-40"}
    assert out.index('id="ev-40"') < out.index("First point") < out.index('id="ev-5"') < out.index("Second point")
