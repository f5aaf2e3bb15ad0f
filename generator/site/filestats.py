"""Size and modification time of every file under a folder, found in the background.

A build's first step stats every cable file (251,287 for the whole leak). GNU
find does that in its own process in about half the time Python's scandir and
stat take, and while it runs the build loads its state on the other core. Where
find is missing or is not GNU find, the folder is walked in Python instead.
Either way the result is the same: {path: (size, mtime in ns)} for every file
(a symlink counts as the file it points to; broken ones are left out), sorted
by path.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator

Stats = dict[str, tuple[int, int]]


def walk_files(folder: str, found: Stats, skip: str = "") -> None:
    """Add path -> (size, mtime) of every file under ``folder`` (directory links not
    followed); the folder ``skip`` is left out. Paths are sorted by the caller."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.path != skip:
                walk_files(entry.path, found, skip)
            continue
        try:
            info = entry.stat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found[entry.path] = (info.st_size, info.st_mtime_ns)


def python_stats(folder: str) -> Stats:
    found: Stats = {}
    walk_files(folder, found)
    return dict(sorted(found.items()))


class FileStats:
    """Stats of every file under ``folder``, started at once; `result` waits for them."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._find: subprocess.Popen[bytes] | None = None
        if os.path.isdir(folder):
            try:
                self._find = subprocess.Popen(
                    # type, size, mtime (s.ns), path relative to folder; NUL-separated
                    [
                        "find",
                        ".",
                        "(",
                        "-type",
                        "f",
                        "-o",
                        "-type",
                        "l",
                        ")",
                        "-printf",
                        "%y\\0%s\\0%T@\\0%P\\0",
                    ],
                    cwd=folder,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                self._find = None

    @property
    def in_background(self) -> bool:
        return self._find is not None

    def result(self) -> Stats:
        if self._find is None:
            return python_stats(self.folder)
        output, _ = self._find.communicate()
        if self._find.returncode != 0:
            return python_stats(self.folder)  # not GNU find, or a file vanished mid-walk
        try:
            return dict(sorted(self._parse(output)))
        except ValueError:
            return python_stats(self.folder)

    def _parse(self, output: bytes) -> Iterator[tuple[str, tuple[int, int]]]:
        fields = output.split(b"\0")
        if fields[-1] != b"" or len(fields) % 4 != 1:
            raise ValueError("unexpected find output")
        folder = self.folder
        for start in range(0, len(fields) - 1, 4):
            kind, size, mtime, name = fields[start : start + 4]
            path = os.path.join(folder, os.fsdecode(name))
            if kind == b"l":  # find printed the link itself: stat what it points to
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    yield path, (info.st_size, info.st_mtime_ns)
            else:
                yield path, (int(size), mtime_ns(mtime))


def mtime_ns(text: bytes) -> int:
    """find's %T@ ("1795457546.6446912530": whole seconds, rounded down, and a fraction
    that adds to them, so -1.25 s is "-2.75") in nanoseconds, as os.stat's st_mtime_ns."""
    seconds, _, fraction = text.partition(b".")
    return int(seconds) * 10**9 + int(fraction[:9].ljust(9, b"0"))
