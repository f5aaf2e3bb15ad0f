"""ContentStore: paths, idempotent writes, provenance, variants, safety of ids."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.cable import Cable, Source
from generator.content.cablefile import body_sha256
from generator.content.layout import cable_path, variants_of
from generator.content.store import ContentStore, Outcome, iter_cable_files, read_cable
from generator.errors import ContentError


def make_cable(cable_id: str = "07ASTANA614", body: str = "UNCLAS ASTANA 000614\n", **kw) -> Cable:
    source = Source(kw.pop("file", "a.csv"), kw.pop("kind", "csv"), body_sha256(body))
    fields = dict(
        id=cable_id, created="2007-03-07T12:06", released=None, classification="UNCLASSIFIED",
        origin="Embassy Astana", subject="S", tags=("KZ",), references=(), body=body,
        sources=(source,),
    )  # fmt: skip
    fields.update(kw)
    return Cable(**fields)


def put(content: Path, *cables: Cable) -> list[Outcome]:
    with ContentStore(content, sync=False) as store:
        return [store.put(cable).outcome for cable in cables]


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_new_cable_lands_in_its_year_and_month(tmp_path: Path) -> None:
    cable = make_cable()
    assert put(tmp_path, cable) == [Outcome.NEW]
    path = tmp_path / "cables" / "2007" / "03" / "07ASTANA614.md"
    assert read_cable(path) == cable
    assert read_cable(path).sources == cable.sources
    assert list(iter_cable_files(tmp_path)) == [path]


def test_undated_cable(tmp_path: Path) -> None:
    put(tmp_path, make_cable(created=None))
    assert (tmp_path / "cables" / "undated" / "07ASTANA614.md").is_file()


def test_second_import_changes_no_byte_and_no_mtime(tmp_path: Path) -> None:
    cables = [make_cable(f"07ASTANA{n}", body=f"text {n}") for n in range(1, 30)]
    put(tmp_path, *cables)
    before = snapshot(tmp_path)
    assert set(put(tmp_path, *cables)) == {Outcome.UNCHANGED}
    assert snapshot(tmp_path) == before


def test_same_text_from_another_source_adds_provenance(tmp_path: Path) -> None:
    first = make_cable(file="b.html", kind="wikileaks-html", released="2011-08-26T00:00")
    second = make_cable(file="a.csv", kind="csv", released=None, subject=None)
    assert put(tmp_path, first, second) == [Outcome.NEW, Outcome.SOURCE_ADDED]
    stored = read_cable(cable_path(tmp_path, first.id, first.created))
    assert [s.file for s in stored.sources] == ["a.csv", "b.html"]  # sorted, whatever the order
    assert stored.released == "2011-08-26T00:00" and stored.subject == "S"
    before = snapshot(tmp_path)
    assert put(tmp_path, second, first) == [Outcome.UNCHANGED, Outcome.UNCHANGED]
    assert snapshot(tmp_path) == before


def test_missing_fields_are_filled_from_a_later_source(tmp_path: Path) -> None:
    put(tmp_path, make_cable(released=None), make_cable(released="2011-08-30T01:44", file="x"))
    assert read_cable(cable_path(tmp_path, "07ASTANA614", "2007-03-07T12:06")).released == (
        "2011-08-30T01:44"
    )


def test_different_text_becomes_a_variant_and_never_overwrites(tmp_path: Path) -> None:
    first = make_cable(body="original text\n", file="one.csv")
    second = make_cable(body="redacted text\n", file="two.csv")
    with ContentStore(tmp_path, sync=False) as store:
        store.put(first)
        stored = store.put(second)
    assert stored.outcome is Outcome.VARIANT_NEW
    assert [s.file for s in stored.first_sources] == ["one.csv"]
    main = cable_path(tmp_path, first.id, first.created)
    assert read_cable(main).body == "original text\n"
    [variant] = variants_of(main)
    assert variant.name == f"07ASTANA614.variant-{body_sha256(second.body)[:12]}.md"
    assert read_cable(variant).body == "redacted text\n"
    assert list(iter_cable_files(tmp_path)) == [main]
    before = snapshot(tmp_path)
    assert put(tmp_path, second, first) == [Outcome.VARIANT_UNCHANGED, Outcome.UNCHANGED]
    assert snapshot(tmp_path) == before
    third = make_cable(body="redacted text\n", file="three.txt", kind="wikileaks-text")
    assert put(tmp_path, third) == [Outcome.VARIANT_SOURCE_ADDED]
    assert [s.file for s in read_cable(variant).sources] == ["three.txt", "two.csv"]


def test_same_id_twice_in_one_run_is_merged_before_commit(tmp_path: Path) -> None:
    outcomes = put(tmp_path, make_cable(file="a"), make_cable(file="b"), make_cable(body="x"))
    assert outcomes == [Outcome.NEW, Outcome.SOURCE_ADDED, Outcome.VARIANT_NEW]
    main = cable_path(tmp_path, "07ASTANA614", "2007-03-07T12:06")
    assert [s.file for s in read_cable(main).sources] == ["a", "b"]
    assert len(variants_of(main)) == 1


@pytest.mark.parametrize(
    "bad_id", ["../../etc/passwd", "07ASTANA/614", "07astana614", "", "07ASTANA614\n", ".07A1"]
)
def test_ids_that_could_escape_content_are_rejected(tmp_path: Path, bad_id: str) -> None:
    with ContentStore(tmp_path / "content", sync=False) as store, pytest.raises(ContentError):
        store.put(make_cable(bad_id))
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_impossible_date_is_rejected(tmp_path: Path) -> None:
    with ContentStore(tmp_path, sync=False) as store, pytest.raises(ContentError, match="exist"):
        store.put(make_cable(created="2009-02-30T10:00"))


def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    put(tmp_path, make_cable())
    folder = tmp_path / "cables" / "2007" / "03"
    (folder / ".07ASTANA1.md.123-4.cablesite-tmp").write_text("half a fi")
    store = ContentStore(tmp_path, sync=False)
    store.close()
    assert store.leftovers_removed == 1
    assert [p.name for p in folder.iterdir()] == ["07ASTANA614.md"]


def test_broken_stored_file_is_reported_not_overwritten(tmp_path: Path) -> None:
    put(tmp_path, make_cable())
    path = cable_path(tmp_path, "07ASTANA614", "2007-03-07T12:06")
    path.write_text("not a cable file")
    with ContentStore(tmp_path, sync=False) as store, pytest.raises(ContentError):
        store.put(make_cable(body="other"))
    assert path.read_text() == "not a cable file"


def test_files_are_listed_in_a_fixed_order(tmp_path: Path) -> None:
    cables = [
        make_cable("09STATE5", created="2009-01-02T00:00"),
        make_cable("07ASTANA2", created="2007-12-01T00:00"),
        make_cable("07ASTANA10", created="2007-12-01T00:00"),
        make_cable("66STATE1", created=None),
    ]
    put(tmp_path, *cables)
    names = [p.relative_to(tmp_path).as_posix() for p in iter_cable_files(tmp_path)]
    assert names == [
        "cables/2007/12/07ASTANA10.md",
        "cables/2007/12/07ASTANA2.md",
        "cables/2009/01/09STATE5.md",
        "cables/undated/66STATE1.md",
    ]


def test_sources_are_sorted_and_deduplicated(tmp_path: Path) -> None:
    a, b = Source("b", "csv", "1"), Source("a", "csv", "2")
    put(tmp_path, dataclasses.replace(make_cable(), sources=(a, b, a)))
    stored = read_cable(cable_path(tmp_path, "07ASTANA614", "2007-03-07T12:06"))
    assert stored.sources == (b, a)
