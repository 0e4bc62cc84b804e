"""Pelican's tag, category and author lists, handed over with a set look-up for ``in``
(sdg_portal.taxonomy): the same lists, the same answers."""

from sdg_portal.taxonomy import Members


class Item:  # compares by identity, as Pelican's articles do
    pass


def test_members_answer_in_as_the_list_does_and_follow_appends():
    a, b, c = Item(), Item(), Item()
    members = Members([a, b])
    assert members == [a, b]
    assert a in members and b in members and c not in members
    members.append(c)
    assert c in members
    members.remove(a)
    assert a not in members
    assert [x for x in (a, b, c) if x in members] == [b, c]


def test_the_generator_hands_pelican_members_with_the_same_articles(make_generator):
    generator = make_generator()
    assert generator.tags, "the fixture site has tags"
    for tag, articles in generator.tags.items():
        assert isinstance(articles, Members)
        assert all(a in articles for a in articles)
        # the tag page's list, as Pelican makes it, in date order
        assert [a for a in generator.dates if a in articles] == [a for a in generator.dates if a in list(articles)]
    assert generator.context["tags"] == list(generator.tags.items())
    assert all(isinstance(articles, Members) for _, articles in generator.context["tags"])
    assert generator.categories, "the fixture site has categories"
    for name in ("categories", "authors"):  # its articles have no author
        pairs = getattr(generator, name)
        assert all(isinstance(articles, Members) for _, articles in pairs)
        assert generator.context[name] is pairs
    counted = {id(a) for _, articles in generator.tags.items() for a in articles}
    assert counted <= {id(a) for a in generator.articles}


def test_members_of_unhashable_things_answer_as_a_list():
    members = Members([[1], [2]])
    assert [2] in members and [3] not in members


def test_the_set_is_let_go_after_a_pass_over_the_sites_articles():
    site = [Item() for _ in range(4)]
    members = Members(site[1:3], tests=len(site))
    assert [a for a in site if a in members] == site[1:3]
    assert members._set is None  # the pass is done
    assert [a for a in site if a in members] == site[1:3]  # and a second pass answers the same
    assert Members(site[:1])._set is None and site[0] in Members(site[:1])
    kept = Members(site[:2])  # no pass length: the set is kept
    assert site[0] in kept and kept._set is not None
