"""What a build reads, found cheaply: the no-op check and the list of changed cables.

`PendingScan` stats every file the site is built from: the cable files (kept
one by one, so an incremental build can tell which changed) and everything
else (the rest of the content folder, the theme folders, the config, the
templates and generator code via `theme_fingerprint`), kept as one hash. The
stamp of a scan hashes both. A build that ended without errors or warnings
saves its stamp with its report; the next build scans first and, when the
stamp is the same and the site is still there, stops at once: at 251,287
cables that costs one stat per content file.

Files edited by hand inside the site folder are not noticed (as with any build
cache); `cablesite build --full` checks everything. A fresh git clone of the
same commit, with the cache folder restored, counts as unchanged: cable files are
known by their git blob ids, the other inputs by their bytes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass

from generator.content.layout import CABLES_DIR
from generator.site import urls
from generator.site.config import SiteConfig
from generator.site.filestats import FileStats, walk_files
from generator.site.gitblobs import clean_blob_ids
from generator.site.theme import theme_folders

STAMP_FILE = "build-stamp.json"
# What tells a file's version: its git blob id ("git:<sha1>") when git vouches for it,
# else (size, mtime as text, see filestats.mtime_text).
FileStat = str | tuple[int, str]


@dataclass
class InputScan:
    """``cables``: every file under content/cables by path, with its version;
    ``other``: hash of everything else."""

    other: str
    cables: dict[str, FileStat]

    @functools.cached_property
    def stamp(self) -> str:
        digest = hashlib.sha256(self.other.encode())
        for path, version in self.cables.items():
            digest.update(f"{path}\0{version}\n".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()


class PendingScan:
    """A scan of the inputs under way: the cable files are being stat'ed in the
    background (see `filestats`); `result` finishes it."""

    def __init__(self, config: SiteConfig, theme_key: str, search: bool) -> None:
        self.cables_dir = os.path.join(os.fspath(config.content_dir), CABLES_DIR)
        self.stats = FileStats(self.cables_dir)
        self.config, self.theme_key, self.search = config, theme_key, search

    @property
    def in_background(self) -> bool:
        return self.stats.in_background

    def result(self) -> InputScan:
        """The few files outside content/cables (glossary, editorial pages, theme) are
        hashed by content, so a fresh clone of the same commit gives the same
        ``other``; cable files get their git blob id where git vouches for it."""
        config = self.config
        where = (config.out_dir.resolve(), config.cache_dir.resolve(), config.content_dir.resolve())
        head = [config.fingerprint(), self.theme_key, self.search, *map(str, where)]
        digest = hashlib.sha256(json.dumps(head).encode())
        rest: dict[str, tuple[int, str]] = {}
        walk_files(os.fspath(config.content_dir), rest, skip=self.cables_dir)
        for folder in theme_folders(config):
            walk_files(os.fspath(folder), rest)
        for path in sorted(rest):
            digest.update(f"{path}\0".encode("utf-8", "surrogateescape"))
            digest.update(file_digest(path))
        blobs = clean_blob_ids(self.cables_dir)
        stats = self.stats.result()
        cables: dict[str, FileStat] = {path: blobs.get(path, stat) for path, stat in stats.items()}
        return InputScan(digest.hexdigest(), cables)


def file_digest(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:
        return b"unreadable"


def unchanged_since_last_build(config: SiteConfig, stamp: str) -> dict[str, object] | None:
    """The last build's report counts when its stamp equals ``stamp`` and its site exists."""
    try:
        data = json.loads((config.cache_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return None
    if not (config.out_dir / urls.home()).is_file():
        return None
    counts = data.get("report")
    return counts if isinstance(counts, dict) else None


def forget_stamp(config: SiteConfig) -> None:
    """Called before a build: until it succeeds, no stamp vouches for the site."""
    (config.cache_dir / STAMP_FILE).unlink(missing_ok=True)


def save_stamp(config: SiteConfig, stamp: str, counts: dict[str, object]) -> None:
    config.cache_dir.mkdir(parents=True, exist_ok=True)
    target = config.cache_dir / STAMP_FILE
    temp = target.with_suffix(".tmp")
    temp.write_text(json.dumps({"stamp": stamp, "report": counts}), encoding="utf-8")
    os.replace(temp, target)
