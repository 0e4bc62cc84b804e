import random
from pathlib import Path

import markdown
import pytest

from sdg_analysis.text import _plain_text_reference, markdown_to_text, plain_text, split_sentences

ROOT = Path(__file__).resolve().parents[2]


def test_plain_text_keeps_paragraphs_and_decodes_entities():
    html = "<h2>Title</h2><p>First &amp; <em>only</em>\nline.</p><script>x()</script><p>Next.</p>"
    assert plain_text(html) == "Title\n\nFirst & only line.\n\nNext."


# Pieces that meet in every way white space can: runs of spaces, tabs and no-break
# spaces, newlines alone and in runs, other Unicode white space (\u2028, \u2003, \x1c,
# \x85) before and after newlines, entities that decode to white space, comments.
_PIECES = ["a", "b", "x.", " ", "  ", "\t", "\r", "\f", "\v", "\n", "\n\n", "\u00a0", "\u2028", "\u2003",
           "\x1c", "\x85", "<p>", "</p>", "<br>", "&amp;", "&nbsp;", "&#10;", "<!-- c -->"]  # fmt: skip


def test_plain_text_says_what_the_plain_reference_says_on_any_white_space():
    # plain_text is written for speed (patterns the engine can skip to, steps skipped
    # when they would change nothing); _plain_text_reference says the same plainly.
    rng = random.Random(8)
    for _ in range(20_000):
        html = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 16)))
        assert plain_text(html) == _plain_text_reference(html), repr(html)


@pytest.mark.parametrize(
    "html, text",
    [
        ("<p>One  two\tthree\u00a0four</p>", "One two three four"),
        ("<p>Ends with space \n</p>\n\n<p>Next</p>", "Ends with space\n\nNext"),
        ("<p>Soft\n  wrap</p>", "Soft wrap"),
        ("<p>Before\u2003\n\n\u2003After</p>", "Before\n\nAfter"),
        ("<p>Keeps\u2003\nthis</p>", "Keeps\u2003 this"),
    ],
)
def test_plain_text_white_space(html, text):
    assert plain_text(html) == text


def test_plain_text_of_the_sample_articles_is_unchanged_by_the_fast_path():
    md = markdown.Markdown(extensions=["markdown.extensions.extra"])
    paths = sorted((ROOT / "content" / "articles").glob("*/*.md"))
    assert paths
    for path in paths:
        html = md.reset().convert(path.read_text(encoding="utf-8").split("---\n", 2)[2])
        assert plain_text(html) == _plain_text_reference(html), path.name


def test_sentences_have_offsets_into_the_text():
    text = "Mr. Smith met Dr. Jones in the U.S. on Monday. They signed a deal worth 3.5 million. Then? They left!"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Mr. Smith met Dr. Jones in the U.S. on Monday.",
        "They signed a deal worth 3.5 million.",
        "Then?",
        "They left!",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_paragraph_break_ends_a_sentence():
    text = "A heading without stop\n\nThe body starts here. It goes on."
    assert [s.text for s in split_sentences(text)] == [
        "A heading without stop",
        "The body starts here.",
        "It goes on.",
    ]


def test_markdown_to_text_drops_front_matter_and_markup():
    md = "---\ntitle: x\n---\n\n## Heading\n\nSome **bold** and a [link](http://x.org).\n\n- item one\n"
    assert markdown_to_text(md) == "Heading\n\nSome bold and a link.\n\nitem one"


def test_a_sentence_reads_by_name_and_prints_as_before():
    (s,) = split_sentences("  One sentence here.")
    assert (s.start, s.end, s.text) == (2, 20, "One sentence here.")
    assert repr(s) == "Sentence(start=2, end=20, text='One sentence here.')"
    with pytest.raises(AttributeError):
        s.start = 0


def test_an_abbreviation_is_recognised_each_time_it_is_seen():
    # the answer for a word is kept once found: the second text must split as the first
    text = "We met Dr. Jones. Then the U.S. team left. It rained."
    first = [s.text for s in split_sentences(text)]
    assert first == ["We met Dr. Jones.", "Then the U.S. team left.", "It rained."]
    assert [s.text for s in split_sentences(text)] == first
