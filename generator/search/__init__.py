"""Search stage: full-text search with facets, as Pagefind bundles merged in the browser."""

from generator.search.bundles import Bundle, SearchPage, plan_bundles
from generator.search.config import SearchConfig
from generator.search.index import BundleReport, SearchReport, index_search
from generator.search.stage import run_search_stage, search_pages

__all__ = [
    "Bundle",
    "BundleReport",
    "SearchConfig",
    "SearchPage",
    "SearchReport",
    "index_search",
    "plan_bundles",
    "run_search_stage",
    "search_pages",
]
