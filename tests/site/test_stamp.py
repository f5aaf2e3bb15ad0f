"""The no-op check (generator/site/stamp.py): nothing changed means nothing is done,
and anything a build reads changing means a real build."""

from __future__ import annotations

import os
from pathlib import Path

from sitecorpus import build_site, write_cable

from generator.cable import Cable, Source
from generator.report import Reporter
from generator.site.build import build
from generator.site.config import load_config


def cable(cable_id: str, created: str | None, body: str = "UNCLAS\n\n1. Text.\n") -> Cable:
    return Cable(
        id=cable_id,
        created=created,
        released="2011-08-30T01:44",
        classification="UNCLASSIFIED",
        origin="Embassy Astana",
        subject=f"SUBJECT OF {cable_id}",
        tags=("PHUM", "KZ"),
        references=(),
        body=body,
        sources=(Source("x.txt", "wikileaks-text", "0" * 64),),
    )


def make_content(root: Path) -> Path:
    content = root / "content"
    write_cable(content, cable("07ASTANA614", "2007-03-07T12:06"))
    write_cable(content, cable("06STATE202745", "2006-11-01T10:00"))
    return content


def test_unchanged_inputs_stop_after_the_check(tmp_path):
    content = make_content(tmp_path)
    first = build_site(content, tmp_path / "site", tmp_path / ".cache")
    again = build_site(content, tmp_path / "site", tmp_path / ".cache")
    assert list(again.timings) == ["check"]
    assert again.rendered == again.written == again.removed == 0
    assert (again.cables, again.files, again.pages) == (first.cables, first.files, first.pages)
    assert again.skipped == sum(first.pages.values())


def test_an_edited_cable_is_built(tmp_path):
    content = make_content(tmp_path)
    build_site(content, tmp_path / "site", tmp_path / ".cache")
    write_cable(content, cable("07ASTANA614", "2007-03-07T12:06", body="UNCLAS\n\n1. New.\n"))
    report = build_site(content, tmp_path / "site", tmp_path / ".cache")
    assert "load" in report.timings and report.rendered > 0
    assert "1. New." in (tmp_path / "site/cable/2007/03/07ASTANA614.txt").read_text()


def test_a_touched_file_or_other_options_mean_a_real_build(tmp_path):
    content = make_content(tmp_path)
    build_site(content, tmp_path / "site", tmp_path / ".cache")
    path = content / "cables/2007/03/07ASTANA614.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert "load" in build_site(content, tmp_path / "site", tmp_path / ".cache").timings
    assert list(build_site(content, tmp_path / "site", tmp_path / ".cache").timings) == ["check"]
    other = build_site(content, tmp_path / "site", tmp_path / ".cache", page_size=1)
    assert "load" in other.timings


def test_a_deleted_site_is_built_again(tmp_path):
    content = make_content(tmp_path)
    build_site(content, tmp_path / "site", tmp_path / ".cache")
    (tmp_path / "site/index.html").unlink()
    report = build_site(content, tmp_path / "site", tmp_path / ".cache")
    assert "load" in report.timings and (tmp_path / "site/index.html").is_file()


def test_a_build_with_errors_reports_them_every_time(tmp_path):
    content = make_content(tmp_path)
    (content / "cables/2007/03/07BAD1.md").write_text("no front matter\n")
    config = load_config(
        None,
        {
            "content_dir": content,
            "out_dir": tmp_path / "site",
            "cache_dir": tmp_path / ".cache",
            "search": False,
        },
    )
    for _ in range(2):
        reporter = Reporter(quiet=True)
        build(config, reporter)
        assert reporter.errors == 1
