"""The search stage as the build calls it: site pages in, Pagefind bundles out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from generator.report import Reporter
from generator.search.bundles import SearchPage
from generator.search.config import SearchConfig
from generator.search.index import SearchReport, index_search

CABLE_KIND = "cable"
EDITORIAL_KIND = "editorial"


class PageJobLike(Protocol):
    kind: str
    path: str
    key: str
    cache_key: str


class EntryLike(Protocol):
    created: str | None


def search_pages(jobs: Iterable[PageJobLike], entries: Mapping[str, EntryLike]) -> list[SearchPage]:
    """The pages to index: cable pages and editorial pages (browse pages have no search body).

    A page's build cache key is its fingerprint: while it is unchanged, the search
    stage does not read the page (see `fingerprint`).
    """
    pages = []
    for job in jobs:
        if job.kind == CABLE_KIND:
            pages.append(SearchPage(job.path, entries[job.key].created, "cable", job.cache_key))
        elif job.kind == EDITORIAL_KIND:
            pages.append(SearchPage(job.path, None, "page", job.cache_key))
    return pages


def run_search_stage(config, reporter: Reporter, jobs, archive) -> SearchReport:
    """Index the built site (``config.out_dir``); problems go to ``reporter`` as errors.

    ``config`` is the SiteConfig; ``search_bundle_size`` and ``search_parallel`` are
    read from it when it has them (see SearchConfig).
    """
    search_config = SearchConfig(
        bundle_size=getattr(config, "search_bundle_size", SearchConfig.bundle_size),
        parallel=getattr(config, "search_parallel", SearchConfig.parallel),
    )
    pages = search_pages(jobs, archive.entries)
    report = index_search(config.out_dir, pages, config.cache_dir, search_config)
    for problem in report.errors:
        reporter.error(f"search: {problem}")
    reporter.info(
        f"search: {report.pages:,} pages in {len(report.bundles)} bundles; "
        f"indexed {len(report.indexed)}, unchanged {len(report.reused)}; "
        f"{report.pages_read:,} pages read to find changes ({report.seconds:.1f} s)"
    )
    return report
