"""Whether a bundle's pages changed since it was indexed, found cheaply.

Every page has a *mark* that changes whenever its bytes may have changed: the
build's cache key (`SearchPage.fingerprint`) or, for a page without one, its
file's size and mtime. A bundle whose marks all equal the remembered ones is
unchanged and no page of it is read: with an archive of 251,287 cables, a build
that edited one cable reads the pages of one bundle, not 2 GB of HTML. When
marks differ (an edited cable, or a generator change that gives every page a new
cache key) only the pages with a new mark are hashed, and the bundle's *content
key* (its pages' bytes, the indexer settings) decides whether it is indexed
again: a new cache key over the same bytes costs a read, not a re-index.

Remembered under ``CACHE/search/``: ``keys.json`` (per bundle: the hash of its
marks and its content key; read every build, small) and ``pages/<bundle>.json``
(per page: mark and bytes digest; read only for a bundle whose marks changed).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from generator.search.bundles import Bundle, SearchPage

# Bump when the way pages are indexed changes (config, selectors, output layout).
INDEX_FORMAT = "2"
KEYS_FILE = "keys.json"
PAGES_DIR = "pages"


def _hash_pairs(head: str, pairs: Iterable[tuple[str, str]]) -> str:
    digest = hashlib.sha256(head.encode("utf-8"))
    for first, second in pairs:
        digest.update(f"\0{first}\0{second}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"  # Pagefind then finds fewer pages than planned and says so


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), "utf-8")
    os.replace(temp, path)


class BundleKeys:
    """Content keys of bundles, remembered between builds under ``cache_dir``."""

    def __init__(self, cache_dir: Path, site_dir: Path, settings: str) -> None:
        self.folder = cache_dir / "search"
        self.site_dir = site_dir
        self.head = f"{INDEX_FORMAT}\0{settings}"
        self.pages_read = 0
        try:
            self.known: dict[str, dict[str, str]] = json.loads(
                (self.folder / KEYS_FILE).read_text("utf-8")
            )
        except (OSError, ValueError):
            self.known = {}
        self.changed = False

    def mark(self, page: SearchPage) -> str:
        if page.fingerprint:
            return "key:" + page.fingerprint
        try:
            stat = os.stat(self.site_dir / page.path)
        except OSError:
            return "missing"
        return f"stat:{stat.st_size}:{stat.st_mtime_ns}"

    def content_key(self, bundle: Bundle) -> str:
        """Hash of the bundle's page paths and bytes and the indexer settings."""
        head = f"{self.head}\0{bundle.name}"
        marks = [(p.path, self.mark(p)) for p in bundle.pages]
        marks_key = _hash_pairs(head, marks)
        known = self.known.get(bundle.name, {})
        if known.get("marks") == marks_key and known.get("content"):
            return known["content"]
        pages_file = self.folder / PAGES_DIR / f"{bundle.name}.json"
        try:
            remembered = json.loads(pages_file.read_text("utf-8"))
        except (OSError, ValueError):
            remembered = {}
        pages = {}
        for path, mark in marks:
            old = remembered.get(path)
            if old and old[0] == mark and mark != "missing":
                pages[path] = old
            else:
                pages[path] = [mark, _file_digest(self.site_dir / path)]
                self.pages_read += 1
        content = _hash_pairs(head, ((path, pages[path][1]) for path, _ in marks))
        _write_json(pages_file, pages)
        self.known[bundle.name] = {"marks": marks_key, "content": content}
        self.changed = True
        return content

    def save(self, keep: Iterable[str]) -> None:
        """Write the keys of the bundles in ``keep`` and forget the others."""
        keep = set(keep)
        gone = [name for name in self.known if name not in keep]
        for name in gone:
            del self.known[name]
            (self.folder / PAGES_DIR / f"{name}.json").unlink(missing_ok=True)
        if self.changed or gone:
            _write_json(self.folder / KEYS_FILE, self.known)
