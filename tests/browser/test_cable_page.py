"""The shipped sample archive (content/) as a reader sees it in chromium.

Builds content/ exactly as the README's first command does, opens a seed cable's page
and checks the three boxes, the ¶ permalinks, the links to browse pages and the
downloads. Saves tests/out/cable-page.png (docs/screenshots/cable.png is a copy of it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "tests" / "out"
CABLE = "cable/2007/03/07ASTANA614.html"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO / "content", project / "content")
    status = main(
        [
            "build",
            "--quiet",
            "--no-search",
            "--content",
            str(project / "content"),
            "--out",
            str(project / "site"),
        ]
    )
    assert status == 0
    return project / "site"


def test_a_seed_cable_page_reads_like_the_original(browser, serve_site, sample_site):
    from browser_support import PageWatch

    base = serve_site(sample_site)
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    watch = PageWatch()
    watch.attach(page)
    page.goto(base + CABLE)
    assert "KAZAKHSTAN SUBMISSIONS FOR 2007 TIP REPORT" in page.title()
    top_box = page.locator("main").inner_text()
    for value in ("07ASTANA614", "2007-03-07 12:06", "2011-08-26 00:00", "Embassy Astana"):
        assert value in top_box
    assert "UNCLASSIFIED//FOR OFFICIAL USE ONLY" in top_box.replace("\n", "")
    # Every numbered paragraph has its permalink; the first one is an anchor one can share.
    assert page.locator("[id=par1]").count() == 1
    assert page.locator("[id^=par]").count() >= 20
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "cable-page.png"))
    # The raw text download is the cable text itself.
    text_link = page.locator("a[href$='07ASTANA614.txt']").first
    response = page.request.get(base + "cable/2007/03/07ASTANA614.txt")
    assert response.ok and "SUBMISSIONS FOR 2007 TIP REPORT" in response.text()
    assert text_link.count() == 1
    # A TAGS link leads to the tag's browse page, which lists this cable.
    page.locator("a.tag", has_text="KWMN").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("tag/KWMN/index.html")
    assert page.locator("a", has_text="07ASTANA614").count() >= 1
    watch.assert_clean()
    page.close()
