"""axe-core on the built site, light and dark: no serious or critical violations."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.site import urls

# One Playwright per test process: use the browser tests' shared chromium.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from browser_support import shared_browser  # noqa: E402

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "index.html",
    urls.browse("tag", "PREL"),
    urls.section_index("origin"),
    "cable/2006/03/06PARIS2069.html",
    "cable/1975/03/75TEHRAN2069.html",
    "tags.html",
]
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
  .filter(v => v.impact === "serious" || v.impact === "critical")
  .map(v => v.id + ": " + v.nodes[0].html.slice(0, 120))"""


def test_no_serious_accessibility_violations(built_site):
    if not AXE.is_file():
        pytest.skip("needs tests/node_modules/axe-core (npm ci --prefix tests)")
    browser = shared_browser()
    script = AXE.read_text(encoding="utf-8")
    problems = []
    # light on a desktop, dark on a phone (no sideways scrolling at 360 px)
    for scheme, width in (("light", 1280), ("dark", 360)):
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
        page = context.new_page()
        for path in PAGES:
            page.goto((built_site.out / path).as_uri())
            page.add_script_tag(content=script)
            problems += [f"{scheme} {path}: {v}" for v in page.evaluate(RUN_AXE)]
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= page.viewport_size["width"], f"{path} scrolls sideways"
        context.close()
    assert problems == [], "\n".join(problems)


def test_404_page_finds_a_cable_from_a_bare_id(built_site):
    """A static host serves 404.html at any missing address; its script looks the id up."""
    browser = shared_browser()
    out = built_site.out
    base = "http://archive.test/archive/"

    def serve(route):
        path = (
            route.request.url[len(base) :].split("?")[0]
            if route.request.url.startswith(base)
            else ""
        )
        target = out / path
        if path and target.is_file():
            kind = "application/json" if path.endswith(".json") else None
            route.fulfill(status=200, body=target.read_bytes(), content_type=kind)
        elif path.endswith(".js") or path.endswith(".css"):
            route.fulfill(status=404, body=b"")
        else:
            route.fulfill(
                status=404, body=(out / "404.html").read_bytes(), content_type="text/html"
            )

    page = browser.new_page()
    try:
        page.route("http://archive.test/**", serve)
        page.goto(base + "06paris2069")
        page.wait_for_url(base + "cable/2006/03/06PARIS2069.html", timeout=10_000)
        page.goto(base + "99NOWHERE1")
        page.wait_for_function(
            "document.getElementById('lookup-status').textContent.includes('No cable')"
        )
    finally:
        page.close()
