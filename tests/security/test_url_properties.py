"""Properties of the URL authority (generator/site/urls.py) for any name a cable can carry.

Invariants read from the module:
- every page path is a clean relative POSIX path: no "..", ".", empty segment or
  leading "/", so ``site / path`` is inside the site;
- a category page sits at ``SECTION/<one folder>/<page>.html``, a cable page at
  ``cable/<YYYY/MM or undated>/<file>.html``;
- folder and file names are portable: [A-Za-z0-9._-], at most 255 bytes, not "."/"..";
- the same name always gives the same path; different names give different paths;
- ``link(a, b)`` resolved from a's folder is b, and never reads as a URL scheme.
"""

from __future__ import annotations

import posixpath
import re
from datetime import datetime

import hostile
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.site import urls

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAME_PART = re.compile(r"[A-Za-z0-9._-]+")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

hostile_names = st.sampled_from(hostile.ALL_PAYLOADS + hostile.PATH_NAMES)
names = st.one_of(
    st.text(max_size=40), hostile_names, st.from_regex(r"[A-Z]{1,8}( [A-Z]{1,8}){0,2}")
)
timestamps = (
    st.datetimes(min_value=datetime(1000, 1, 1)).map(lambda d: d.strftime("%Y-%m-%dT%H:%M"))
    | st.none()
)
canonical_ids = st.from_regex(r"[0-9]{2}[A-Z]{2,12}[1-9][0-9]{0,5}", fullmatch=True)
CATEGORY_SECTIONS = ("origin", "tag", "classification")


def assert_clean(path: str) -> None:
    assert not path.startswith("/") and posixpath.normpath(path) == path, path
    for part in path.split("/"):
        assert NAME_PART.fullmatch(part) and part not in (".", ".."), (path, part)


def assert_portable(path: str) -> None:
    assert all(len(part.encode()) <= 255 for part in path.split("/")), path


@SETTINGS
@given(st.sampled_from(CATEGORY_SECTIONS), names, st.integers(1, 10_000))
def test_category_pages_are_one_clean_folder_inside_their_section(section, name, page):
    path = urls.browse(section, name, page)
    assert_clean(path)
    folder, file = path.split("/")[1:]
    assert path.startswith(section + "/") and file in ("index.html", f"{page}.html")
    assert urls.browse(section, name, page) == path
    assert urls.category_folder(section, name) == f"{section}/{folder}"


@SETTINGS
@given(names, names)
def test_different_names_get_different_category_folders(a, b):
    if a != b:
        assert urls.category_folder("tag", a) != urls.category_folder("tag", b)


@SETTINGS
@given(canonical_ids, timestamps)
def test_cable_pages_of_real_ids_keep_the_original_address(cable_id, created):
    path = urls.cable(cable_id, created)
    assert_clean(path)
    folder = "undated" if created is None else f"{created[:4]}/{created[5:7]}"
    assert path == f"cable/{folder}/{cable_id}.html"
    stem = path[: -len(".html")]
    assert urls.cable_text(cable_id, created) == stem + ".txt"
    assert urls.cable_json(cable_id, created) == stem + ".json"


@SETTINGS
@given(names, timestamps)
def test_cable_pages_of_any_id_stay_inside_the_cable_folder(cable_id, created):
    path = urls.cable(cable_id, created)
    assert_clean(path)
    assert path.startswith("cable/") and path.count("/") in (2, 3)


@SETTINGS
@given(st.lists(st.sampled_from(CATEGORY_SECTIONS) | st.just("cable"), min_size=2, max_size=2))
def test_links_resolve_to_their_target_and_never_read_as_a_scheme(sections):
    pages = [
        urls.cable("07ASTANA614", "2007-03-07T12:06") if s == "cable" else urls.browse(s, "A:B")
        for s in sections
    ]
    pages += [urls.home(), urls.year("2007"), urls.browse("date", "2007-03", 3)]
    for source in pages:
        for target in pages:
            link = urls.link(source, target, "par1")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), link))
            assert resolved == target + "#par1"
            assert not SCHEME.match(link), link


@SETTINGS
@given(names)
@example("X" * 300)
def test_category_folder_names_fit_every_file_system(name):
    assert_portable(urls.browse("tag", name))


@SETTINGS
@given(names, names)
@example("07 ASTANA", "07-ASTANA")
def test_different_ids_get_different_cable_pages(a, b):
    if a != b:
        assert urls.cable(a, None) != urls.cable(b, None)


@SETTINGS
@given(st.text(max_size=12) | st.sampled_from(hostile.DATE_ATTACKS))
@example("../.x..")
def test_cable_pages_stay_inside_the_site_whatever_the_date_field_holds(created):
    assert_clean(urls.cable("07ASTANA614", created))
    assert_clean(urls.browse("date", created[:7]))


def test_editorial_links_never_read_as_a_scheme():
    assert not SCHEME.match(urls.link(urls.home(), urls.editorial("javascript:alert(1)")))
