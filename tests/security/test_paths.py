"""No value from a cable or a source becomes a path outside --content or --out.

Ids, tags, origins, classifications and dates become folder and file names. The
tests snapshot the temp folder *around* the project (the build stages beside
site/) before and after each run and fail on any file that appeared outside
content/, site/ and .cache/.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import hostile
import pytest
from hostile_build import build_site, outside, snapshot, write_content

from generator.cli import main
from generator.content.schema import is_cable_id
from generator.errors import CablesiteError
from generator.site import urls

ALLOWED = ("project/content", "project/site", "project/.cache")


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    return root


def _build_attacks(
    tmp_path: Path, attacks: list[hostile.PathAttack], **options: object
) -> tuple[object, list[str]]:
    """Build one site holding a cable per attack; (report or the error, escaped files)."""
    root = _project(tmp_path)
    cables = [hostile.attack_cable(n, a) for n, a in enumerate(attacks, start=1)]
    # A hostile id cannot name its file (the build finds files by name): 10PATH<n>.md.
    names = [c.id if is_cable_id(c.id) else f"10PATH{n}" for n, c in enumerate(cables, 1)]
    write_content(root / "content", cables, names)
    before = snapshot(tmp_path)
    try:
        result: object = build_site(root, **options)
    except CablesiteError as error:
        result = error
    return result, outside(tmp_path, before, ALLOWED)


def _inside(path: str) -> bool:
    normal = posixpath.normpath(path)
    return not (normal == ".." or normal.startswith(("../", "/")))


def test_hostile_ids_tags_origins_and_classifications_stay_inside_the_site(tmp_path):
    attacks = hostile.path_attacks()
    result, escaped = _build_attacks(tmp_path, attacks)
    assert escaped == []
    assert not isinstance(result, CablesiteError), result
    site = tmp_path / "project" / "site"
    for path in site.rglob("*"):
        assert path.resolve().is_relative_to(site.resolve()), path
    for attack in attacks:
        cable = hostile.attack_cable(0, attack)
        for value in cable.tags if attack.field == "tags" else (getattr(cable, attack.field),):
            section = {"tags": "tag", "id": None}.get(attack.field, attack.field)
            page = urls.cable(value, None) if section is None else urls.browse(section, value)
            assert _inside(page) and not Path(page).is_absolute(), (attack.name, page)


def test_hostile_dates_stay_inside_the_site(tmp_path):
    result, escaped = _build_attacks(tmp_path, hostile.date_attacks(), search=True)
    assert escaped == []
    assert not isinstance(result, Exception) or isinstance(result, CablesiteError)


@pytest.mark.parametrize("attack", hostile.BUILD_BREAKERS, ids=lambda a: a.name)
def test_one_odd_value_does_not_break_the_build(tmp_path, attack):
    result, escaped = _build_attacks(tmp_path, [attack])
    assert escaped == []
    assert not isinstance(result, CablesiteError), result


def _run(argv: list[str], capsys) -> tuple[int, list[str]]:
    status = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.err.splitlines()


def test_csv_rows_with_hostile_ids_are_rejected_one_line_each(tmp_path, capsys):
    root = _project(tmp_path)
    data, good = hostile.hostile_csv()
    source = tmp_path / "cables.csv"
    source.write_bytes(data)
    before = snapshot(tmp_path)
    status, lines = _run(["import", str(source), "--content", str(root / "content"), "-q"], capsys)
    assert status == 1
    assert outside(tmp_path, before, ALLOWED) == []
    rejected = [line for line in lines if "bad reference id" in line]
    assert len(rejected) == len(hostile.BAD_IDS)
    assert all(line.startswith(f"{source}:") and ": error: " in line for line in rejected)
    stored = sorted(p.name for p in (root / "content").rglob("*.md"))
    assert len(stored) == good
    assert all(p.removesuffix(".md").isalnum() for p in stored)


def test_a_body_ending_with_a_quote_is_imported(tmp_path, capsys):
    root = _project(tmp_path)
    source = tmp_path / "cables.csv"
    rows = hostile.csv_row(1, "08QUOTE1", "Embassy X", hostile.QUOTE_AT_END)
    rows += hostile.csv_row(2, "08QUOTE2", "Embassy X", "SUBJECT: NEXT\n")
    source.write_text(rows, encoding="utf-8")
    status, lines = _run(["import", str(source), "--content", str(root / "content"), "-q"], capsys)
    assert (status, lines) == (0, [])
    assert len(list((root / "content").rglob("*.md"))) == 2


def test_hostile_source_files_are_reported_and_never_escape(tmp_path, capsys):
    root = _project(tmp_path)
    sources = tmp_path / "sources"
    sources.mkdir()
    for name, data in hostile.hostile_sources().items():
        (sources / name).write_bytes(data)
    before = snapshot(tmp_path)
    status, lines = _run(["import", str(sources), "--content", str(root / "content"), "-q"], capsys)
    assert status == 1
    assert outside(tmp_path, before, ALLOWED) == []
    errors = [line for line in lines if ": error: " in line]
    assert all(line.startswith(str(sources)) for line in errors)
    # every file is either imported or named in exactly one error line
    named = {line.split(":", 1)[0] for line in errors}
    stored = list((root / "content").rglob("*.md"))
    assert stored and len(named) >= len(hostile.BAD_IDS) - 4  # 4 ids are read as 07ASTANA614
    for path in stored:
        assert path.resolve().is_relative_to((root / "content" / "cables").resolve())
        assert path.name.split(".")[0].isalnum()


def test_the_build_command_reports_a_bad_content_file_in_one_line(tmp_path, capsys, monkeypatch):
    root = _project(tmp_path)
    monkeypatch.chdir(root)  # no cablesite.yaml here; .cache/ lands in the project
    folder = root / "content" / "cables" / "2010" / "01"
    folder.mkdir(parents=True)
    (folder / "10BAD1.md").write_bytes(b"---\nid: \xff\xfe\n---\n")
    (folder / "10BAD2.md").write_bytes(b"---\nid: !!python/object/apply:os.system ['x']\n---\n")
    argv = ["build", "--content", str(root / "content"), "--out", str(root / "site")]
    status, lines = _run([*argv, "--no-search", "-q"], capsys)
    assert status == 1
    errors = [line for line in lines if ": error: " in line]
    assert sorted(line.split(":", 1)[0] for line in errors) == [
        str(folder / "10BAD1.md"),
        str(folder / "10BAD2.md"),
    ]


def test_yaml_in_content_never_runs_code(tmp_path, capsys, monkeypatch):
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    touch = "!!python/object/apply:os.system ['touch PWNED']"
    content = root / "content"
    write_content(content, [hostile.attack_cable(1, hostile.PathAttack("x", "origin", "X"))])
    (content / "tags.yaml").write_text(f"PHUM: {touch}\n", encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text(f"---\ntitle: {touch}\n---\ntext\n", "utf-8")
    folder = content / "cables" / "2010" / "01"
    (folder / "10YAML1.md").write_text(f"---\nid: {touch}\n---\n", encoding="utf-8")
    argv = ["build", "--content", str(content), "--out", str(root / "site"), "--no-search"]
    status, lines = _run([*argv, "-q"], capsys)
    assert not (root / "PWNED").exists() and not (tmp_path / "PWNED").exists()
    assert status == 1
    named = {line.split(":", 1)[0] for line in lines if ": error: " in line}
    assert named == {
        str(content / "tags.yaml"),
        str(content / "pages" / "about.md"),
        str(folder / "10YAML1.md"),
    }
