from sdg_analysis.text import markdown_to_text, plain_text, split_sentences


def test_plain_text_keeps_paragraphs_and_decodes_entities():
    html = "<h2>Title</h2><p>First &amp; <em>only</em>\nline.</p><script>x()</script><p>Next.</p>"
    assert plain_text(html) == "Title\n\nFirst & only line.\n\nNext."


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
