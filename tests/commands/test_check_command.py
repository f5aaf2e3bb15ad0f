"""`cablesite check`: each kind of broken content file gives PATH:LINE: error/warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cable import Cable, Source
from generator.cli import main
from generator.content.cablefile import body_sha256, format_cable_file
from generator.content.store import ContentStore

BODY = "UNCLAS ASTANA 000614\n\n1. Text.\n"


def cable(cable_id: str, created: str | None = "2007-03-07T12:06", **kw: object) -> Cable:
    fields: dict[str, object] = dict(
        id=cable_id, created=created, released=None, classification="UNCLASSIFIED",
        origin="Embassy Astana", subject="S", tags=("KZ",), references=(), body=BODY,
        sources=(Source("a.csv", "csv", body_sha256(BODY)),),
    )  # fmt: skip
    fields.update(kw)
    return Cable(**fields)  # type: ignore[arg-type]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    with ContentStore(tmp_path, sync=False) as store:
        store.put(cable("07ASTANA614", references=("07ASTANA1",)))
        store.put(cable("07ASTANA1"))
    return tmp_path


def check(content: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    status = main(["check", "--content", str(content), *extra])
    return status, capsys.readouterr().err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_clean_content_passes(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = check(content, capsys)
    assert status == 0
    assert "checked 2 cable files: 0 errors, 0 warnings" in err


def test_each_problem_is_named_with_file_and_line(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = content / "cables" / "2007" / "03"
    text = format_cable_file(cable("07ASTANA614"))
    bad_date = write(folder / "07ASTANA2.md", format_cable_file(cable("07ASTANA2")).replace(
        '"2007-03-07T12:06"', '"2007-02-30T12:06"'))  # fmt: skip
    wrong_name = write(folder / "07ASTANA3.md", text)
    wrong_folder = write(content / "cables" / "2008" / "01" / "07ASTANA4.md",
                         format_cable_file(cable("07ASTANA4")))  # fmt: skip
    duplicate = write(content / "cables" / "undated" / "07ASTANA1.md",
                      format_cable_file(cable("07ASTANA1", created=None)))  # fmt: skip
    unknown = write(folder / "07ASTANA5.md",
                    format_cable_file(cable("07ASTANA5", classification="TOP SECRET")))  # fmt: skip
    malformed = write(folder / "07ASTANA6.md", format_cable_file(cable("07ASTANA6")).replace(
        'created: "2007-03-07T12:06"', 'created: "March 2007"'))  # fmt: skip
    no_fence = write(folder / "07ASTANA7.md", "id: 07ASTANA7\n")
    bad_yaml = write(folder / "07ASTANA8.md", "---\nid: [unclosed\n---\nbody")
    dangling = write(folder / "07ASTANA9.md",
                     format_cable_file(cable("07ASTANA9", references=("99NOWHERE1",))))  # fmt: skip
    edited = write(
        folder / "07ASTANA10.md",
        format_cable_file(cable("07ASTANA10")).replace("1. Text.", "1. Edited."),
    )
    extra_key = write(folder / "07ASTANA11.md", format_cable_file(cable("07ASTANA11")).replace(
        "sources:", "mood: calm\nsources:"))  # fmt: skip
    status, err = check(content, capsys)
    assert status == 1
    expected = [
        f"{bad_date}:3: error: created: date '2007-02-30T12:06' does not exist",
        f"{wrong_name}:2: error: id 07ASTANA614 does not match the file name 07ASTANA3.md",
        f"{wrong_folder}:3: error: file is in 2008/01/ but its created date belongs in 2007/03/",
        f"{duplicate}:2: error: duplicate id 07ASTANA1 (also in ",
        f"{unknown}:5: error: unknown classification 'TOP SECRET'",
        f"{malformed}:3: error: created: malformed date 'March 2007'",
        f"{no_fence}:1: error: file does not start with a '---' front matter line",
        f"{bad_yaml}:3: error: bad front matter: did not find expected ',' or ']'",
        f"{dangling}:9: warning: reference 99NOWHERE1 points to no cable in the archive",
        f"{edited}:10: warning: sha256 does not match the text",
        f"{extra_key}:11: warning: unknown front-matter key 'mood'",
    ]
    for line in expected:
        assert line in err, line
    assert err.count(": error: ") == 8 and err.count(": warning: ") == 3


def test_strict_fails_on_warnings(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = content / "cables" / "2007" / "03"
    write(folder / "07ASTANA9.md",
          format_cable_file(cable("07ASTANA9", references=("99NOWHERE1",))))  # fmt: skip
    assert check(content, capsys)[0] == 0
    assert check(content, capsys, "--strict")[0] == 1


def test_missing_content_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = check(tmp_path / "nothing", capsys)
    assert status == 1 and "error: no cables folder" in err


def test_variants_are_checked_against_their_name(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = content / "cables" / "2007" / "03"
    write(folder / "07ASTANA1.variant-000000000000.md", format_cable_file(cable("07ASTANA1")))
    status, err = check(content, capsys)
    assert status == 0
    assert "variant file name does not match the sha256 of its text" in err
