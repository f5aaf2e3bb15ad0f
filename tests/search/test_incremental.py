"""Incremental indexing: unchanged bundles are reused untouched, changed ones rebuilt."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from minisite import environment, synthetic_cables, write_cable, write_site

from generator.search import SearchConfig, SearchPage, index_search, plan_bundles
from generator.search.index import BUNDLES_FILE, MARKER_FILE, OUTPUT_DIR

SIZE = SearchConfig(bundle_size=40)


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under ``folder``: (mtime_ns, size, bytes)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(folder).as_posix()] = (
                stat.st_mtime_ns,
                stat.st_size,
                path.read_bytes(),
            )
    return found


def bundle_files(site: Path, name: str) -> dict[str, tuple[int, int, bytes]]:
    return snapshot(site / OUTPUT_DIR / name)


@pytest.fixture
def site(tmp_path: Path):
    folder = tmp_path / "site"
    folder.mkdir()
    cables = list(synthetic_cables(90, seed=5))
    pages = write_site(folder, cables, {"about": "About the archive."})
    first = index_search(folder, pages, tmp_path / "cache", SIZE)
    assert not first.errors and not first.reused
    return folder, tmp_path / "cache", cables, pages, first


def test_an_unchanged_site_reuses_every_bundle_untouched(site):
    folder, cache, _, pages, first = site
    before = snapshot(folder / OUTPUT_DIR)
    again = index_search(folder, pages, cache, SIZE)
    assert again.indexed == () and len(again.reused) == len(first.bundles)
    assert snapshot(folder / OUTPUT_DIR) == before


def test_a_changed_cable_reindexes_only_its_bundle(site):
    folder, cache, cables, pages, first = site
    names = [b.name for b in first.bundles]
    before = {name: bundle_files(folder, name) for name in names}
    edited = cables[0].__class__(
        **{
            **cables[0].to_record(),
            "tags": ("KTIP",),
            "references": (),
            "body": "1. A new paragraph.",
        }
    )
    page = write_cable(folder, environment(), edited)
    planned = plan_bundles(pages, SIZE.bundle_size)
    owner = next(b.name for b in planned if page.path in {p.path for p in b.pages})
    again = index_search(folder, pages, cache, SIZE)
    assert again.indexed == (owner,)
    for name in names:
        if name == owner:
            assert bundle_files(folder, name) != before[name]
        else:
            assert bundle_files(folder, name) == before[name], name


def test_the_build_fingerprint_decides_without_reading_the_pages(site):
    folder, cache, _, pages, _ = site
    marked = [SearchPage(p.path, p.created, p.kind, fingerprint="v1") for p in pages]
    index_search(folder, marked, cache, SIZE)
    assert index_search(folder, marked, cache, SIZE).indexed == ()
    changed = [*marked[:-1], SearchPage(marked[-1].path, None, "page", fingerprint="v2")]
    assert index_search(folder, changed, cache, SIZE).indexed == ("pages",)


def test_bundles_no_longer_planned_are_removed(site):
    folder, cache, _, pages, first = site
    dropped_bundle = plan_bundles(pages, SIZE.bundle_size)[0]
    dropped = dropped_bundle.name
    kept = [p for p in pages if p not in dropped_bundle.pages]
    again = index_search(folder, kept, cache, SIZE)
    assert dropped in again.removed
    assert not (folder / OUTPUT_DIR / dropped).exists()
    manifest = json.loads((folder / OUTPUT_DIR / BUNDLES_FILE).read_text())
    assert dropped not in [b["name"] for b in manifest["bundles"]]


def test_no_folder_holds_more_files_than_a_bundle_has_pages(site):
    folder, _, _, _, first = site
    largest = max(b.pages for b in first.bundles)
    for current, _, files in os.walk(folder / OUTPUT_DIR):
        assert len(files) <= max(largest, 20), current
    for bundle in first.bundles:
        marker = json.loads((folder / OUTPUT_DIR / bundle.name / MARKER_FILE).read_text())
        assert marker["pages"] == bundle.pages
