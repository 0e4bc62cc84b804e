"""Pelican's tag, category and author pages, written without a quadratic step.

For each tag, category and author Pelican's ``ArticlesGenerator`` lists the site's
articles by date that belong to it: ``[a for a in self.dates if a in articles]``,
a membership test of every article against the taxonomy's list. A list answers it
by walking; over the 85 tags of the 10,000-article benchmark that is 3 s of the
build. Once the articles are read (``article_generator_finalized``) the portal
hands Pelican each taxonomy's list as a :class:`Members`: the same list, whose
membership test is a set look-up. The pages are the same bytes.
"""

from __future__ import annotations


class Members(list):
    """A taxonomy's articles: a list whose ``in`` is a set look-up (Pelican's articles
    hash and compare by identity, so the answer is the list's); a list of things
    that cannot be hashed answers as a list.

    The set is made at the first test, and again if the list's length has changed
    since. Pelican tests each of the site's articles once against each tag's,
    category's and author's list: with ``tests`` that many, the set is let go after
    a pass (the sets of the benchmark's 10,000 articles held together took 3 MiB)."""

    __slots__ = ("_set", "_length", "_tests", "_left")

    def __init__(self, items=(), tests: int = 0):
        super().__init__(items)
        self._set, self._length, self._tests, self._left = None, 0, tests, 0

    def __contains__(self, item) -> bool:
        found = self._set
        if found is None or self._length != len(self):
            try:
                found = set(self)
            except TypeError:  # unhashable
                return list.__contains__(self, item)
            self._set, self._length, self._left = found, len(self), self._tests
        if self._left > 0:
            self._left -= 1
            if self._left == 0:
                self._set = None
        try:
            return item in found
        except TypeError:
            return list.__contains__(self, item)


def fast_membership(generator) -> None:
    """Make each of the articles generator's tag, category and author lists a
    :class:`Members`, where Pelican's pages and its context read them."""
    tests = len(getattr(generator, "dates", ()))  # what Pelican tests against each list
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, articles in tags.items():
            tags[tag] = Members(articles, tests)
        if "tags" in generator.context:  # Pelican's context holds the dict's items
            generator.context["tags"] = list(tags.items())
    for name in ("categories", "authors"):
        pairs = getattr(generator, name, None)
        if isinstance(pairs, list):  # (category or author, its articles), the context's own list
            pairs[:] = [(key, Members(articles, tests)) for key, articles in pairs]
