"""The built site works under the headers netlify.toml sends: no CSP violation in Chromium.

The site is built from a small archive (search included), served by the preview
server without its reload script and with netlify.toml's headers for "/*", and
the home page, a cable page, the search page (with a query, so Pagefind's
WebAssembly runs) and the 404 page are loaded in the session's ``browser``
(tests/browser/conftest.py: one Playwright per process, so no test starts its own).
"""

from __future__ import annotations

import io
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cable import Cable
from generator.content.cablefile import format_cable_file
from generator.content.layout import cable_path
from generator.report import Reporter
from generator.serve.server import PreviewServer
from generator.site.build import build
from generator.site.config import load_config

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# Runs before any page script; CSP does not apply to it.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def site_headers() -> dict[str, str]:
    with open(ROOT / "netlify.toml", "rb") as file:
        rules = tomllib.load(file)["headers"]
    return next(rule["values"] for rule in rules if rule["for"] == "/*")


def cable(cable_id: str, created: str, origin: str, text: str) -> Cable:
    return Cable(
        id=cable_id,
        created=created,
        released="2011-08-26T00:00",
        classification="CONFIDENTIAL",
        origin=origin,
        subject=f"SUBJECT OF {cable_id}",
        tags=("PREL",),
        references=(),
        body=f"VZCZCXRO0001\nDE RUEH #0001\n1. (C) {text}\n",
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("csp")
    for item in (
        cable("07ASTANA614", "2007-03-07T12:06", "Embassy Astana", "TRAFFICKING IN PERSONS."),
        cable("08PARIS1", "2008-01-02T10:00", "Embassy Paris", "WHEAT EXPORTS."),
    ):
        path = cable_path(project / "content", item.id, item.created)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(format_cable_file(item), encoding="utf-8", newline="")
    config = load_config(
        None,
        {
            "content_dir": project / "content",
            "out_dir": project / "site",
            "cache_dir": project / ".cache",
            "workers": 1,
        },
    )
    # In a thread of its own: Playwright's sync API may already run an event loop in
    # this one, and the search stage starts its own with asyncio.run.
    log = io.StringIO()
    worker = threading.Thread(target=build, args=(config, Reporter(quiet=True, stream=log)))
    worker.start()
    worker.join()
    assert (project / "site" / "index.html").is_file(), log.getvalue()
    return project / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = PreviewServer(("127.0.0.1", 0), site, hub=None, headers=site_headers())
    server.start()
    yield server.url
    server.stop()


def open_page(browser, url: str):
    """A page at url, and the console errors and page errors it produces."""
    page = browser.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(url)
    return page, response, problems


def assert_clean(page, problems: list[str]) -> None:
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.cspViolations")
    page.close()
    assert violations == []
    assert [p for p in problems if "404" not in p] == []


def test_the_headers_reach_the_browser(browser, base_url: str) -> None:
    page, response, problems = open_page(browser, base_url)
    headers = response.headers
    assert "wasm-unsafe-eval" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert_clean(page, problems)


@pytest.mark.parametrize("path", ["", "cable/2007/03/07ASTANA614.html", "tag/PREL/index.html"])
def test_pages_work_under_the_csp(browser, base_url: str, path: str) -> None:
    page, response, problems = open_page(browser, base_url + path)
    assert response.status == 200
    assert_clean(page, problems)


def test_search_runs_pagefind_under_the_csp(browser, base_url: str, site: Path) -> None:
    assert (site / "pagefind" / "bundles.json").is_file(), "the build wrote no search index"
    page, _, problems = open_page(browser, base_url + "search.html?q=trafficking")
    results = page.locator("#search-results li")
    playwright_api.expect(results.first).to_contain_text("07ASTANA614", timeout=20_000)
    assert results.count() == 1
    assert_clean(page, problems)


def test_the_404_page_works_under_the_csp(browser, base_url: str) -> None:
    page, response, problems = open_page(browser, base_url + "cable/2099/01/99NOWHERE1.html")
    assert response.status == 404
    assert_clean(page, problems)
