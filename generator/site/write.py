"""Write the site atomically: stage changed files, then apply them and prune.

Rendering puts every changed output into a staging folder beside the output
folder (same filesystem, so `os.replace` is atomic per file). Only when the
whole build has succeeded does `apply` move the staged files into place and
`prune` delete the files the build no longer produces. A build that fails or is
killed before that leaves the previous site untouched; the next build clears
the stale staging folder. Unchanged outputs are never rewritten (their mtime
stays, so hosts that sync by checksum or date upload only what changed).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Outputs that other stages own: the search index is written after the pages.
KEEP_PREFIXES = ("pagefind/",)


def staging_dir_for(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.staging"


class StagingWriter:
    """Compares outputs with the published site and stages those that differ.

    Paths are joined as strings and files written with os.open: at 750,000
    outputs, pathlib objects and buffered file objects cost more than the
    writes. A first build (no site yet) compares nothing.
    """

    def __init__(self, out_dir: Path, staging_dir: Path) -> None:
        self.out_dir = out_dir
        self.staging_dir = staging_dir
        self._out = os.fspath(out_dir) + os.sep
        self._staging = os.fspath(staging_dir) + os.sep
        self._published = out_dir.is_dir()
        self._folders: set[str] = set()  # staging folders already made

    def unchanged(self, path: str, data: bytes) -> bool:
        if not self._published:
            return False
        try:
            fd = os.open(self._out + path, os.O_RDONLY)
        except OSError:
            return False
        try:
            if os.fstat(fd).st_size != len(data):
                return False
            with open(fd, "rb", closefd=False) as handle:
                return handle.read() == data
        finally:
            os.close(fd)

    def put(self, path: str, data: bytes) -> bool:
        """Stage ``data`` for ``path`` unless the site already has exactly it; True if staged."""
        if path.startswith("/") or ".." in path.split("/"):
            # The URL authority never makes such paths; refuse rather than write outside.
            raise ValueError(f"refusing to write outside the site: {path!r}")
        if self.unchanged(path, data):
            return False
        folder, _, _ = path.rpartition("/")
        if folder not in self._folders:
            os.makedirs(self._staging + folder, exist_ok=True)
            self._folders.add(folder)
        # staging is private: no temp file needed
        fd = os.open(self._staging + path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        return True

    def exists(self, path: str) -> bool:
        return self._published and os.path.isfile(self._out + path)


def reset_staging(staging_dir: Path) -> None:
    """Remove what a failed or killed build left behind."""
    if staging_dir.exists():
        shutil.rmtree(staging_dir)
    staging_dir.mkdir(parents=True)


def apply_staged(staging_dir: Path, out_dir: Path, changed: list[str]) -> None:
    """Move the staged files into the site (each move atomic).

    A first build (no site yet) renames the whole staging folder: one atomic step
    instead of a move per file.
    """
    if out_dir.is_dir() and not any(os.scandir(out_dir)):
        out_dir.rmdir()
    if not out_dir.exists():
        os.replace(staging_dir, out_dir)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    made: set[Path] = set()
    for path in sorted(changed):
        target = out_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        os.replace(staging_dir / path, target)
    shutil.rmtree(staging_dir, ignore_errors=True)


def prune(out_dir: Path, produced: set[str]) -> list[str]:
    """Delete files (and then empty folders) the build no longer produces."""
    removed: list[str] = []
    if not out_dir.is_dir():
        return removed
    for folder, _dirs, files in os.walk(out_dir, topdown=False):
        relative = Path(folder).relative_to(out_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        if prefix.startswith(KEEP_PREFIXES):
            continue
        for name in files:
            path = prefix + name
            if path not in produced:
                os.remove(os.path.join(folder, name))
                removed.append(path)
        if prefix and not os.listdir(folder):
            os.rmdir(folder)
    return sorted(removed)
