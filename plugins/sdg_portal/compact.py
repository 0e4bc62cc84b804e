"""Articles that hold their HTML compressed until a page needs it.

Pelican keeps every article's HTML (``article._content``) from the moment it is read
to the end of the build, and memoizes what ``article.content`` gave each page in a
table of its ``Content`` class. News text with a euro sign or a curly quote is held
two bytes a character: a 600-900 word article takes about 8 kB (with the analysis
anchors 9-10 kB), some 90 MiB at 10,000 articles, the largest thing the build holds.
Compressed (UTF-8, zlib level 1) it takes about 2.3 kB; it is unpacked where it is
read: for its page and the feeds it is in. The anchors of its evidence sentences are
found with its analysis, in the workers (:attr:`sdg_analysis.model.Packed.anchors`),
and inserted as the HTML is read (:class:`Anchored`), so the SDG context neither
unpacks nor packs it again.

Each article read is made a :class:`CompactArticle` (``content_object_init``): the
same ``Article`` in every other way, so templates, Pelican's content cache (the
pickle holds the compressed bytes) and other plugins read and set ``_content`` and
``content`` as before. What ``content`` gives is not memoized: the memo would hold
every article's HTML unpacked again once its page is written.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from contextlib import contextmanager

from pelican.contents import Article, Content

from sdg_analysis.anchors import insert_anchors

# Pelican's own get_content, without its memo (pelican.utils.memoized keeps it as .func)
_get_content = Content.__dict__["get_content"].func

# The last HTML packed, by its bytes: right after an article is read, the portal hands
# its HTML to the analysis and Pelican looks for its static links.
_last: tuple[bytes | None, str | None] = (None, None)


# Below this many characters, compressing saves little or nothing: kept as it is.
SHORT = 256


def pack(html):
    """``html`` compressed; a short one, or anything but a string (``None``), as it is."""
    global _last
    if not isinstance(html, str) or len(html) < SHORT:
        return html
    packed = zlib.compress(html.encode("utf-8", "surrogatepass"), 1)
    _last = (packed, html)
    return packed


def unpack(stored):
    kind = type(stored)
    if kind is Anchored:
        return insert_anchors(unpack(stored.html), stored.positions)
    if kind is not bytes:
        return stored
    packed, html = _last
    if stored is packed:
        return html
    return zlib.decompress(stored).decode("utf-8", "surrogatepass")


class Anchored:
    """An article's HTML as held (compressed or not) and the evidence anchors that go
    in it (:func:`sdg_analysis.anchors.anchor_positions`), inserted as it is read:
    packing the anchored HTML again would cost 60-80 µs an article, inserting them
    about 10."""

    __slots__ = ("html", "positions")

    def __init__(self, html, positions):
        self.html, self.positions = html, positions

    def __reduce__(self):
        return (Anchored, (self.html, self.positions))


def anchor(article, positions) -> None:
    """Give ``article`` the evidence anchors at ``positions``, found in the HTML it
    holds: inserted as its HTML is read (a :class:`CompactArticle`) or at once."""
    if not positions:
        return
    if isinstance(article, CompactArticle):
        article.__dict__["_content"] = Anchored(article.__dict__.get("_content"), positions)
    else:
        article._content = insert_anchors(article._content, positions)


class CompactArticle(Article):
    """An article whose ``_content`` is held compressed (in the instance's
    ``_content`` slot of its ``__dict__``, so the instance has no key more than
    Pelican's ``Article``)."""

    @property
    def _content(self):
        return unpack(self.__dict__.get("_content"))

    @_content.setter
    def _content(self, html) -> None:
        self.__dict__["_content"] = pack(html)

    def get_content(self, siteurl: str) -> str:
        memo = _remembered
        if memo is None:
            return _get_content(self, siteurl)
        key = (id(self), siteurl)
        content = memo.get(key)
        if content is None:
            content = memo[key] = _get_content(self, siteurl)
            if len(memo) > REMEMBERED:
                memo.popitem(last=False)
        else:
            memo.move_to_end(key)
        return content


# Within remembering(): the content of the articles last given, by (id, siteurl).
REMEMBERED = 512
_remembered: OrderedDict | None = None


@contextmanager
def remembering():
    """Keep what ``content`` gives the last :data:`REMEMBERED` articles while
    within: the goal and target feeds list the latest articles of their goal
    again and again, each time with its whole HTML."""
    global _remembered
    _remembered = OrderedDict()
    try:
        yield
    finally:
        _remembered = None


def compact(content) -> None:
    """``content_object_init``: hold a newly read article's HTML compressed. Only
    Pelican's own ``Article``: a class another plugin made is left as it is."""
    if type(content) is Article:
        html = content.__dict__.get("_content")
        content.__class__ = CompactArticle
        content._content = html


def stored(article):
    """What ``article`` holds as its HTML (compressed or not): the same object for as
    long as nothing set its HTML again."""
    return article.__dict__.get("_content")


def forget_cached_reads(generator) -> None:
    """``article_generator_finalized``: let go of what Pelican's content cache read.

    With ``CACHE_CONTENT`` on and the ``"reader"`` caching layer (Pelican's
    default), the articles generator's readers hold every article as its reader
    gave it, HTML uncompressed and metadata, to the end of the build, though they
    have saved it to its file just before this signal and read nothing more: at
    10,000 articles some 130 MiB, more than the articles themselves. Emptied here;
    the next build loads the file again. Should anything read an article again with
    these readers, it is read from its file, as an article the cache does not hold.
    """
    readers = getattr(generator, "readers", None)
    if isinstance(getattr(readers, "_cache", None), dict):
        readers._cache = {}
