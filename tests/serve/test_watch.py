import os
from pathlib import Path

from generator.serve.watch import Watcher, changed_files, take_snapshot


def bump(path: Path, text: str) -> None:
    path.write_text(text)
    stamp = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_snapshot_covers_files_and_folders_and_skips_editor_files(tmp_path: Path) -> None:
    (tmp_path / "content" / "cables").mkdir(parents=True)
    (tmp_path / "content" / "cables" / "A.md").write_text("a")
    (tmp_path / "content" / "cables" / ".A.md.swp").write_text("x")
    (tmp_path / "content" / "cables" / "A.md~").write_text("x")
    (tmp_path / "cablesite.yaml").write_text("title: x")
    snapshot = take_snapshot(
        [tmp_path / "content", tmp_path / "cablesite.yaml", tmp_path / "absent"]
    )
    assert sorted(Path(p).name for p in snapshot) == ["A.md", "cablesite.yaml"]


def test_changed_files_lists_added_removed_and_modified() -> None:
    before = {"a": (1, 1), "b": (1, 1), "c": (1, 1)}
    after = {"a": (1, 1), "b": (2, 1), "d": (1, 1)}
    assert changed_files(before, after) == ["b", "c", "d"]


def test_a_change_is_reported_once_it_has_settled(tmp_path: Path) -> None:
    cable = tmp_path / "A.md"
    cable.write_text("one")
    watcher = Watcher([tmp_path])
    assert watcher.poll() == []
    bump(cable, "two")
    assert watcher.poll() == []  # still possibly being written
    assert watcher.poll() == [str(cable)]
    assert watcher.poll() == []
    (tmp_path / "B.md").write_text("new")
    cable.unlink()
    watcher.poll()
    assert watcher.poll() == [str(cable), str(tmp_path / "B.md")]
