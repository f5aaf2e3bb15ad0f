"""Stats of the cable files: GNU find in the background, or a walk in Python, alike."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.site.filestats import FileStats, mtime_text, python_stats


def a_tree(root: Path) -> Path:
    folder = root / "cables"
    for relative, mtime in (
        ("2007/04/07PARIS1.md", 1_795_457_546_644_691_253),
        ("2007/04/07PARIS2.variant-abc.md", 1_000_000_000_000_000_001),
        ("undated/name with spaces é.md", 1_700_000_000_000_000_000),
        ("undated/new\nline.md", 1_700_000_000_123_456_789),
        ("1969/old.md", -1_250_000_000),
    ):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(relative * 3, encoding="utf-8")
        os.utime(path, ns=(mtime, mtime))
    (folder / "2007" / "link.md").symlink_to(folder / "2007/04/07PARIS1.md")
    (folder / "2007" / "broken.md").symlink_to(folder / "nowhere.md")
    (folder / "2007" / "folder-link").symlink_to(folder / "undated")
    return folder


@pytest.mark.skipif(shutil.which("find") is None, reason="no find on this machine")
def test_find_and_python_give_the_same_stats(tmp_path):
    folder = str(a_tree(tmp_path))
    stats = FileStats(folder)
    assert stats.in_background
    found = stats.result()
    assert found == python_stats(folder)
    assert list(found) == sorted(found)
    paris = os.path.join(folder, "2007/04/07PARIS1.md")
    assert found[paris] == (os.stat(paris).st_size, "1795457546.6446912530")
    assert os.path.join(folder, "2007/link.md") in found
    assert not any(name.endswith(("broken.md", "folder-link")) for name in found)
    assert len(found) == 6


def test_without_find_the_folder_is_walked_in_python(tmp_path, monkeypatch):
    folder = str(a_tree(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    stats = FileStats(folder)
    assert not stats.in_background
    assert stats.result() == python_stats(folder) and len(python_stats(folder)) == 6


def test_a_missing_folder_has_no_files(tmp_path):
    assert FileStats(str(tmp_path / "none")).result() == {}


@pytest.mark.parametrize(
    ("nanoseconds", "text"),
    [
        (1_795_457_546_644_691_253, "1795457546.6446912530"),
        (1_700_000_000_000_000_000, "1700000000.0000000000"),
        (1, "0.0000000010"),
        (-1_250_000_000, "-2.7500000000"),
    ],
)
def test_times_written_as_find_writes_them(nanoseconds, text):
    assert mtime_text(nanoseconds) == text
