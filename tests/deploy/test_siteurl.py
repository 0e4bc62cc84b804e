"""A build for publishing needs the site's address: ``SDG_REQUIRE_SITEURL``
(``publishconf.py`` sets it) stops the build at once without one, before anything
is written, and the custom domain is checked as early."""

import os
import re

import pytest

from sdg_portal.deploy import site_url
from sdg_portal.settings import SettingsError, check
from support import pelican_process


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://owner.github.io/repo", "https://owner.github.io/repo"),
        ("  https://owner.github.io/repo/ ", "https://owner.github.io/repo"),
        ("http://127.0.0.1:8000/portal", "http://127.0.0.1:8000/portal"),
        ("https://news.example.org", "https://news.example.org"),
    ],
)
def test_an_absolute_address_is_taken_without_its_trailing_slash(value, expected):
    assert site_url(value) == expected


@pytest.mark.parametrize("value", [None, "", "  ", "/"])
def test_no_address_says_it_is_not_set(value):
    with pytest.raises(ValueError, match="SITEURL is not set"):
        site_url(value)


@pytest.mark.parametrize(
    "value", ["owner.github.io/repo", "ftp://example.org/site", "https:///repo", "https://example.org/?preview=1", "file:///srv/site"]
)
def test_an_address_that_is_not_absolute_http_is_refused_by_name(value):
    with pytest.raises(ValueError, match=re.escape(f"not '{value}'")):
        site_url(value)


def test_the_settings_check_requires_it_only_when_asked():
    check({"SITEURL": ""})  # a local build: relative links are fine
    with pytest.raises(SettingsError, match="SITEURL is not set"):
        check({"SITEURL": "", "SDG_REQUIRE_SITEURL": True})
    settings = {"SITEURL": "https://owner.github.io/repo", "SDG_REQUIRE_SITEURL": True}
    check(settings)
    assert settings["SITEURL"] == "https://owner.github.io/repo"


def test_a_bad_custom_domain_stops_the_build_before_it_starts():
    with pytest.raises(SettingsError, match="SDG_CNAME"):
        check({"SDG_CNAME": "news example.org"})


def publish(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "CNAME")}
    return pelican_process(tmp_path, conf="publishconf.py", env={**base, **env})


@pytest.mark.build
def test_publishing_without_siteurl_stops_with_the_reason_and_writes_nothing(tmp_path):
    done, output = publish(tmp_path)
    assert done.returncode != 0
    assert "SITEURL is not set" in done.stdout + done.stderr
    assert not output.exists() or not any(output.iterdir())


@pytest.mark.build
def test_publishing_with_a_host_but_no_scheme_names_the_value(tmp_path):
    done, output = publish(tmp_path, SITEURL="owner.github.io/repo")
    assert done.returncode != 0
    assert "not 'owner.github.io/repo'" in done.stdout + done.stderr
    assert not output.exists() or not any(output.iterdir())
