"""Search stage: full-text search with facets, as Pagefind bundles merged in the browser.

    pages (SearchPage) --plan_bundles--> [Bundle] --index_search--> SITE/pagefind/<bundle>/
                                                                    SITE/pagefind/bundles.json

- `bundles`: cable pages grouped by creation period into bundles of at most
  ``SearchConfig.bundle_size`` pages (Pagefind's memory and its one-folder-per-index
  file count grow with the pages of one index); editorial pages in their own bundle.
- `index`: each bundle whose pages changed is indexed by its own Pagefind process
  (`pagefind_run`), into a fresh folder swapped in when done; unchanged bundles are
  left untouched (`fingerprint`).
- `stage`: what the build calls (`run_search_stage`).
- The theme's ``partials/search_meta.html`` gives Pagefind each cable's metadata,
  facets (origin, tag, classification, year; month for date order) and the spellings
  of its reference id; ``static/search.js`` merges the bundles in the browser.
"""

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
