"""Options of the search stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchConfig:
    """Options of the search index."""

    bundle_size: int = 4_000
    """Most pages per bundle. Pagefind writes one file per page into one folder, and
    holds ~0.12 MB per page while it reads a bundle's pages and ~0.42 MB per page
    for a moment while it builds the bundle's index (measured on cable pages), so
    4,000 keeps the search stage under ~3 GB with two bundles at once (a single
    creation month is never split: 2009-01 of the 2010 leak has 5,235 cables)."""

    parallel: int = 2
    """Bundles indexed at the same time. They read their pages in parallel but build
    their indexes one at a time, so memory is about one bundle building
    (bundle_size x ~0.42 MB) plus the others reading (bundle_size x ~0.12 MB each)."""

    language: str = "en"
    """Language of the pages, for Pagefind's word stemming."""

    exclude_selectors: tuple[str, ...] = (".box-meta", ".banner", ".kicker", ".box > h2")
    """Parts of a page's search body left out of the index: the default theme's
    metadata box and labels, which would otherwise fill every excerpt (the
    metadata is indexed through partials/search_meta.html instead)."""
