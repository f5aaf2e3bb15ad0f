"""partials/search_meta.html: what Pagefind reads from a cable page."""

from __future__ import annotations

import re

from minisite import environment

from generator.cable import Cable


def render(**fields) -> str:
    record = {
        "id": "07ASTANA614",
        "created": "2007-03-07T12:06",
        "released": None,
        "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "origin": "Embassy Astana",
        "subject": "KAZAKHSTAN SUBMISSIONS",
        "tags": ("KCRM", "PHUM"),
        "references": (),
        "body": "",
    }
    record.update(fields)
    return environment().get_template("partials/search_meta.html").render(cable=Cable(**record))


def attrs(html: str, kind: str) -> list[tuple[str, str]]:
    return re.findall(rf'data-pagefind-{kind}="([^"]+)">([^<]*)<', html)


def test_meta_filters_and_sort_of_a_cable():
    html = render()
    assert attrs(html, "meta") == [
        ("id", "07ASTANA614"),
        ("title", "KAZAKHSTAN SUBMISSIONS"),
        ("created", "2007-03-07 12:06"),
        ("origin", "Embassy Astana"),
        ("classification", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
    ]
    assert attrs(html, "filter") == [
        ("year", "2007"),
        ("month", "2007-03"),
        ("origin", "Embassy Astana"),
        ("classification", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        ("tag", "KCRM"),
        ("tag", "PHUM"),
    ]
    assert attrs(html, "sort") == [("created", "2007-03-07T12:06")]
    assert "<div hidden data-pagefind-ignore>" in html


def test_both_spellings_of_the_reference_id_are_indexed_with_weight():
    html = render()
    assert '<p hidden data-pagefind-weight="10">07ASTANA614 07 ASTANA 614</p>' in html
    assert "09STATE116943 09 STATE 116943" in render(id="09STATE116943")
    odd = render(id="ASTANA614")  # no year prefix: only the id as it is
    assert '<p hidden data-pagefind-weight="10">ASTANA614</p>' in odd


def test_an_undated_cable_without_subject_or_origin():
    html = render(created=None, subject=None, origin=None, tags=())
    assert ("title", "07ASTANA614") in attrs(html, "meta")
    assert ("year", "undated") in attrs(html, "filter")
    assert ("month", "undated") in attrs(html, "filter")
    assert not attrs(html, "sort")
    assert 'data-pagefind-filter="origin"' not in html


def test_cable_values_cannot_inject_markup():
    html = render(origin='Embassy "X"<script>alert(1)</script>', subject="<b>S</b>")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
