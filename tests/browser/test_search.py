"""The search page in chromium, on the sample archive built by the real build.

The sample: the five seed cables (all from Embassy Astana) plus 160 generated
cables of six origins, indexed in bundles of at most 40 pages, so the page
merges several bundles. Served with the site's Content-Security-Policy, at the
domain root and under /archive/.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import PageWatch, first_results_bytes, read_search, serve, wait_ready
from sample_site import SEEDS, build_sample_site

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[1] / "out"
SEED_WORD = "brainstorming"  # only in seed 07ASTANA367
SEED_ID = "07ASTANA614"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed cables not found at {SEEDS} (../shared beside the checkout)")
    return build_sample_site(tmp_path_factory.mktemp("search-site"))


def ignore_favicon(watch: PageWatch) -> None:
    """Chromium asks for /favicon.ico by itself; the theme declares no icon."""
    watch.errors[:] = [e for e in watch.errors if "favicon" not in e and "404" not in e]
    watch.failed[:] = [f for f in watch.failed if "favicon.ico" not in f]


def ids_of(view) -> list[str]:
    return [r["title"].split(":")[0] for r in view.results]


def first_query(page, base: str, transfers: list) -> list[tuple[str, int]]:
    """Search from the home page's search box; returns every request until the whole
    archive was searched, facets included."""
    page.goto(base + "index.html")
    transfers.clear()
    page.fill("#site-search", SEED_WORD)
    page.press("#site-search", "Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=" + SEED_WORD))
    wait_ready(page)
    page.wait_for_load_state("networkidle")
    return list(transfers)


def check_filters(page, base: str) -> None:
    """Origin then tag: results narrow, counts match, the URL holds both, back works."""
    view = read_search(page, base + "search.html?q=trafficking", everything=False)
    total = int(view.status.split()[0])
    astana = view.facets["Origin"]["Embassy Astana"]
    assert len(view.facets["Origin"]) > 1 and astana < total
    origin_box = "#search-facets input[name=origin][value='Embassy Astana']"
    page.focus(origin_box)  # by keyboard: focus stays on the box after the facets rebuild
    page.keyboard.press("Space")
    wait_ready(page)
    assert page.evaluate("document.activeElement.value") == "Embassy Astana"
    by_origin = read_search(page, everything=False)
    assert int(by_origin.status.split()[0]) == astana
    assert all("Embassy Astana" in r["facts"] for r in by_origin.results)
    tag, count = next((t, n) for t, n in by_origin.facets["Tag"].items() if n < astana)
    page.check(f"#search-facets input[name=tag][value='{tag}']")
    wait_ready(page)
    both = read_search(page, everything=False)
    assert int(both.status.split()[0]) == count < astana
    assert both.facets["Tag"][tag] == count and both.facets["Origin"]["Embassy Astana"] == count
    assert parse_qs(urlsplit(page.url).query) == {
        "q": ["trafficking"],
        "origin": ["Embassy Astana"],
        "tag": [tag],
    }
    page.go_back()
    wait_ready(page)
    assert int(read_search(page, everything=False).status.split()[0]) == astana
    assert page.is_checked("#search-facets input[name=origin][value='Embassy Astana']")


def check_reference_ids(page, base: str) -> None:
    for spelling in (SEED_ID, "07 ASTANA 614", SEED_ID.lower()):
        view = read_search(page, f"{base}search.html?q={spelling}", everything=False)
        assert ids_of(view)[0] == SEED_ID, spelling


def check_date_order(page, base: str) -> None:
    view = read_search(page, base + "search.html?q=trafficking&sort=newest", everything=False)
    dates = [r["facts"][:16] for r in view.results]
    assert dates == sorted(dates, reverse=True) and len(dates) > 1


def open_result(page, base: str) -> None:
    read_search(page, f"{base}search.html?q={SEED_WORD}", everything=False)
    page.click("#search-results li a")
    page.wait_for_load_state()
    assert re.search(r"/cable/2007/02/07ASTANA367\.html(#par\d+)?$", page.url), page.url
    assert "07ASTANA367" in page.inner_text("h1, .kicker")


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
def test_search_finds_filters_and_opens_cables(sample_site, browser, prefix):
    transfers: list[tuple[str, int]] = []
    with serve(sample_site, prefix, transfers) as base:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        watch = PageWatch()
        watch.attach(page)
        loaded = first_query(page, base, transfers)
        all_bytes = sum(size for _, size in loaded)
        first_bytes = first_results_bytes(sample_site, loaded)
        view = read_search(page, everything=False)
        assert ids_of(view)[0] == "07ASTANA367"
        assert "<mark>" not in view.results[0]["excerpt"]
        marked = page.locator("#search-results mark").first.inner_text()
        assert marked.lower().strip(",.;:()") == SEED_WORD
        check_filters(page, base)
        OUT.mkdir(exist_ok=True)
        if prefix == "/":
            page.screenshot(path=str(OUT / "search-results.png"))
        check_reference_ids(page, base)
        check_date_order(page, base)
        open_result(page, base)
        ignore_favicon(watch)
        watch.assert_clean()
        largest = sorted(loaded, key=lambda item: -item[1])[:8]
        record = {
            "prefix": prefix,
            "first_results_bytes": first_bytes,
            "first_query_bytes": all_bytes,
            "requests": len(loaded),
            "largest": largest,
        }
        name = "search-network.json" if prefix == "/" else "search-network-subpath.json"
        (OUT / name).write_text(json.dumps(record, indent=1) + "\n")
        assert first_bytes <= all_bytes < 1_000_000


def test_search_page_from_file_says_it_needs_a_server(sample_site, browser):
    page = browser.new_page()
    watch = PageWatch()
    watch.attach(page)
    page.goto((sample_site / "search.html").as_uri() + "?q=trafficking")
    page.wait_for_selector("#search-page[data-state=offline]", state="attached")
    note = page.locator("#search-offline")
    assert note.is_visible() and "served over http(s)" in note.inner_text()
    assert page.locator("#search-offline a").count() >= 4
    assert not page.locator("#search-ui").is_visible()
    ignore_favicon(watch)
    watch.assert_clean()


def test_screenshot_for_the_readme_is_small():
    """docs/screenshots/search.png is copied from a run of this test (kept small)."""
    shot = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "search.png"
    if not shot.exists():
        pytest.skip("no README screenshot yet")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size < 300_000


def copy_readme_screenshot() -> None:  # pragma: no cover - run by hand after a test run
    target = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "search.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(OUT / "search-results.png", target)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_with_results_passes_axe(sample_site, browser, scheme):
    axe = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.exists():
        pytest.skip("axe-core is not installed (npm ci --prefix tests)")
    # axe is injected as an inline script
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    try:
        with serve(sample_site) as base:
            page = context.new_page()
            read_search(page, f"{base}search.html?q=trafficking&origin=Embassy+Astana", False)
            page.add_script_tag(path=str(axe))
            result = page.evaluate("() => axe.run(document.getElementById('search-page'))")
    finally:
        context.close()
    serious = [
        (v["id"], v["help"], len(v["nodes"]))
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious
