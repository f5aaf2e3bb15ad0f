"""AtomicWriter: staged files are read back, put in place by batch, never half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content import atomic
from generator.content.atomic import AtomicWriter, WriteFailure
from generator.content.layout import is_temp_name


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture(autouse=True)
def quick_flush(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """os.sync flushes every process's data: seconds on a busy machine, and not under test."""
    calls: list[int] = []
    monkeypatch.setattr(atomic.os, "sync", lambda: calls.append(1))
    return calls


@pytest.mark.parametrize(("sync", "background"), [(False, False), (True, False), (True, True)])
def test_staged_bytes_are_read_back_and_put_in_place_by_wait(
    tmp_path: Path, sync: bool, background: bool
) -> None:
    writer = AtomicWriter(sync=sync, background=background)
    target = tmp_path / "a.md"
    writer.write(target, b"one")
    assert not target.exists() and writer.read(target) == b"one"
    writer.write(target, b"two")  # the same target twice in one batch: the last text wins
    assert writer.read(target) == b"two" and len(names(tmp_path)) == 1
    writer.wait()
    assert target.read_bytes() == b"two" and names(tmp_path) == ["a.md"]
    writer.close()


@pytest.mark.parametrize("background", [False, True])
def test_a_batch_being_flushed_is_read_back_and_renamed_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_flush: list[int], background: bool
) -> None:
    monkeypatch.setattr(atomic, "BATCH_FILES", 2)
    writer = AtomicWriter(sync=True, background=background)
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    writer.write(a, b"a1")
    writer.write(b, b"b1")  # the batch is full: its flush starts
    writer.write(a, b"a2")  # a newer text in the next batch
    assert writer.read(b) == b"b1" and writer.read(a) == b"a2"
    writer.close()
    assert (a.read_bytes(), b.read_bytes()) == (b"a2", b"b1")
    assert names(tmp_path) == ["a.md", "b.md"]
    assert len(quick_flush) == 3  # each batch before its renames, then the renames


@pytest.mark.parametrize("background", [False, True])
def test_discard_leaves_targets_as_they_were(tmp_path: Path, monkeypatch, background) -> None:
    monkeypatch.setattr(atomic, "BATCH_FILES", 2)
    (tmp_path / "a.md").write_bytes(b"old")
    writer = AtomicWriter(sync=True, background=background)
    for name in ("a.md", "b.md", "c.md"):
        writer.write(tmp_path / name, b"new")
    writer.discard()
    assert names(tmp_path) == ["a.md"] and (tmp_path / "a.md").read_bytes() == b"old"


@pytest.mark.parametrize("background", [False, True])
def test_a_failed_write_stops_every_later_write(tmp_path: Path, background: bool) -> None:
    writer = AtomicWriter(sync=False, background=background)
    with pytest.raises(WriteFailure, match="No such file"):
        writer.write(tmp_path / "missing" / "a.md", b"x")
        writer.wait()  # in the background, the failure shows at the next write or commit
    with pytest.raises(WriteFailure):
        writer.write(tmp_path / "b.md", b"x")
    assert not [n for n in names(tmp_path) if is_temp_name(n)]
