"""A search over several bundles merged in the browser equals a search over one index.

A generated archive (300 cables over five years, a few undated, two editorial
pages) is indexed twice: in bundles of at most 60 pages, and as one Pagefind
index of all pages. The real search page (themes/default) then runs the same
searches on both in chromium; results, their order where it is defined (by
date), the result count and every facet count must be the same.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser_support import read_search, serve
from minisite import synthetic_cables, write_site
from pagefind.index import PagefindIndex

from generator.search import SearchConfig, index_search
from generator.search.index import OUTPUT_DIR
from generator.search.pagefind_run import pagefind_config, run_async

pytestmark = pytest.mark.browser

EDITORIAL = {
    "about": "About this archive: cables on trafficking, energy and elections.",
    "reading": "How to read a cable: the routing header, the subject and the paragraphs.",
}
SEARCHES = [
    "q=trafficking",
    "q=trafficking&sort=newest",
    "q=trafficking&sort=oldest",
    "q=pipeline+oil&origin=Embassy+Astana&tag=KTIP",
    "q=court&origin=Embassy+Astana&origin=Embassy+Tokyo&year=2008",
    "year=2008&classification=SECRET&sort=newest",
    "q=election&tag=PHUM&tag=PREL&sort=oldest",
]


def index_single(site: Path, pages) -> None:
    """All pages in one Pagefind index, listed as the only bundle."""
    months = sorted({p.created[:7] for p in pages if p.created}) + ["undated"]
    output = site / OUTPUT_DIR / "all"
    patterns = ",".join(["cable/**/*.html", *(p.path for p in pages if p.kind == "page")])

    async def run() -> int:
        async with PagefindIndex(config=pagefind_config(output, SearchConfig())) as index:
            result = await index.add_directory(str(site), glob="{" + patterns + "}")
        return int(result["page_count"])

    assert run_async(run) == len(pages)
    manifest = {
        "version": 1,
        "bundles": [
            {"name": "all", "path": f"{OUTPUT_DIR}/all/", "months": months, "pages": len(pages)}
        ],
    }
    (site / OUTPUT_DIR / "bundles.json").write_text(json.dumps(manifest), "utf-8")


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("merged")
    bundled, single = root / "bundled", root / "single"
    bundled.mkdir()
    cables = list(synthetic_cables(300, seed=3, undated=3))
    pages = write_site(bundled, cables, EDITORIAL, show_all=True)
    shutil.copytree(bundled, single)
    report = index_search(bundled, pages, root / "cache", SearchConfig(bundle_size=60))
    assert not report.errors
    index_single(single, pages)
    return bundled, single, report


def test_the_archive_needs_several_bundles(two_sites):
    _, _, report = two_sites
    assert len(report.bundles) >= 6
    assert all(b.pages <= 60 for b in report.bundles)


def undated(result: dict[str, str]) -> bool:
    return "/undated/" in result["href"]


def assert_same(merged, whole, search: str) -> None:
    assert merged.results, f"{search}: no results"
    assert merged.facets == whole.facets, search
    hrefs = [r["href"] for r in merged.results]
    assert len(set(hrefs)) == len(hrefs), f"{search}: a result is listed twice"
    if "sort=" not in search:
        assert merged.status == whole.status, search
        assert sorted(hrefs) == sorted(r["href"] for r in whole.results), search
        return
    # One Pagefind index drops pages without a sort key (undated cables) from a sorted
    # search; the merged search lists them last instead. The dated part must be equal.
    dated = [r for r in merged.results if not undated(r)]
    assert dated == whole.results, f"{search}: date order differs"
    assert all(undated(r) for r in merged.results[len(dated) :]), search
    dates = [r["facts"].split(" · ")[0] for r in dated]
    assert dates == sorted(dates, reverse="sort=newest" in search), search


def test_merged_bundles_give_the_same_results_and_counts_as_one_index(two_sites, browser):
    bundled, single, _ = two_sites
    with serve(bundled) as bundled_url, serve(single) as single_url:
        page = browser.new_page()
        for search in SEARCHES:
            merged = read_search(page, f"{bundled_url}search.html?{search}")
            whole = read_search(page, f"{single_url}search.html?{search}")
            assert_same(merged, whole, search)
            if "sort=" in search:  # the undated tail holds every undated match
                relevance = search.replace("&sort=newest", "").replace("&sort=oldest", "")
                unsorted = read_search(page, f"{bundled_url}search.html?{relevance}")
                expected = sorted(r["href"] for r in unsorted.results if undated(r))
                assert sorted(r["href"] for r in merged.results if undated(r)) == expected
