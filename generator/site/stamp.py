"""The no-op check: has anything the site is built from changed since the last build?

A stamp is a hash of every input file's path, size and modification time (the
content folder and the theme folders), of the config, of the templates and
generator code (`theme_fingerprint`), and of where the site and cache live. A
build that ended without errors or warnings saves its stamp with its report; the
next build computes the stamp first and, when it is the same and the site is
still there, stops at once: at 251,287 cables that costs one stat per content
file instead of loading the archive and planning every page.

Files edited by hand inside the site folder are not noticed (as with any build
cache); delete the cache folder to force a full check. A fresh clone has new
modification times, so its first build takes the normal path.
"""

from __future__ import annotations

import hashlib
import json
import os

from generator.site import urls
from generator.site.config import SiteConfig
from generator.site.theme import theme_folders

STAMP_FILE = "build-stamp.json"


def _walk(folder: str, digest: hashlib._Hash) -> None:
    """Feed path, size and mtime of every file under ``folder`` (sorted, links not followed)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, digest)
            continue
        try:
            info = entry.stat()
        except OSError:
            continue
        digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())


def input_stamp(config: SiteConfig, theme_key: str, search: bool) -> str:
    """Hash of everything a build reads, as cheaply as it can be had."""
    digest = hashlib.sha256()
    where = (config.out_dir.resolve(), config.cache_dir.resolve(), config.content_dir.resolve())
    head = [config.fingerprint(), theme_key, search, *map(str, where)]
    digest.update(json.dumps(head).encode())
    for folder in [config.content_dir, *theme_folders(config)]:
        _walk(os.fspath(folder), digest)
    return digest.hexdigest()


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
    """Called before a full build: until it succeeds, no stamp vouches for the site."""
    (config.cache_dir / STAMP_FILE).unlink(missing_ok=True)


def save_stamp(config: SiteConfig, stamp: str, counts: dict[str, object]) -> None:
    config.cache_dir.mkdir(parents=True, exist_ok=True)
    target = config.cache_dir / STAMP_FILE
    temp = target.with_suffix(".tmp")
    temp.write_text(json.dumps({"stamp": stamp, "report": counts}), encoding="utf-8")
    os.replace(temp, target)
