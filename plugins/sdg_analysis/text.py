"""Article HTML or Markdown to plain text, and plain text to sentences with offsets.

Fast on purpose: a handful of compiled regular expressions, no HTML tree. Block
elements become paragraph breaks so that sentences never run across a heading and
a paragraph; inline markup disappears; entities are decoded. Offsets of evidence
refer to the string :func:`plain_text` returns.
"""

from __future__ import annotations

import html as _html
import re
from typing import NamedTuple

_DROP = re.compile(r"<(script|style|template|svg)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|thead|tbody|tr|td|th|"
    r"caption|br|hr|section|article|aside|header|footer|nav|figure|figcaption|details|summary)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
#: What _SPACES changes (a run of them that is more than one space) holds one of these.
_ODD_SPACES = ("  ", "\t", "\r", "\f", "\v", "\u00a0")
_BREAKS = re.compile(r"\s*\n\s*\n\s*")
# From the first newline of a run of white space holding two: where _BREAKS matches,
# less the white space before that newline (which ends a paragraph: stripped there).
_BREAKS_FROM_NEWLINE = re.compile(r"\n\s*\n\s*")
_LINE = re.compile(r" *\n *")


def plain_text(html: str) -> str:
    """The readable text of an HTML fragment, paragraphs separated by blank lines.

    Runs of spaces and tabs become one space, runs of white space holding two
    newlines or more a paragraph break, and a single newline inside a paragraph
    (a soft wrap) a space. The patterns that do so are written to start with a
    character the regular expression engine can skip to (a newline), or are not run
    on text they would not change: a pattern that may match at any position is tried
    at every one of them, most of the time of this function on article-sized text
    (:func:`_plain_text_reference` is the plain way to say it, for the tests).
    """
    text = _COMMENT.sub(" ", html) if "<!--" in html else html
    text = _DROP.sub(" ", text)
    text = _BLOCK.sub("\n\n", text)
    text = _TAG.sub("", text)
    text = _html.unescape(text)
    if any(odd in text for odd in _ODD_SPACES):
        text = _SPACES.sub(" ", text)
    text = _BREAKS_FROM_NEWLINE.sub("\n\n", text)
    # A paragraph's end is stripped of the white space _BREAKS would have taken with
    # the break; a single newline inside a paragraph is a soft wrap.
    text = "\n\n".join(_LINE.sub(" ", p) if "\n" in p else p for p in map(str.rstrip, text.split("\n\n")))
    return text.strip()


def _plain_text_reference(html: str) -> str:
    """What :func:`plain_text` returns, said plainly (and ten times slower)."""
    text = _COMMENT.sub(" ", html)
    text = _DROP.sub(" ", text)
    text = _BLOCK.sub("\n\n", text)
    text = _TAG.sub("", text)
    text = _html.unescape(text)
    text = _SPACES.sub(" ", text)
    text = _BREAKS.sub("\n\n", text)
    text = "\n\n".join(_LINE.sub(" ", p) for p in text.split("\n\n"))
    return text.strip()


def article_text(title: str, html: str) -> str:
    """The plain text of an article as the analyser reads it: the title, a blank line,
    the body."""
    return f"{title}\n\n{plain_text(html)}" if title else plain_text(html)


_MD_FRONT = re.compile(r"\A\s*---\s*\n.*?\n(?:---|\.\.\.)\s*\n", re.DOTALL)
_MD_CODE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(^|\s)[#>]+\s|[*_`]{1,3}", re.MULTILINE)
_MD_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+", re.MULTILINE)


def markdown_to_text(markdown: str) -> str:
    """Plain text of a Markdown body, without rendering it (for benchmarks and CLI)."""
    text = _MD_FRONT.sub("", markdown)
    text = _MD_CODE.sub(" ", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_LIST.sub("", text)
    text = _MD_MARKS.sub(r"\1", text)
    text = _SPACES.sub(" ", text)
    text = _BREAKS.sub("\n\n", text)
    text = "\n\n".join(_LINE.sub(" ", p) for p in text.split("\n\n"))
    return text.strip()


class Sentence(NamedTuple):
    """A sentence of a text and its offsets: ``text[start:end] == sentence.text``.

    A named tuple rather than a frozen dataclass: an article has some sixty sentences,
    and :func:`split_sentences` makes them with ``tuple.__new__``, without the
    Python-level ``__init__`` (and its ``object.__setattr__`` per field) a frozen
    dataclass runs for each. The repr is the same.
    """

    start: int
    end: int
    text: str


# A candidate boundary: end punctuation, optional closing quotes/brackets, whitespace,
# then something that can open a sentence. Written ``[.!?…][.!?…]*``, not ``[.!?…]+``
# (the same matches): a pattern that opens with a character set, rather than a repeat
# of one, lets the engine skip from one end mark to the next; the other form is tried
# at every position of the text, and took half the time of split_sentences.
_BOUNDARY = re.compile(r"[.!?…][.!?…]*[\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9À-Ý])")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sr jr no nos vs etc e.g i.e approx est fig gen gov sen rep
    inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n al
    dept univ art para op cf""".split()
)
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.+[\"'”’)\]]*\s*$")


def _is_abbreviation(chunk: str) -> bool:
    """Whether ``chunk`` (no trailing space) ends with an abbreviation or an initial.

    What :data:`_LAST_WORD` matches holds no space, so it lies in the last word of
    the chunk: only that word is searched, not the whole chunk.
    """
    m = _LAST_WORD.search(chunk, chunk.rfind(" ") + 1)
    if not m:
        return False
    word = m.group(1).lower()
    if word in _ABBREVIATIONS:
        return True
    # A single initial ("J. Smith") or dotted acronym ("U.S.").
    return len(word) == 1 or bool(_DOTTED.fullmatch(word))


#: :func:`_is_abbreviation` of the last word of a chunk (from its last space, with the
#: end punctuation), by that word: a fact about a word, so kept for the process.
_ABBREVIATION_OF: dict[str, bool] = {}
_ABBREVIATION_LIMIT = 100_000


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of plain text, each with its offsets into ``text``.

    Paragraph breaks always end a sentence; inside a paragraph a sentence ends at
    ``.``, ``!`` or ``?`` followed by a capital or digit, unless the word before the
    full stop is a known abbreviation or an initial.

    Whether a boundary follows an abbreviation depends on the last word before it
    alone (:func:`_is_abbreviation` searches from the chunk's last space): the
    answer is looked up by that word in :data:`_ABBREVIATION_OF`. The boundary's
    end punctuation and closing marks hold no space, so that word is the text from
    the last space before the match (or the sentence's start) to the match's end,
    less the white space the match ends with.
    """
    sentences: list[Sentence] = []
    append, new, known = sentences.append, tuple.__new__, _ABBREVIATION_OF.get
    rfind = text.rfind
    for para in _PARAGRAPH.finditer(text):
        # A paragraph's boundaries are searched for in ``text`` between its offsets
        # (what the pattern sees of the text ends there): no copy of the paragraph.
        start, p_end = para.span()
        for m in _BOUNDARY.finditer(text, start, p_end):
            # the sentence ends where the boundary's white space starts (group 1)
            stop = m.start(1)
            last = text[max(start, rfind(" ", start, m.start()) + 1) : stop]
            abbreviation = known(last)
            if abbreviation is None:
                abbreviation = _is_abbreviation(last)
                if len(_ABBREVIATION_OF) < _ABBREVIATION_LIMIT:
                    _ABBREVIATION_OF[last] = abbreviation
            if abbreviation:
                continue
            # _append, inline: text[start:stop] is the chunk less the white space it
            # ends with, and opens with none unless it opens a paragraph (after a
            # boundary comes the character its lookahead saw)
            if text[start].isspace():
                sentence = text[start:stop].lstrip()
                append(new(Sentence, (stop - len(sentence), stop, sentence)))
            else:
                append(new(Sentence, (start, stop, text[start:stop])))
            start = m.end()
        _append(sentences, text, 0, start, p_end)
    return sentences


def _append(out: list[Sentence], para: str, offset: int, start: int, end: int) -> None:
    chunk = para[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = offset + start + lead
    out.append(tuple.__new__(Sentence, (s, s + len(stripped), stripped)))
