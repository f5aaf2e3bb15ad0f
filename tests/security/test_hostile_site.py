"""A site built from hostile cables holds no markup from them, and shows them as text.

The corpus (tests/security/hostile.py) puts script tags, event handlers,
javascript: URLs, breakouts, comments, CDATA, bidi and zero-width characters,
NUL bytes and a 1 MB line into every field of a cable; the tag glossary is
hostile too. Every built HTML page is parsed: anything the theme does not write
itself is an injection.
"""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ElementTree
from urllib.parse import unquote, urlsplit

import domcheck
import hostile
import pytest

from generator.site import urls

VOCABULARY = domcheck.theme_vocabulary()
# Absolute links the theme itself writes (e.g. to the JSON Lines format) are its own.
THEME_TEXT = "".join(p.read_text(encoding="utf-8") for p in domcheck.MARKUP_SOURCES)


def html_pages(site) -> list[str]:
    return sorted(p.relative_to(site.out).as_posix() for p in site.out.rglob("*.html"))


def test_the_build_succeeds_with_a_page_per_cable(hostile_site):
    # the corpus' own cables, the good csv rows and the two text files that hold a cable
    assert hostile_site.report.cables == len(hostile_site.cables) + hostile.hostile_csv()[1] + 2
    for cable in hostile_site.cables:
        assert (hostile_site.out / urls.cable(cable.id, cable.created)).is_file(), cable.id


def test_the_imported_hostile_sources_have_their_pages(hostile_site):
    good = hostile.hostile_csv()[1]
    imported = sorted((hostile_site.out / "cable").rglob("08CSV*.html"))
    assert len(imported) == good
    assert sorted((hostile_site.out / "cable").rglob("07TXTHOSTILE1.html"))


def test_no_file_is_written_outside_the_project_folders(hostile_site):
    assert hostile_site.escaped == []


def test_no_page_holds_markup_that_the_theme_did_not_write(hostile_site):
    found = {}
    for path in html_pages(hostile_site):
        page_problems = domcheck.problems(hostile_site.dom(path), VOCABULARY)
        if page_problems:
            found[path] = page_problems[:5]
    assert found == {}, f"{len(found)} pages with injected markup: {found}"


def test_the_only_scripts_are_the_themes_own_files(hostile_site):
    for path in html_pages(hostile_site):
        dom = hostile_site.dom(path)
        for element in dom.elements:
            if element.tag != "script":
                continue
            src = dict(element.attrs).get("src") or ""
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), src))
            assert target.startswith("static/") and target.endswith(".js"), (path, src)
            assert (hostile_site.out / target).is_file(), (path, src)


def test_the_base_element_appears_only_on_the_404_page(hostile_site):
    for path in html_pages(hostile_site):
        dom = hostile_site.dom(path)
        bases = [dict(e.attrs).get("href") for e in dom.elements if e.tag == "base"]
        assert bases == ([urls.base_path(hostile.BASE_URL)] if path == "404.html" else []), path


def _subject(cable) -> str:
    return cable.subject if cable.subject is not None else "(no subject)"


def test_cable_pages_show_the_hostile_text_as_text(hostile_site):
    for cable in hostile_site.cables:
        dom = hostile_site.dom(urls.cable(cable.id, cable.created))
        assert dom.captured["h1"] == [_subject(cable)], cable.id
        shown = "".join(dom.captured.get("pre", []))
        for line in cable.body.splitlines():
            assert line in shown or line.startswith(("VZCZC", "DE ")), (cable.id, line[:80])
        text = dom.all_text
        for value in (cable.origin, cable.classification, *cable.tags, *cable.references):
            assert value is None or value in text, (cable.id, value)


def test_a_hostile_variant_shows_its_text_and_sources_as_text(hostile_site):
    first = hostile_site.cables[0]
    dom = hostile_site.dom(urls.cable(first.id, first.created))
    assert [e for e in dom.elements if e.tag == "details"], "the variant is listed"
    shown = "".join(dom.captured["pre"])
    for payload in hostile.ALL_PAYLOADS:
        assert payload.splitlines()[0] in shown, payload
    assert all(p in dom.all_text for p in hostile.MARKUP[:5])  # its sources


