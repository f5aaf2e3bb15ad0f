"""The URL authority: original cable URLs, safe reversible slugs, relative links."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.site import urls


def test_cable_urls_are_the_originals():
    assert urls.cable("07ASTANA614", "2007-03-07T12:06") == "cable/2007/03/07ASTANA614.html"
    assert urls.cable("07ASTANA614", None) == "cable/undated/07ASTANA614.html"
    assert urls.cable_text("07ASTANA614", "2007-03-07T12:06") == "cable/2007/03/07ASTANA614.txt"


def test_browse_pages_nest_in_category_folders():
    assert urls.browse("tag", "PHUM") == "tag/PHUM/index.html"
    assert urls.browse("tag", "PHUM", 2) == "tag/PHUM/2.html"
    assert urls.browse("date", "2007-03") == "date/2007/03/index.html"
    assert urls.browse("reldate", "2011-08-30", 3) == "reldate/2011-08-30/3.html"
    assert urls.browse("origin", "Embassy Addis Ababa") == "origin/Embassy-Addis-Ababa/index.html"
    assert (
        urls.browse("classification", "SECRET//NOFORN")
        == "classification/SECRET--NOFORN/index.html"
    )


def test_links_are_relative_and_explicit():
    assert (
        urls.link("cable/2007/03/X.html", "tag/PHUM/index.html") == "../../../tag/PHUM/index.html"
    )
    assert urls.link("index.html", "tag/index.html", "A") == "tag/index.html#A"


def test_odd_names_get_a_hashed_safe_slug():
    odd = urls.slug('Embassy <Cairo> ANNEX"')
    assert odd.startswith("Embassy-Cairo-ANNEX_") and "/" not in odd
    assert urls.slug("../etc") != urls.slug("etc")
    assert urls.slug("PHUM") != urls.slug("phum ") and urls.slug("") != ""


@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_different_names_never_share_a_slug(a, b):
    if a != b:
        assert urls.slug(a) != urls.slug(b)
    assert all(c.isascii() and (c.isalnum() or c in "-_") for c in urls.slug(a))
