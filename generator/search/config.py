"""Options of the search stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchConfig:
    """Options of the search index."""

    bundle_size: int = 3_000
    """Most pages per bundle (a creation month is never split: 2009-01 of the 2010
    leak has 5,235 cables). Pagefind writes one file per page into one folder, holds
    ~0.12 MB per page while it reads a bundle's pages, and ~0.45 MB per page while
    it builds the bundle's index (measured on cable pages), which is also ~2/3 of
    its CPU time."""

    parallel: int = 2
    """Bundles indexed at the same time (one Pagefind process each)."""

    build_pages: int = 0
    """Most pages in Pagefind's index-building phase at once, over all bundles being
    indexed (0: bundle_size x parallel, i.e. 6,000 by default, ~2.7 GB): bounds the
    search stage's memory; a bundle bigger than this builds alone."""

    @property
    def build_limit(self) -> int:
        return self.build_pages or self.bundle_size * max(1, self.parallel)

    language: str = "en"
    """Language of the pages, for Pagefind's word stemming."""

    exclude_selectors: tuple[str, ...] = (".box-meta", ".banner", ".kicker", ".box > h2")
    """Parts of a page's search body left out of the index: the default theme's
    metadata box and labels, which would otherwise fill every excerpt (the
    metadata is indexed through partials/search_meta.html instead)."""
