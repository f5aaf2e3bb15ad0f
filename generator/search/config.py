"""Options of the search stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchConfig:
    """Options of the search index."""

    bundle_size: int = 8_000
    """Most pages per bundle (Pagefind writes one file per page into one folder,
    and its memory grows with the pages of the index it builds)."""

    parallel: int = 1
    """Bundles indexed at the same time (each needs its own memory)."""

    language: str = "en"
    """Language of the pages, for Pagefind's word stemming."""

    exclude_selectors: tuple[str, ...] = (".box-meta", ".banner", ".kicker", ".box > h2")
    """Parts of a page's search body left out of the index: the default theme's
    metadata box and labels, which would otherwise fill every excerpt (the
    metadata is indexed through partials/search_meta.html instead)."""
