"""Articles that hold their HTML compressed until a page needs it.

Pelican keeps every article's HTML (``article._content``) from the moment it is read
to the end of the build, and memoizes what ``article.content`` gave each page in a
table of its ``Content`` class. News text with a euro sign or a curly quote is held
two bytes a character: a 600-900 word article takes about 8 kB (with the analysis
anchors 9-10 kB), some 90 MiB at 10,000 articles, the largest thing the build holds.
Compressed (UTF-8, zlib level 1) it takes about 2.3 kB; it is unpacked where it is
read: once in the SDG context (the anchors), once for its page, once per feed it is
in.

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

# Pelican's own get_content, without its memo (pelican.utils.memoized keeps it as .func)
_get_content = Content.__dict__["get_content"].func

# The last HTML packed, by its bytes: Pelican reads an article's HTML again right after
# it is read (its static links), and the portal right after it sets the anchored HTML.
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
    if type(stored) is not bytes:
        return stored
    packed, html = _last
    if stored is packed:
        return html
    return zlib.decompress(stored).decode("utf-8", "surrogatepass")


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
