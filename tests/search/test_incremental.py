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


def test_unchanged_build_keys_decide_without_reading_any_page(site):
    folder, cache, _, pages, _ = site
    marked = [SearchPage(p.path, p.created, p.kind, fingerprint="v1") for p in pages]
    first = index_search(folder, marked, cache, SIZE)
    assert first.pages_read == len(pages)  # new keys: every page hashed once
    # Bytes changed behind the build's back are not seen while the keys stay the same:
    # the proof that no page was read.
    (folder / marked[-1].path).write_text("changed behind the build's back", "utf-8")
    again = index_search(folder, marked, cache, SIZE)
    assert again.indexed == () and again.pages_read == 0


def test_a_new_build_key_over_the_same_bytes_reads_the_page_but_reuses_the_bundle(site):
    folder, cache, _, pages, _ = site
    marked = [SearchPage(p.path, p.created, p.kind, fingerprint="v1") for p in pages]
    index_search(folder, marked, cache, SIZE)
    rekeyed = [SearchPage(p.path, p.created, p.kind, fingerprint="v2") for p in pages]
    again = index_search(folder, rekeyed, cache, SIZE)
    assert again.indexed == () and again.pages_read == len(pages)
    assert index_search(folder, rekeyed, cache, SIZE).pages_read == 0


def test_a_new_build_key_over_new_bytes_reindexes_only_that_bundle(site):
    folder, cache, _, pages, _ = site
    marked = [SearchPage(p.path, p.created, p.kind, fingerprint="v1") for p in pages]
    index_search(folder, marked, cache, SIZE)
    editorial = marked[-1]
    (folder / editorial.path).write_text(
        "<html><body><main data-pagefind-body><p>Rewritten about page.</p></main></body></html>"
    )
    changed = [*marked[:-1], SearchPage(editorial.path, None, "page", fingerprint="v2")]
    again = index_search(folder, changed, cache, SIZE)
    assert again.indexed == ("pages",) and again.pages_read == 1


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
