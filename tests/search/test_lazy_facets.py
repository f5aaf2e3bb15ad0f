"""Facet counts on a big archive are loaded only when needed, and then equal eager ones.

The search page loads every bundle's filter data (~20 bytes per page, ~5 MB for the
whole 2010 leak) only when the archive is small (data-eager-facets, 20,000 pages by
default), when the reader asks for the facets, or when a search filters or sorts by
date. A generated archive in several bundles is served with two copies of the
real search page: one that treats it as big (lazy facets) and one as small (eager).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import read_search, serve, wait_ready
from minisite import synthetic_cables, write_site

from generator.search import SearchConfig, index_search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lazy") / "site"
    folder.mkdir()
    pages = write_site(folder, list(synthetic_cables(150, seed=11, undated=2)), {})
    report = index_search(folder, pages, folder.parent / "cache", SearchConfig(bundle_size=40))
    assert not report.errors and len(report.bundles) >= 4
    eager = (folder / "search.html").read_text("utf-8")
    (folder / "search-eager.html").write_text(eager, "utf-8")
    preview = 'data-facet-preview="12"'
    lazy = eager.replace(preview, preview + ' data-eager-facets="10"')
    assert lazy != eager
    (folder / "search.html").write_text(lazy, "utf-8")
    return folder


def filter_requests(transfers: list[tuple[str, int]]) -> list[str]:
    return [path for path, _ in transfers if path.endswith(".pf_filter")]


def test_a_plain_search_loads_no_facet_data_until_asked(site, browser):
    transfers: list[tuple[str, int]] = []
    with serve(site, "/", transfers) as base:
        page = browser.new_page()
        eager = read_search(page, f"{base}search-eager.html?q=trafficking", everything=False)
        assert eager.facets["Origin"]
        transfers.clear()
        lazy = read_search(page, f"{base}search.html?q=trafficking", everything=False)
        page.wait_for_load_state("networkidle")
        assert not filter_requests(transfers)
        assert lazy.status == eager.status and lazy.facets == {}
        assert [r["href"] for r in lazy.results] == [r["href"] for r in eager.results]
        page.click("#search-facets-load")
        wait_ready(page)
        assert filter_requests(transfers)
        assert read_search(page, everything=False).facets == eager.facets
        assert page.evaluate("document.activeElement.name") == "origin"


@pytest.mark.parametrize("search", ["q=trafficking&origin=Embassy+Astana", "q=court&sort=newest"])
def test_a_filtered_or_date_ordered_search_loads_the_facets_itself(site, browser, search):
    with serve(site) as base:
        page = browser.new_page()
        eager = read_search(page, f"{base}search-eager.html?{search}")
        lazy = read_search(page, f"{base}search.html?{search}")
        assert lazy.facets and lazy.facets == eager.facets
        assert lazy.status == eager.status and lazy.results == eager.results
