"""`cablesite parse`: JSON Lines on stdout, one error line per bad file, exit status."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cable import RECORD_KEYS
from generator.cli import main

CASES = Path(__file__).resolve().parent / "cases"
GOOD = CASES / "wikileaks_page.html"
ALSO_GOOD = CASES / "blog_footer.txt"
BAD = CASES / "not_a_cable.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["parse", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_lines_have_exactly_the_record_keys(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--json", str(GOOD), str(ALSO_GOOD))
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and err == ""
    assert [record["id"] for record in records] == ["01PRETORIA1173", "10KABUL131"]
    assert all(tuple(record) == RECORD_KEYS for record in records)


def test_bad_file_is_reported_and_the_others_still_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "--json", str(BAD), str(GOOD))
    assert status == 1
    assert len(out.splitlines()) == 1 and json.loads(out)["id"] == "01PRETORIA1173"
    assert err.startswith(f"{BAD}: error: not a cable")
    assert "Traceback" not in err


def test_missing_and_binary_files_are_errors_not_tracebacks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    status, out, err = run(capsys, str(tmp_path / "missing.txt"), str(binary))
    assert status == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == f"{tmp_path / 'missing.txt'}: error: no such file or folder"
    assert lines[1].startswith(f"{binary}: error: ")


def test_folders_are_read_recursively_in_name_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "b").mkdir()
    shutil.copy(GOOD, tmp_path / "b" / "page.html")
    shutil.copy(ALSO_GOOD, tmp_path / "a.txt")
    (tmp_path / ".hidden").write_text("ignored", encoding="utf-8")
    status, out, _ = run(capsys, "--json", str(tmp_path))
    assert status == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [
        "10KABUL131",
        "01PRETORIA1173",
    ]


def test_summary_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(GOOD))
    assert status == 0
    assert out.splitlines()[0].startswith("01PRETORIA1173  2001-02-23 15:53  CONFIDENTIAL")
    assert "THIN-SKINNED MBEKI" in out


@pytest.mark.skipif(
    importlib.util.find_spec("generator.ingest.csv_source") is None,
    reason="the cables.csv reader is not in this checkout",
)
def test_csv_files_go_to_the_csv_reader(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    header = "VZCZCXRO1\\nDE RUEHTA #1061/01 1151024\\nP 251024Z APR 07\\nFM AMEMBASSY ASTANA"
    body = "UNCLAS ASTANA 001061\\n\\nTAGS: PHUM KZ\\nSUBJECT: A CSV ROW\\n\\n1. Text."
    row = [
        "1",
        "04/25/2007 10:24",
        "07ASTANA1061",
        "Embassy Astana",
        "UNCLASSIFIED",
        "",
        header.replace("\\n", "\n"),
        body.replace("\\n", "\n"),
    ]
    csv_file = tmp_path / "cables.csv"
    csv_file.write_text(",".join(f'"{field}"' for field in row) + "\n", encoding="utf-8")
    status, out, err = run(capsys, "--json", str(csv_file))
    assert status == 0, err
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["id"] == "07ASTANA1061"


def test_output_closed_early_is_not_an_error(tmp_path: Path) -> None:
    for number in range(150):  # well over a pipe buffer of JSON
        shutil.copy(GOOD, tmp_path / f"page{number:03}.html")
    command = [sys.executable, "-m", "generator", "parse", "--json", str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()  # like `| head -c 100`
        errors = process.stderr.read().decode()
        status = process.wait(timeout=60)
    assert errors == ""
    assert status == 0
