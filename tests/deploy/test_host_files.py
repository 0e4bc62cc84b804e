""".nojekyll and CNAME, written by sdg_portal.deploy when a build finishes."""

from types import SimpleNamespace

import pytest

from sdg_portal.deploy import host_of, write_host_files


def finish(tmp_path, **settings):
    write_host_files(SimpleNamespace(settings=settings, output_path=str(tmp_path)))
    return sorted(p.name for p in tmp_path.iterdir())


def test_nojekyll_always_and_no_cname_by_default(tmp_path):
    assert finish(tmp_path, SDG_NOJEKYLL=True, SDG_CNAME="") == [".nojekyll"]


def test_cname_file_holds_the_bare_host(tmp_path):
    assert finish(tmp_path, SDG_CNAME="https://News.Example.org/") == [".nojekyll", "CNAME"]
    assert (tmp_path / "CNAME").read_text() == "news.example.org\n"


def test_nojekyll_can_be_turned_off(tmp_path):
    assert finish(tmp_path, SDG_NOJEKYLL=False, SDG_CNAME="") == []


@pytest.mark.parametrize("bad", ["news example.org", "localhost", "news.example.org/path", "-bad.example.org"])
def test_a_cname_that_is_not_a_host_name_stops_the_build(tmp_path, bad):
    with pytest.raises(ValueError, match="SDG_CNAME"):
        host_of(bad)
