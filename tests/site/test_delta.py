"""The incremental build (generator/site/delta.py) against clean builds.

Random rounds of edits (text, tags, subject, creation date, release date,
classification, references, variants, additions, deletions) on a generated
archive with small browse pages; after each round the incremental build must
take the incremental path and leave a site and a build state equal, byte for
byte, to those of a clean build of the same content.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from sitecorpus import build_site, write_cable

from generator.cable import Cable, Source
from generator.content.cablefile import body_sha256, parse_cable_file
from generator.content.layout import variant_file_name
from generator.report import Reporter
from generator.site import state
from generator.site.build import build
from generator.site.config import load_config
from generator.site.state import load_state

ORIGINS = ("ROME", "PARIS", "ASTANA")
TAGS = ("PREL", "PGOV", "ECON", "KZ", "IT", "FR", "ETRD")
LEVELS = ("CONFIDENTIAL", "SECRET", "UNCLASSIFIED", None)
MONTHS = ("2006-11", "2007-03", "2007-04", "2008-01")
EDITS = ("text", "tags", "subject", "created", "released", "level", "refs", "variant")
EDITS += ("add", "delete")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def make_cable(rng: random.Random, number: int, ids: list[str]) -> Cable:
    origin = rng.choice(ORIGINS)
    month = rng.choice((*MONTHS, None))
    created = f"{month}-{rng.randint(10, 28)}T12:{rng.randint(10, 59)}" if month else None
    year = created[2:4] if created else "05"
    refs = tuple(sorted(set(rng.sample(ids, min(len(ids), rng.randint(0, 2))))))
    body = f"SUBJECT: TEST {number}\n\n1. (C) Paragraph {rng.random()}.\n\n2. Done.\n"
    return Cable(
        id=f"{year}{origin}{number}",
        created=created,
        released=f"2010-12-{rng.randint(1, 3):02d}T21:{rng.randint(10, 59)}",
        classification=rng.choice(LEVELS),
        origin=f"Embassy {origin.title()}",
        subject=f"TEST {number}",
        tags=tuple(rng.sample(TAGS, rng.randint(1, 3))),
        references=refs,
        body=body,
        sources=(Source(f"test-{number}.txt", "text", body_sha256(body)),),
    )


def read(path: Path) -> Cable:
    return parse_cable_file(path.read_text(encoding="utf-8"), str(path))


def files_of(content: Path) -> list[Path]:
    return sorted(p for p in (content / "cables").rglob("*.md") if ".variant-" not in p.name)


def small_archive(folder: Path, seed: int, count: int = 8) -> Path:
    """content/ with ``count`` generated cables."""
    rng = random.Random(seed)
    content = folder / "content"
    ids: list[str] = []
    for number in range(count):
        cable = make_cable(rng, number, ids)
        ids.append(cable.id)
        write_cable(content, cable)
    return content


def edit(rng: random.Random, content: Path, counter: list[int]) -> None:
    """One random change to the content folder."""
    paths = files_of(content)
    path = rng.choice(paths)
    cable = read(path)
    ids = [p.stem for p in paths] + ["99NOWHERE1"]
    kind = rng.choice(
        (
            "text",
            "tags",
            "subject",
            "created",
            "released",
            "level",
            "refs",
            "variant",
            "add",
            "delete",
        )
    )
    if kind == "add":
        counter[0] += 1
        write_cable(content, make_cable(rng, counter[0], ids))
        return
    if kind == "delete":
        path.unlink()
        return
    if kind == "variant":
        other = dataclasses.replace(cable, body=cable.body + "\nVARIANT LINE\n")
        target = path.parent / variant_file_name(cable.id, body_sha256(other.body))
        write_cable(content.parent / "tmp-variant", other).rename(target)
        return
    changes = {
        "text": {"body": cable.body.replace("Done", f"Done {rng.random()}")},
        "tags": {"tags": tuple(rng.sample(TAGS, rng.randint(1, 3)))},
        "subject": {"subject": f"NEW SUBJECT {rng.random()}"},
        "created": {"created": f"{rng.choice(MONTHS)}-0{rng.randint(1, 9)}T08:00"},
        "released": {"released": f"2011-0{rng.randint(1, 9)}-01T00:00"},
        "level": {"classification": rng.choice(LEVELS)},
        "refs": {"references": tuple(sorted(set(rng.sample(ids, 2))))},
    }[kind]
    path.unlink()  # a new creation month moves the file
    write_cable(content, dataclasses.replace(cable, **changes))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_incremental_builds_equal_clean_builds(tmp_path, seed):
    rng = random.Random(seed)
    content = tmp_path / "content"
    ids: list[str] = []
    for number in range(40):
        cable = make_cable(rng, number, ids)
        if cable.id not in ids:
            ids.append(cable.id)
            write_cable(content, cable)
    site, cache = tmp_path / "site", tmp_path / ".cache"
    options = {"page_size": 3}
    build_site(content, site, cache, **options)
    counter = [100]
    for round_number in range(4):
        for _ in range(rng.randint(1, 4)):
            edit(rng, content, counter)
        report = build_site(content, site, cache, **options)
        assert report.changed is not None, f"round {round_number}: took the full path"
        fresh, fresh_cache = tmp_path / f"fresh{round_number}", tmp_path / f".fresh{round_number}"
        clean = build_site(content, fresh, fresh_cache, **options)
        assert clean.changed is None
        assert snapshot(site) == snapshot(fresh), f"round {round_number}"
        assert (report.cables, report.files, report.pages) == (
            clean.cables,
            clean.files,
            clean.pages,
        )
        ours, theirs = load_state(cache), load_state(fresh_cache)
        for name in ("files", "entries", "indexes", "cited_by", "pages", "extras", "lookup"):
            assert getattr(ours, name) == getattr(theirs, name), f"round {round_number}: {name}"


def test_a_bad_file_is_reported_on_every_incremental_build(tmp_path):
    content = small_archive(tmp_path, 7, 10)
    site, cache = tmp_path / "site", tmp_path / ".cache"
    overrides = {"content_dir": content, "out_dir": site, "cache_dir": cache, "search": False}
    build(load_config(None, overrides), Reporter(quiet=True))
    broken = files_of(content)[3]
    page = site / "cable" / broken.relative_to(content / "cables").with_suffix(".html")
    assert page.exists()
    broken.write_text("---\nid: 'unterminated\n---\n", encoding="utf-8")
    for _ in range(2):  # the file is left out and reported again, not forgotten
        reporter = Reporter(quiet=True)
        report = build(load_config(None, overrides), reporter)
        assert reporter.errors == 1 and report.changed == 1
        assert not page.exists() and report.cables == 9


def test_a_duplicate_id_falls_back_to_the_full_build(tmp_path):
    rng = random.Random(9)
    content = tmp_path / "content"
    cable = make_cable(rng, 1, [])
    write_cable(content, dataclasses.replace(cable, created="2007-03-01T00:00"))
    site, cache = tmp_path / "site", tmp_path / ".cache"
    build_site(content, site, cache)
    write_cable(content, dataclasses.replace(cable, created="2008-01-01T00:00"))
    report = build_site(content, site, cache)
    assert report.changed is None and report.cables == 1


def test_a_full_build_reads_only_the_files_that_changed(tmp_path, monkeypatch):
    import generator.archive.load as load

    content = small_archive(tmp_path, 11, 12)
    site, cache = tmp_path / "site", tmp_path / ".cache"
    build_site(content, site, cache)
    edited = files_of(content)[5]
    edit_text = read(edited)
    write_cable(content, dataclasses.replace(edit_text, body=edit_text.body + "\nMORE\n"))
    read_files: list[str] = []
    real = load.load_entry
    monkeypatch.setattr(
        load, "load_entry", lambda path, **options: read_files.append(path) or real(path, **options)
    )
    report = build_site(content, site, cache, page_size=7)  # another config: the full path
    assert report.changed is None and read_files == [str(edited)]


def test_an_edit_rewrites_its_month_export_without_reading_the_month(tmp_path, monkeypatch):
    import generator.site.export as export

    content = tmp_path / "content"
    for number in range(10):  # one creation month
        write_cable(
            content,
            dataclasses.replace(
                make_cable(random.Random(number), number, []),
                id=f"07ROME{number}",
                created="2007-03-10T10:00",
            ),
        )
    site, cache = tmp_path / "site", tmp_path / ".cache"
    build_site(content, site, cache)
    edited = read(files_of(content)[4])
    write_cable(content, dataclasses.replace(edited, body=edited.body + "\nMORE\n"))
    read_files: list[str] = []
    real = export.read_cable
    monkeypatch.setattr(export, "read_cable", lambda path: read_files.append(path) or real(path))
    report = build_site(content, site, cache)
    assert report.changed == 1 and read_files == []  # the edited cable's record came from its page
    assert snapshot(site) == snapshot(build_site_fresh(tmp_path, content))


def build_site_fresh(tmp_path: Path, content: Path) -> Path:
    build_site(content, tmp_path / "fresh", tmp_path / ".fresh")
    return tmp_path / "fresh"


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_fresh_clone_with_the_cache_restored_builds_only_the_change(tmp_path):
    # What a CI host does on every push: clone (new mtimes), restore .cache and site/.
    repo = tmp_path / "repo"
    content = small_archive(repo, 13, 12)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "cables")
    site, cache = tmp_path / "site", tmp_path / ".cache"
    build_site(content, site, cache)
    os.rename(repo, tmp_path / "old")
    git(tmp_path, "clone", "-q", str(tmp_path / "old"), str(repo))
    report = build_site(content, site, cache)
    assert report.rendered == 0 and list(report.timings) == ["check"]  # nothing changed
    cable = read(files_of(content)[4])
    write_cable(content, dataclasses.replace(cable, subject="EDITED AFTER THE CLONE"))
    report = build_site(content, site, cache)
    assert report.changed == 1 and 0 < report.rendered < 20


def test_a_build_that_died_leaves_no_state_to_trust(tmp_path):
    content = small_archive(tmp_path, 17)
    site, cache = tmp_path / "site", tmp_path / ".cache"
    build_site(content, site, cache)
    (cache / state.OPEN_FILE).touch()  # what a killed build leaves behind
    cable = read(files_of(content)[2])
    write_cable(content, dataclasses.replace(cable, subject="AFTER A CRASH"))
    report = build_site(content, site, cache)
    assert report.changed is None and not (cache / state.OPEN_FILE).exists()
    assert load_state(cache) is not None


def test_a_long_journal_is_folded_into_the_state(tmp_path, monkeypatch):
    content = small_archive(tmp_path, 19)
    site, cache = tmp_path / "site", tmp_path / ".cache"
    build_site(content, site, cache)
    journal = cache / state.JOURNAL_FILE
    for number in range(3):
        cable = read(files_of(content)[number])
        write_cable(content, dataclasses.replace(cable, subject=f"EDIT {number}"))
        assert build_site(content, site, cache).changed == 1
        if number == 1:
            assert journal.stat().st_size > 0
            monkeypatch.setattr(state, "JOURNAL_LIMIT", 1)  # the next save rewrites
    assert not journal.exists()
    fresh_cache = tmp_path / ".fresh"
    build_site(content, tmp_path / "fresh", fresh_cache)
    ours, theirs = load_state(cache), load_state(fresh_cache)
    assert (ours.entries, ours.pages, ours.indexes) == (
        theirs.entries,
        theirs.pages,
        theirs.indexes,
    )
