"""Browse indexes: one pass, sorted lists, exact membership."""

from __future__ import annotations

from generator.archive.indexes import build_cited_by, build_indexes, newest_first
from generator.archive.model import Archive, CableEntry


def entry(
    cable_id, created, released="2011-08-30T01:00", tags=("PREL",), refs=(), origin="Embassy X"
):
    return CableEntry(cable_id, created, released, "SECRET", origin, "S", tags, refs, "h", "f")


ENTRIES = {
    e.id: e
    for e in (
        entry("07B2", "2007-03-01T10:00", tags=("PREL", "PHUM")),
        entry("07A1", "2007-03-01T10:00", refs=("06C3", "99ZZ1")),
        entry("06C3", "2006-01-05T00:00", released=None),
        entry("00D4", None, tags=()),
    )
}


def test_newest_first_ties_by_id_undated_last():
    assert newest_first(ENTRIES.values()) == ["07A1", "07B2", "06C3", "00D4"]


def test_indexes_are_sorted_and_exact():
    order = newest_first(ENTRIES.values())
    indexes = build_indexes(ENTRIES, order)
    assert indexes["tag"] == {"PHUM": ("07B2",), "PREL": ("07A1", "07B2", "06C3")}
    assert indexes["date"] == {
        "2006-01": ("06C3",),
        "2007-03": ("07A1", "07B2"),
        "undated": ("00D4",),
    }
    assert indexes["reldate"]["unknown"] == ("06C3",)
    assert indexes["reldate"]["2011-08-30"] == ("07A1", "07B2", "00D4")
    assert indexes["origin"] == {"Embassy X": ("07A1", "07B2", "06C3", "00D4")}


def test_cited_by_keeps_ids_outside_the_archive():
    # so a cable added later knows at once which pages now link to it
    order = newest_first(ENTRIES.values())
    assert build_cited_by(ENTRIES, order) == {"06C3": ("07A1",), "99ZZ1": ("07A1",)}


def test_latest_releases_skips_unreleased():
    order = newest_first(ENTRIES.values())
    archive = Archive(ENTRIES, build_indexes(ENTRIES, order), {})
    assert archive.latest_releases(10) == ("00D4", "07A1", "07B2")
