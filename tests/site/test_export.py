"""The data export's fast paths give the bytes of the slow ways they replace: the plain
json calls, and reading a whole month again."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sitecorpus import write_cable

from generator.archive.load import load_archive
from generator.cable import Cable, Source
from generator.content.cablefile import body_sha256
from generator.site.export import category_json, month_outputs, previous_rows


def plain(key: str, ids: list[str]) -> bytes:
    return (json.dumps({"name": key, "ids": ids}, ensure_ascii=False, indent=1) + "\n").encode()


@pytest.mark.parametrize(
    ("key", "ids"),
    [
        ("PREL", ["07ASTANA614", "06STATE202745"]),
        ("Embassy Zürich", ["09ZURICH1"]),
        ('a "quoted" \\ key\u2028', ["05PARIS1", "05PARIS2", "05PARIS3"]),
        ("empty", []),
    ],
)
def test_category_json_is_what_json_dumps_writes(key, ids):
    assert category_json(key, ids) == plain(key, ids)


# -- an incremental build rewrites a month's export from its previous files -----------

AWKWARD = (
    'quotes " and, commas',
    "line\u2028separator and next\x85line",
    "carriage\r\nreturn",
    "Zürich ¶ 🙂",
)


def awkward_cable(number: int, body_extra: str = "") -> Cable:
    body = f"SUBJECT: {AWKWARD[number % 4]}\n\n1. (C) Text {number}{body_extra}.\n"
    return Cable(
        id=f"07PARIS{number}",
        created=f"2007-04-0{number}T10:00",
        released=None if number % 2 else "2010-12-01T21:00",
        classification="CONFIDENTIAL",
        origin="Embassy Paris",
        subject=AWKWARD[number % 4],
        tags=("PREL", "FR") if number % 2 else (),
        references=(),
        body=body,
        sources=(Source(f"test-{number}.txt", "text", body_sha256(body)),),
    )


def write_outputs(site: Path, outputs: list[tuple[str, bytes]]) -> None:
    for path, data in outputs:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)


def test_a_month_rewritten_from_its_previous_files_equals_a_full_read(tmp_path):
    content, site = tmp_path / "content", tmp_path / "site"
    for number in range(1, 6):
        write_cable(content, awkward_cable(number))
    write_outputs(site, month_outputs(load_archive(content, print), "2007-04"))

    write_cable(content, awkward_cable(3, " edited"))
    archive = load_archive(content, print)
    previous = previous_rows(site, "2007-04", {"07PARIS3"})
    assert previous is not None
    assert sorted(previous) == ["07PARIS1", "07PARIS2", "07PARIS4", "07PARIS5"]
    rewritten = month_outputs(archive, "2007-04", previous=previous)
    assert rewritten == month_outputs(archive, "2007-04")
    text = gzip.decompress(rewritten[0][1]).decode()
    assert " edited" in text and "\u2028" in text and "\x85" in text  # kept, not split on


@pytest.mark.parametrize("damage", ["missing", "truncated", "extra line"])
def test_previous_files_not_as_written_are_not_used(tmp_path, damage):
    content, site = tmp_path / "content", tmp_path / "site"
    for number in range(1, 4):
        write_cable(content, awkward_cable(number))
    outputs = month_outputs(load_archive(content, print), "2007-04")
    jsonl = gzip.decompress(outputs[0][1])
    if damage == "missing":
        outputs = outputs[1:]
    elif damage == "truncated":
        outputs = [(outputs[0][0], outputs[0][1][:-20]), outputs[1]]
    else:
        outputs = [(outputs[0][0], gzip.compress(jsonl + b'{"id": "X"}\n')), outputs[1]]
    write_outputs(site, outputs)
    assert previous_rows(site, "2007-04", set()) is None
