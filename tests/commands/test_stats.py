import argparse
import contextlib
import io
import json
from pathlib import Path

import pytest

from generator.cable import Cable
from generator.commands import stats
from generator.content.cablefile import body_sha256, format_cable_file
from generator.content.layout import cable_path, variant_file_name
from generator.report import Reporter


def cable(cable_id: str, created: str | None, released: str | None, **fields) -> Cable:
    values = {"classification": None, "origin": None, "references": (), "body": "TEXT\n"}
    values.update(fields)
    return Cable(id=cable_id, created=created, released=released, subject="S", tags=(), **values)


CABLES = [
    cable(
        "07ASTANA614",
        "2007-03-07T12:06",
        "2011-08-26T00:00",
        classification="CONFIDENTIAL",
        origin="Embassy Astana",
        references=("06STATE202745", "08PARIS1"),
    ),
    cable(
        "08PARIS1",
        "2008-01-02T10:00",
        None,
        classification="SECRET",
        origin="Embassy Paris",
        references=("06STATE202745", "99ROME1", "99ROME1"),
    ),
    cable(
        "08PARIS2",
        "2008-05-02T10:00",
        "2011-08-30T00:00",
        classification="SECRET",
        origin="Embassy Paris",
        references=("06STATE202745",),
    ),
    cable("10BERLIN5", None, None),
]


def write(content: Path, item: Cable, name: str | None = None) -> Path:
    path = cable_path(content, item.id, item.created)
    if name is not None:
        path = path.with_name(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_cable_file(item), encoding="utf-8", newline="")
    return path


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for item in CABLES:
        write(root, item)
    variant = cable("08PARIS1", "2008-01-02T10:00", None, body="OTHER TEXT\n" * 5000)
    write(root, variant, variant_file_name("08PARIS1", body_sha256(variant.body)))
    return root


def run_stats(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    stats.add_arguments(parser)
    errors = io.StringIO()
    out = io.StringIO()
    reporter = Reporter(quiet=True, stream=errors)
    with contextlib.redirect_stdout(out):
        status = stats.run(parser.parse_args(list(argv)), reporter)
    return status, out.getvalue(), errors.getvalue()


def test_json_numbers_are_exact(content: Path) -> None:
    status, out, _ = run_stats("--content", str(content), "--json")
    assert status == 0
    assert json.loads(out) == {
        "cables": 4,
        "variants": 1,
        "unreadable": 0,
        "without_created": 1,
        "without_released": 2,
        "per_year": {"2007": 1, "2008": 2, "undated": 1},
        "per_classification": {"SECRET": 2, "(unknown)": 1, "CONFIDENTIAL": 1},
        "origins": 3,
        "per_origin": {"Embassy Paris": 2, "(unknown)": 1, "Embassy Astana": 1},
        "missing_references": {
            "ids": 2,
            "citations": 4,
            "most_cited": {"06STATE202745": 3, "99ROME1": 1},
        },
    }


def test_top_limits_the_long_lists(content: Path) -> None:
    _, out, _ = run_stats("--content", str(content), "--json", "--top", "1")
    numbers = json.loads(out)
    assert numbers["per_origin"] == {"Embassy Paris": 2}
    assert numbers["missing_references"]["most_cited"] == {"06STATE202745": 3}
    _, out, _ = run_stats("--content", str(content), "--json", "--top", "1", "--all")
    assert len(json.loads(out)["per_origin"]) == 3


def test_text_report(content: Path) -> None:
    status, out, _ = run_stats("--content", str(content), "--top", "1")
    assert status == 0
    assert out.startswith("Cables: 4 (plus 1 variant texts)\n")
    assert "Without a creation date: 1\n" in out
    assert "Without a release date: 2\n" in out
    assert "  2008             2\n" in out
    assert "Per origin (top 1 of 3 origins; --all for every one):\n" in out
    assert "References to cables not in the archive: 4 citations of 2 ids\n" in out
    assert "  06STATE202745          3" in out


def test_a_broken_file_is_reported_and_the_rest_counted(content: Path) -> None:
    broken = content / "cables" / "2009" / "01" / "09ROME3.md"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"---\nid: [unclosed\n---\nbody\n")
    status, out, errors = run_stats("--content", str(content), "--json")
    assert status == 1
    assert json.loads(out)["cables"] == 4
    assert json.loads(out)["unreadable"] == 1
    assert errors.startswith(f"{broken}:")
    assert ": error: " in errors


def test_only_the_front_matter_is_read(content: Path) -> None:
    path = write(content, cable("09ROME4", "2009-02-02T10:00", None))
    with open(path, "ab") as file:
        file.write(b"\xff\xfe invalid UTF-8 in the text does not matter to stats\n")
    assert stats.read_front_matter(path).id == "09ROME4"


def test_missing_content_folder_says_what_to_do(tmp_path: Path) -> None:
    status, out, errors = run_stats("--content", str(tmp_path / "nowhere"))
    assert status == 1
    assert out == ""
    assert "--content DIR" in errors


def test_the_content_folder_comes_from_the_config_by_default(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "cablesite.yaml").write_text(f"content_dir: {content}\n")
    monkeypatch.chdir(project)
    status, out, _ = run_stats("--json")
    assert status == 0
    assert json.loads(out)["cables"] == 4
