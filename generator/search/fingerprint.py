"""What a bundle's index depends on, as one hash, so an unchanged bundle is reused."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from generator.search.bundles import Bundle

# Bump when the way pages are indexed changes (config, selectors, output layout).
INDEX_FORMAT = "1"


class FileHashes:
    """Content hashes of site files, remembered by (size, mtime) between builds.

    Used only for pages whose build gave no fingerprint. The site writer never
    rewrites an unchanged page, so an unchanged (size, mtime) means unchanged bytes.
    """

    def __init__(self, cache_file: Path) -> None:
        self.cache_file = cache_file
        try:
            self.known: dict[str, list] = json.loads(cache_file.read_text("utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.changed = False

    def digest(self, site_dir: Path, path: str) -> str:
        stat = os.stat(site_dir / path)
        known = self.known.get(path)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        digest = hashlib.sha256((site_dir / path).read_bytes()).hexdigest()
        self.known[path] = [stat.st_size, stat.st_mtime_ns, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        if not self.changed:
            return
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        temp = self.cache_file.with_suffix(".tmp")
        temp.write_text(json.dumps(self.known, sort_keys=True), "utf-8")
        os.replace(temp, self.cache_file)


def bundle_key(bundle: Bundle, site_dir: Path, hashes: FileHashes, settings: str) -> str:
    """Hash of the bundle's pages (paths and bytes), the indexer settings and versions."""
    digest = hashlib.sha256(f"{INDEX_FORMAT}\0{settings}\0{bundle.name}\0".encode())
    for page in bundle.pages:
        mark = page.fingerprint or hashes.digest(site_dir, page.path)
        digest.update(f"{page.path}\0{mark}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
