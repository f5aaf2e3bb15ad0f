"""The search stage: index the site's pages as Pagefind bundles, reusing unchanged ones.

Output, all under ``SITE/pagefind/``:
- ``<bundle>/``: one Pagefind index per bundle (see `bundles`), with a
  ``cablesite-bundle.json`` marker holding the hash of what it was built from;
- ``bundles.json``: the list the search page reads to merge the bundles.
A bundle whose hash is unchanged is left untouched (same files, same mtimes);
others are indexed into a temporary folder that then replaces the old one, so
a failed run never leaves a half-written bundle. Folders of bundles no longer
planned are removed.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.search.bundles import Bundle, SearchPage, plan_bundles
from generator.search.config import SearchConfig
from generator.search.fingerprint import BundleKeys
from generator.search.pagefind_run import run_bundles

OUTPUT_DIR = "pagefind"
BUNDLES_FILE = "bundles.json"
MARKER_FILE = "cablesite-bundle.json"


@dataclass(frozen=True)
class BundleReport:
    name: str
    pages: int
    reused: bool
    seconds: float
    error: str = ""


@dataclass(frozen=True)
class SearchReport:
    bundles: tuple[BundleReport, ...] = ()
    seconds: float = 0.0
    removed: tuple[str, ...] = field(default=())
    pages_read: int = 0
    """Pages whose bytes were read to decide what changed (see `fingerprint`)."""

    @property
    def pages(self) -> int:
        return sum(b.pages for b in self.bundles)

    @property
    def indexed(self) -> tuple[str, ...]:
        return tuple(b.name for b in self.bundles if not b.reused and not b.error)

    @property
    def reused(self) -> tuple[str, ...]:
        return tuple(b.name for b in self.bundles if b.reused)

    @property
    def errors(self) -> tuple[str, ...]:
        return tuple(f"{b.name}: {b.error}" for b in self.bundles if b.error)


def _read_marker(folder: Path) -> str:
    try:
        return json.loads((folder / MARKER_FILE).read_text("utf-8"))["key"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text("utf-8") == text:
            return
    except OSError:
        pass
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(text, "utf-8")
    os.replace(temp, path)


def _swap_in(fresh: Path, target: Path) -> None:
    """Replace ``target`` by ``fresh`` (two renames; the old folder is removed after)."""
    old = target.with_name(f".old-{target.name}")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)


def bundles_manifest(bundles: Sequence[Bundle]) -> str:
    """The JSON the search page loads: bundle folders (relative to the site root) and months."""
    entries = [
        {
            "name": b.name,
            "path": f"{OUTPUT_DIR}/{b.name}/",
            "months": list(b.months),
            "pages": len(b.pages),
        }
        for b in bundles
    ]
    return json.dumps({"version": 1, "bundles": entries}, indent=1) + "\n"


def _prune(root: Path, keep: set[str]) -> tuple[str, ...]:
    removed = []
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and entry.name not in keep:
            shutil.rmtree(entry)
            removed.append(entry.name)
    return tuple(removed)


def index_search(
    site_dir: Path,
    pages: Sequence[SearchPage],
    cache_dir: Path,
    config: SearchConfig | None = None,
    on_bundle: Callable[[str, str], None] | None = None,
    output_dir: Path | None = None,
) -> SearchReport:
    """Index ``pages`` (HTML files already written under ``site_dir``) into bundles
    under ``output_dir`` (default ``site_dir/pagefind``).

    ``on_bundle(event, name)`` is called with "start"/"done" around each bundle
    indexed (the benchmark measures memory per bundle with it).
    """
    config = config or SearchConfig()
    started = time.monotonic()
    root = output_dir or site_dir / OUTPUT_DIR
    root.mkdir(parents=True, exist_ok=True)
    bundles = plan_bundles(pages, config.bundle_size)
    settings = json.dumps([config.language, config.exclude_selectors, _pagefind_version()])
    known = BundleKeys(cache_dir, site_dir, settings)
    markers = {b.name: _read_marker(root / b.name) for b in bundles}
    # A bundle without an index is indexed anyway: its key (which hashes its pages
    # the first time) is computed once it is indexed, while Pagefind indexes others.
    keys = {b.name: known.content_key(b) for b in bundles if markers[b.name]}
    stale = [b for b in bundles if markers[b.name] != keys.get(b.name)]

    def publish(bundle: Bundle, fresh: Path) -> None:
        if bundle.name not in keys:
            keys[bundle.name] = known.content_key(bundle)
        marker = {"key": keys[bundle.name], "pages": len(bundle.pages)}
        (fresh / MARKER_FILE).write_text(json.dumps(marker) + "\n", "utf-8")
        _swap_in(fresh, root / bundle.name)

    jobs = [(b, root / f".tmp-{b.name}") for b in stale]
    results = run_bundles(site_dir, jobs, config, publish, on_bundle)
    known.save(b.name for b in bundles)
    reports = tuple(_bundle_report(b, results.get(b.name)) for b in bundles)
    good = [b for b, r in zip(bundles, reports, strict=True) if not r.error]
    _write_if_changed(root / BUNDLES_FILE, bundles_manifest(good))
    removed = _prune(root, {b.name for b in good})
    return SearchReport(reports, time.monotonic() - started, removed, known.pages_read)


def _bundle_report(bundle: Bundle, outcome: float | Exception | None) -> BundleReport:
    if outcome is None:
        return BundleReport(bundle.name, len(bundle.pages), True, 0.0)
    if isinstance(outcome, Exception):
        return BundleReport(bundle.name, len(bundle.pages), False, 0.0, str(outcome))
    return BundleReport(bundle.name, len(bundle.pages), False, outcome)


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "unknown"