def test_hostile_glossary_meanings_stay_inside_their_title_attribute(hostile_site):
    glossary = {p: "meaning " + p for p in hostile.MARKUP[:30]}
    glossary["PHUM"] = hostile.MARKUP[0]
    checked = 0
    for cable in hostile_site.cables:
        dom = hostile_site.dom(urls.cable(cable.id, cable.created))
        for element in dom.elements:
            attrs = dict(element.attrs)
            if element.tag == "a" and attrs.get("class") == "tag" and "title" in attrs:
                assert attrs["title"] in glossary.values(), (cable.id, attrs)
                checked += 1
    assert checked >= len(hostile_site.cables)


def _categories(site, section: str) -> dict[str, set[str]]:
    """Category name -> ids of the hostile cables in it."""
    found: dict[str, set[str]] = {}
    for cable in site.cables:
        # A blank tag is no tag: the build leaves it out rather than make a page for it.
        tags = [tag for tag in cable.tags if tag.strip()]
        names = tags if section == "tag" else (getattr(cable, section) or "Unknown",)
        for name in names:
            found.setdefault(name, set()).add(cable.id)
    return found


@pytest.mark.parametrize("section", ["origin", "tag", "classification"])
def test_browse_pages_of_hostile_names_list_their_cables(hostile_site, section):
    for name, ids in sorted(_categories(hostile_site, section).items()):
        text, number = "", 1
        while (hostile_site.out / urls.browse(section, name, number)).is_file():
            text += hostile_site.dom(urls.browse(section, name, number)).all_text
            number += 1
        assert number > 1, urls.browse(section, name)
        assert sorted(i for i in ids if i not in text) == [], urls.browse(section, name)


@pytest.mark.parametrize("section", ["origin", "tag", "classification"])
def test_browse_pages_are_headed_by_the_hostile_name_as_text(hostile_site, section):
    labels = {"origin": "Origin", "tag": "Tag", "classification": "Classification"}
    for name in sorted(_categories(hostile_site, section)):
        dom = hostile_site.dom(urls.browse(section, name))
        assert dom.captured["h1"] == [f"{labels[section]}: {name}"], name


def _internal_targets(page: str, dom) -> list[str]:
    targets = []
    for element in dom.elements:
        if element.tag == "base":  # 404.html: checked in its own test
            continue
        for name, value in element.attrs:
            if name not in ("href", "src") or value is None or value.startswith("#"):
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                assert value.startswith(hostile.BASE_URL) or value in THEME_TEXT, (page, value)
                continue
            targets.append(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    return targets


def test_every_link_stays_inside_the_site_and_finds_its_page(hostile_site):
    for page in html_pages(hostile_site):
        dom = hostile_site.dom(page)
        for target in _internal_targets(page, dom):
            normal = posixpath.normpath(target)
            assert normal != ".." and not normal.startswith("../"), (page, target)
            if not normal.startswith("pagefind/"):
                assert (hostile_site.out / normal).exists(), (page, target)


def test_downloads_hold_the_exact_text_and_record(hostile_site):
    for cable in hostile_site.cables:
        raw = (hostile_site.out / urls.cable_text(cable.id, cable.created)).read_bytes()
        assert raw == cable.body.encode("utf-8")
        record = json.loads(hostile_site.read(urls.cable_json(cable.id, cable.created)))
        assert record["subject"] == cable.subject and record["tags"] == list(cable.tags)


def test_the_data_export_is_valid_json(hostile_site):
    files = sorted((hostile_site.out / "data").rglob("*.json"))
    assert files
    names = set()
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            names.add(data["name"])
    assert hostile.MARKUP[0] in names


def test_the_sitemap_is_well_formed(hostile_site):
    ElementTree.parse(hostile_site.out / "sitemap.xml")


def test_the_feed_is_well_formed_xml(hostile_site):
    ElementTree.parse(hostile_site.out / "feed.xml")
