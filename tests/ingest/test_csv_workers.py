"""cables.csv imported by worker processes gives the same files and reports as without them."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from csvtext import csv_row

from generator.cli import main
from generator.content.layout import is_temp_name
from generator.ingest import csv_source
from generator.ingest.csv_rows import convert_row, row_id

HEADER = "VZCZCXRO1234\nPP RUEHWEB\nDE RUEHTA #0614 0661206\nFM AMEMBASSY ASTANA"
BODY = "UNCLAS ASTANA 000614\n\nTAGS: KCRM PHUM KZ\nSUBJECT: TIP REPORT\n\n1. (U) Text {n}."


def row(number: int | str, cable_id: str, **changes: str) -> str:
    fields = {"references": "06STATE202745", "header": HEADER, "body": BODY.format(n=cable_id)}
    return csv_row(number, cable_id, **{**fields, **changes})


def first_rows() -> list[bytes]:
    rows = [
        row(1, "07ASTANA1"),
        row(2, "07ASTANA2").replace('"Embassy Astana"', '"Embassy "ANNEX""'),
        row(3, "07ASTANA1"),  # duplicate of a good row
        row(4, "07ASTANA4").replace("(U)", "L\udcff"),  # invalid UTF-8 (see below)
        row(5, "07ASTANA4"),  # duplicate of a broken row
        row(6, "07ASTANA6", created="03/07/2007 12:06\u00e9"),  # id not read from the start
        row(7, "07ASTANA6"),  # duplicate of that one
        row('8"', "07ASTANA8"),  # an escape before the id: the row is still good
        row(9, "07ASTANA9", references="06STATE1,not an id"),  # a warning
        row(10, "../../etc/passwd"),
        row(11, "07ASTANA11", created="01/02/2006 10:00"),
        row(12, "07ASTANA12"),
        row(13, "07ASTANA13"),
    ]
    return [text.encode("utf-8", "surrogateescape") for text in rows]


def first_csv() -> bytes:
    return b"".join(first_rows())


def second_csv() -> bytes:
    rows = [
        row(1, "07ASTANA1"),  # unchanged
        row(2, "07ASTANA12", origin=""),  # same text and bytes except a field: not unchanged
        row(3, "07ASTANA11"),  # same text, another date: stored under 2006/01
        row(4, "07ASTANA13", header="DIFFERENT"),  # another text: a variant
        row(5, "07ASTANA20"),  # new
        row(6, "07ASTANA20"),  # duplicate
        row(7, "07ASTANA21", classification="TOP SECRET"),
    ]
    return "".join(rows).encode()


class CountingWorkers(csv_source.RowWorkers):
    started = 0

    def __init__(self, *args: object, **kwargs: object) -> None:
        CountingWorkers.started += 1
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def import_run(capsys, csv: Path, content: Path, jobs: int) -> tuple[int, str]:
    status = main(["import", str(csv), "--content", str(content), "-j", str(jobs), "--no-sync"])
    return status, capsys.readouterr().err


def two_csv_files(folder: Path) -> tuple[Path, Path]:
    first, second = folder / "cables.csv", folder / "other.csv"
    first.write_bytes(first_csv())
    second.write_bytes(second_csv())
    return first, second


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def small_files_in_workers(monkeypatch: pytest.MonkeyPatch) -> type[CountingWorkers]:
    monkeypatch.setattr(csv_source, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(csv_source, "ROWS_PER_TASK", 2)  # several tasks, some in flight
    monkeypatch.setattr(csv_source, "RowWorkers", CountingWorkers)
    CountingWorkers.started = 0
    return CountingWorkers


def test_workers_write_what_one_process_writes_and_report_the_same(
    tmp_path: Path, capsys, small_files_in_workers: type[CountingWorkers]
) -> None:
    first, second = two_csv_files(tmp_path)
    results = {}
    for jobs in (1, 2):
        content = tmp_path / f"content-{jobs}"
        runs = [import_run(capsys, csv, content, jobs) for csv in (first, second, second)]
        results[jobs] = (runs, tree(content))
    assert small_files_in_workers.started == 3  # only with -j 2
    assert results[2] == results[1]
    (one, two, again), files = results[2]
    assert one[0] == two[0] == 1
    assert "imported 6 cables: 6 new" in one[1]
    assert "row 5: 07ASTANA4: duplicate id (first in row 4)" in one[1]
    assert "row 7: 07ASTANA6: duplicate id (first in row 6)" in one[1]
    assert "1 new, 0 unchanged, 3 provenance added, 1 new variants" in two[1]
    assert "0 new, 4 unchanged, 0 provenance added, 0 new variants (1 known)" in again[1]
    assert "cables/2006/01/07ASTANA11.md" in files
    assert not [name for name in files if is_temp_name(Path(name).name)]
    assert not multiprocessing.active_children()


def test_two_files_in_one_run(
    tmp_path: Path, capsys, small_files_in_workers: type[CountingWorkers]
) -> None:
    first, second = two_csv_files(tmp_path)
    results = []
    for jobs in (1, 2):
        content = tmp_path / f"content-{jobs}"
        status = main(["import", str(first), str(second), "--content", str(content),
                       "-j", str(jobs), "--no-sync"])  # fmt: skip
        results.append((status, capsys.readouterr().err, tree(content)))
    assert small_files_in_workers.started == 2
    assert results[0] == results[1]
    assert "imported 11 cables: 7 new, 0 unchanged, 3 provenance added" in results[1][1]


def test_rows_before_an_unreadable_one_are_finished(
    tmp_path: Path, capsys, monkeypatch, small_files_in_workers: type[CountingWorkers]
) -> None:
    monkeypatch.setattr(csv_source, "READ_BYTES", 4096)
    monkeypatch.setattr(csv_source, "MAX_ROW_BYTES", 20_000)
    csv = tmp_path / "cables.csv"
    rows = [row(n, f"07ASTANA{n}") for n in range(1, 8)]
    rows[5] = row(6, "07ASTANA6", body="x" * 30_000)
    csv.write_text("".join(rows))
    results = [import_run(capsys, csv, tmp_path / f"content-{jobs}", jobs) for jobs in (1, 2)]
    assert small_files_in_workers.started == 1
    assert results[0] == results[1]
    assert "row 6 (line 46) is longer than 64 MB" in results[1][1]
    assert "imported 5 cables: 5 new" in results[1][1]


def test_a_rerun_in_workers_changes_no_mtime(
    tmp_path: Path, capsys, small_files_in_workers: type[CountingWorkers]
) -> None:
    csv = tmp_path / "cables.csv"
    csv.write_bytes(first_csv())
    content = tmp_path / "content"
    import_run(capsys, csv, content, 2)
    before = {p: p.stat().st_mtime_ns for p in content.rglob("*")}
    status, err = import_run(capsys, csv, content, 2)
    assert status == 1 and "6 unchanged" in err
    assert {p: p.stat().st_mtime_ns for p in content.rglob("*")} == before


@pytest.mark.parametrize("text", first_rows())
def test_the_id_read_from_the_row_start_is_the_id_of_the_converted_row(text: bytes) -> None:
    raw = text.rstrip(b"\n")
    assert row_id("cables.csv", 1, 1, raw) == convert_row("cables.csv", 1, 1, raw).cable_id


@pytest.mark.parametrize(
    "raw",
    [
        b'"1","x","07ASTANA1"',
        b'"1","x","07ASTANA1"junk',
        b'"1","x","07ASTANA1","\xff"',
        b'"1","\xe9","07ASTANA1",""',
        b'"1","x","07astana1",""',
        b'"1","x\\"","07ASTANA1",""',
        b'"1","x"',
        b"",
    ],
)
def test_the_id_of_odd_row_starts(raw: bytes) -> None:
    assert row_id("cables.csv", 1, 1, raw) == convert_row("cables.csv", 1, 1, raw).cable_id
