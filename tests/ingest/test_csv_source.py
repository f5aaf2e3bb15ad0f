"""The streamed cables.csv reader: fields, dates, every kind of broken row."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from csvtext import csv_row, quote
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cable import Cable
from generator.ingest.csv_source import (
    CsvCableReader,
    FieldError,
    RowProblem,
    csv_timestamp,
    split_fields,
)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
MAKE_CORPUS = SHARED / "corpus" / "make_corpus.py"

HEADER = "VZCZCXRO1234\nPP RUEHWEB\nDE RUEHTA #0614 0661206\nFM AMEMBASSY ASTANA"
BODY = (
    "UNCLAS ASTANA 000614\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: KCRM PHUM KZ\n"
    'SUBJECT: KAZAKHSTAN SUBMISSIONS FOR 2007 TIP REPORT\n\n1. (U) A "quoted" word \\ ok.'
)


def row(number: int, cable_id: str = "07ASTANA614", **changes: str) -> str:
    fields = {"references": "06STATE202745,07ASTANA1", "header": HEADER, "body": BODY}
    return csv_row(number, cable_id, **{**fields, **changes})


def read(tmp_path: Path, data: bytes) -> list[Cable | RowProblem]:
    path = tmp_path / "cables.csv"
    path.write_bytes(data)
    return list(CsvCableReader(path))


@given(st.lists(st.text(), min_size=1, max_size=8))
def test_fields_round_trip_through_the_escaping(fields: list[str]) -> None:
    assert split_fields(",".join(quote(f) for f in fields)) == fields


def test_unescaped_quote_is_reported_with_its_field() -> None:
    with pytest.raises(FieldError, match=r"field 4 \(origin\): unescaped"):
        split_fields('"1","02/01/2009 10:00","09CAIRO1","Embassy Cairo "ANNEX"","SECRET"')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04/25/2007 10:24", "2007-04-25T10:24"),
        ("02/29/2008 00:00", "2008-02-29T00:00"),
    ],
)
def test_csv_dates(text: str, expected: str) -> None:
    assert csv_timestamp(text) == (expected, None)


@pytest.mark.parametrize(
    "text", ["02/30/2009 25:61", "13/45/2008 10:00", "2008-07-04 12:00", "", "00/00/0000 00:00"]
)
def test_bad_csv_dates(text: str) -> None:
    assert csv_timestamp(text)[0] is None


def test_good_row_becomes_a_cable(tmp_path: Path) -> None:
    [cable] = read(tmp_path, row(1).encode())
    assert isinstance(cable, Cable)
    assert cable.id == "07ASTANA614"
    assert cable.created == "2007-03-07T12:06"
    assert cable.released is None
    assert cable.origin == "Embassy Astana"
    assert cable.classification == "UNCLASSIFIED"
    assert cable.references == ("06STATE202745", "07ASTANA1")
    assert cable.body == HEADER + "\n\n" + BODY
    assert cable.subject == "KAZAKHSTAN SUBMISSIONS FOR 2007 TIP REPORT"
    assert cable.tags == ("KCRM", "PHUM", "KZ")
    assert [(s.file, s.kind) for s in cable.sources] == [("cables.csv", "csv")]


def test_each_broken_row_is_one_error_and_the_rest_is_read(tmp_path: Path) -> None:
    rows = [
        row(1, "07ASTANA1").encode(),
        row(2, "07ASTANA2").replace('"Embassy Astana"', '"Embassy "ANNEX""').encode(),
        row(3, "07ASTANA3", created="02/30/2009 25:61").encode(),
        row(4, "07ASTANA4").encode().replace(b"(U)", b"L\xe9ON \xff\xfe"),
        row(5, "07ASTANA1").encode(),  # duplicate of row 1
        row(6, "../../etc/passwd").encode(),
        b'"7","03/07/2007 12:06","07ASTANA7","UNCLASSIFIED","x","y"\n',
        row(8, "07ASTANA8", classification="TOP SECRET").encode(),
        row(9, "07ASTANA9").encode(),
    ]
    items = read(tmp_path, b"".join(rows))
    errors = {p.row: p for p in items if isinstance(p, RowProblem) and p.level == "error"}
    cables = [c.id for c in items if isinstance(c, Cable)]
    assert cables == ["07ASTANA1", "07ASTANA9"]
    assert sorted(errors) == [2, 3, 4, 5, 6, 7, 8]
    assert "unescaped" in errors[2].message
    assert "impossible created date" in errors[3].message
    assert "invalid UTF-8" in errors[4].message
    assert "duplicate id (first in row 1)" in errors[5].message
    assert "bad reference id" in errors[6].message
    assert "has 6 fields" in errors[7].message
    assert "unknown classification" in errors[8].message
    lines_per_row = row(1).count("\n")
    assert errors[3].line == 2 * lines_per_row + 1


def test_row_numbers_and_lines_survive_a_missing_final_newline(tmp_path: Path) -> None:
    data = (row(1, "07ASTANA1") + row(2, "07ASTANA2")).rstrip("\n").encode()
    items = read(tmp_path, data)
    assert [c.id for c in items if isinstance(c, Cable)] == ["07ASTANA1", "07ASTANA2"]


def test_crlf_rows(tmp_path: Path) -> None:
    data = (row(1, "07ASTANA1") + row(2, "07ASTANA2")).replace('"\n"', '"\r\n"').encode()
    assert [c.id for c in read(tmp_path, data) if isinstance(c, Cable)] == [
        "07ASTANA1",
        "07ASTANA2",
    ]


@pytest.mark.corpus
def test_make_corpus_malformed_rows_are_exactly_the_manifest(tmp_path: Path) -> None:
    if not MAKE_CORPUS.is_file():
        pytest.skip(f"{MAKE_CORPUS} not found (../shared beside the checkout)")
    out, manifest = tmp_path / "cables.csv", tmp_path / "manifest.json"
    subprocess.run(
        [sys.executable, str(MAKE_CORPUS), "--count", "1500", "--malformed", "25",
         "--seed", "7", "--out", str(out), "--manifest", str(manifest)],
        check=True, capture_output=True,
    )  # fmt: skip
    expected = {entry["row"] for entry in json.loads(manifest.read_text())}
    items = list(CsvCableReader(out))
    errors = {p.row for p in items if isinstance(p, RowProblem) and p.level == "error"}
    cables = [c for c in items if isinstance(c, Cable)]
    assert errors == expected
    assert len(cables) == 1500 - 25
    assert len({c.id for c in cables}) == len(cables)


row_text = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(['"', "\\", "\n", "\r", ","])
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(row_text, row_text), min_size=1, max_size=4))
def test_any_field_text_survives_the_file_format(tmp_path_factory, texts) -> None:
    """Quotes, backslashes, CR/LF and '"\\n"' inside fields never cut a row in two."""
    data = "".join(
        row(n, f"07ASTANA{n}", header=header, body=body)
        for n, (header, body) in enumerate(texts, start=1)
    )
    items = read(tmp_path_factory.mktemp("csv"), data.encode())
    assert [c.body for c in items if isinstance(c, Cable)] == [f"{h}\n\n{b}" for h, b in texts]
