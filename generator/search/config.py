"""Options of the search stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchConfig:
    """Options of the search index."""

    bundle_size: int = 6_000
    """Most pages per bundle. Pagefind writes one file per page into one folder, and
    holds ~0.45 MB per page of the index it builds (measured on cable pages: 3.2 GB
    for a bundle of 7,319), so 6,000 keeps the search stage under ~3 GB."""

    parallel: int = 1
    """Bundles indexed at the same time: faster on several cores, but each needs its
    own memory (bundle_size x ~0.45 MB)."""

    language: str = "en"
    """Language of the pages, for Pagefind's word stemming."""

    exclude_selectors: tuple[str, ...] = (".box-meta", ".banner", ".kicker", ".box > h2")
    """Parts of a page's search body left out of the index: the default theme's
    metadata box and labels, which would otherwise fill every excerpt (the
    metadata is indexed through partials/search_meta.html instead)."""
