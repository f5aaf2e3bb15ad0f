"""Notice edits by polling: snapshots of (mtime, size) per file, compared over time.

Polling needs no extra dependency and works the same on every platform and
file system (network mounts, containers) where change notification does not.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]

# Editor droppings that change on every keystroke but never affect the build.
IGNORED_SUFFIXES = (".swp", ".swx", "~", ".tmp")


def _scan(folder: str, into: Snapshot) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # removed while we looked, or unreadable: treat as empty
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith(IGNORED_SUFFIXES):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan(entry.path, into)
            elif entry.is_file():
                info = entry.stat()
                into[entry.path] = (info.st_mtime_ns, info.st_size)
        except OSError:
            continue


def take_snapshot(paths: Iterable[Path]) -> Snapshot:
    """(mtime_ns, size) of every file under each path (a path may be a single file)."""
    snapshot: Snapshot = {}
    for path in paths:
        if path.is_dir():
            _scan(str(path), snapshot)
        elif path.is_file():
            info = path.stat()
            snapshot[str(path)] = (info.st_mtime_ns, info.st_size)
    return snapshot


def changed_files(before: Snapshot, after: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots, sorted."""
    changed = {path for path, stamp in after.items() if before.get(path) != stamp}
    changed.update(path for path in before if path not in after)
    return sorted(changed)


class Watcher:
    """Polls ``paths``; ``poll()`` returns the files changed since the last settled state.

    A change is reported only once the tree has stopped changing for one poll,
    so an editor's save-in-several-steps gives one rebuild, not three.
    The interval grows with the scan time so that watching 250,000 cables does
    not keep a core busy.
    """

    def __init__(self, paths: Iterable[Path], interval: float = 0.5) -> None:
        self.paths = list(paths)
        self.min_interval = interval
        self.interval = interval
        self._settled = self._snapshot()
        self._pending: Snapshot | None = None

    def _snapshot(self) -> Snapshot:
        started = time.monotonic()
        snapshot = take_snapshot(self.paths)
        self.interval = max(self.min_interval, 4 * (time.monotonic() - started))
        return snapshot

    def poll(self) -> list[str]:
        current = self._snapshot()
        if current == self._settled:
            self._pending = None
            return []
        if current != self._pending:
            self._pending = current  # still changing: wait one more poll
            return []
        changed = changed_files(self._settled, current)
        self._settled = current
        self._pending = None
        return changed

    def wait_for_change(self) -> list[str]:
        """Block until files change; returns them."""
        while True:
            time.sleep(self.interval)
            changed = self.poll()
            if changed:
                return changed
