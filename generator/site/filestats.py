"""Size and modification time of every file under a folder, found in the background.

A build's first step stats every cable file (251,287 for the whole leak). GNU
find does that in its own process in about half the time Python's scandir and
stat take, and while it runs the build loads its state on the other core. Where
find is missing or is not GNU find, the folder is walked in Python instead.
Either way the result is the same: {path: (size, mtime)} for every file (a
symlink counts as the file it points to; broken ones are left out), sorted by
path. The mtime is kept as find writes it ("1795457546.6446912530", see
`mtime_text`): converting 251,287 of them to numbers would cost half of what
find saves, and they are only compared with the last build's.
"""

from __future__ import annotations

import gc
import os
import stat
import subprocess
import tempfile
from collections.abc import Iterable, Iterator

Stats = dict[str, tuple[int, str]]
# type, size, mtime (seconds.fraction), path: NUL-separated
FIND_PRINT = ("-printf", "%y\\0%s\\0%T@\\0%p\\0")


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
            found[entry.path] = (info.st_size, mtime_text(info.st_mtime_ns))


def python_stats(folder: str) -> Stats:
    found: Stats = {}
    walk_files(folder, found)
    return dict(sorted(found.items()))


class FileStats:
    """Stats of every file under ``folder``, started at once; `result` waits for them."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._find: subprocess.Popen[bytes] | None = None
        if not os.path.isdir(folder) or folder.endswith("/"):
            return
        # Into a file, not a pipe: find must not wait for us to read it.
        self._output = tempfile.TemporaryFile()  # noqa: SIM115 - closed in result()
        try:
            self._find = subprocess.Popen(
                ["find", folder, "(", "-type", "f", "-o", "-type", "l", ")", *FIND_PRINT],
                stdout=self._output,
                stderr=subprocess.DEVNULL,
            )
        except OSError:  # no find here
            self._output.close()

    @property
    def in_background(self) -> bool:
        return self._find is not None

    def result(self) -> Stats:
        if self._find is None:
            return python_stats(self.folder)
        with self._output:
            if self._find.wait() != 0:
                return python_stats(self.folder)  # not GNU find, or a file vanished mid-walk
            self._output.seek(0)
            output = self._output.read()
        gc.disable()  # 500,000 new tuples: the collector would run hundreds of times
        try:
            return self._parse(output)
        except ValueError:
            return python_stats(self.folder)
        finally:
            gc.enable()

    def _parse(self, output: bytes) -> Stats:
        fields = os.fsdecode(output).split("\0")
        if fields[-1] != "" or len(fields) % 4 != 1:
            raise ValueError("unexpected find output")
        kinds, sizes, mtimes, paths = (fields[i:-1:4] for i in range(4))
        if paths and not paths[0].startswith(self.folder + "/"):
            raise ValueError("unexpected find output")
        found = dict(zip(paths, zip(map(int, sizes), mtimes, strict=True), strict=True))
        if "l" in kinds:  # find printed links themselves: stat what they point to
            links = [path for path, kind in zip(paths, kinds, strict=True) if kind == "l"]
            for path in links:
                del found[path]
            found.update(linked_files(links))
        return {path: found[path] for path in sorted(found)}


def linked_files(paths: Iterable[str]) -> Iterator[tuple[str, tuple[int, str]]]:
    """(path, stats) of the links that point to a regular file."""
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            yield path, (info.st_size, mtime_text(info.st_mtime_ns))


def mtime_text(nanoseconds: int) -> str:
    """An mtime as GNU find's %T@ writes it: whole seconds rounded down, a point and ten
    digits of the fraction that adds to them (-1.25 s is "-2.7500000000")."""
    seconds, fraction = divmod(nanoseconds, 10**9)
    return f"{seconds}.{fraction:09d}0"
