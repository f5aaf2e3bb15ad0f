"""Chromium loads every page of the hostile site: no script runs, the text shows as text.

The site (tests/security/hostile.py's corpus) is served WITHOUT the site's CSP:
escaping must hold on its own (file://, a host without headers). Every payload
that could run sets ``window.__pwned`` or calls ``alert``; an init script traps
the first, a dialog listener the second. Chromium's own parser then shows
whether any element, handler attribute or script URL came from cable text.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import quote

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "security"))

import hostile  # noqa: E402
from browser_support import read_search  # noqa: E402
from hostile_build import build_site, write_hostile_content  # noqa: E402

from generator.site import urls  # noqa: E402

pytestmark = pytest.mark.browser

TRAP = """
(() => {
  let hits = 0;
  Object.defineProperty(window, "__pwned", {
    get() { return hits; },
    set(value) { hits += 1; },
    configurable: false,
  });
})();
"""

# What the page holds that the theme never writes; run after load.
INSPECT = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) found.push(`${el.tagName} ${attr.name}`);
    }
    for (const key of ["href", "src", "action", "formAction", "data"]) {
      const value = el[key];
      if (typeof value === "string" && /^(javascript|data|vbscript):/i.test(value)) {
        found.push(`${el.tagName} ${key}=${value.slice(0, 60)}`);
      }
    }
  }
  const banned = "script:not([src]), iframe, object, embed, img, svg, math, video, audio, "
    + "style, meta[http-equiv], textarea";
  for (const el of document.querySelectorAll(banned)) found.push(`element ${el.tagName}`);
  const bases = document.querySelectorAll("base").length;
  if (bases > (document.getElementById("lookup") ? 1 : 0)) found.push(`${bases} base`);
  for (const el of document.querySelectorAll("script[src]")) {
    const url = new URL(el.src);
    if (url.origin !== location.origin || !url.pathname.includes("/static/")) {
      found.push(`script ${el.src}`);
    }
  }
  const h1 = document.querySelector("h1");
  const pre = [...document.querySelectorAll("pre")].map((p) => p.textContent).join("");
  return {found, pwned: window.__pwned, h1: h1 ? h1.textContent : null, pre};
}"""


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Files as they are, and 404.html for any missing address (as Netlify does)."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        pass


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-browser")
    cables = write_hostile_content(root / "content", root / "sources")
    build_site(root, export=False, search=True)
    handler = functools.partial(_StaticHost, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", root / "site", cables
    finally:
        server.shutdown()
        server.server_close()


def _as_browser_text(text: str) -> str:
    """What the DOM keeps of a text: the parser drops NUL and turns CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _visit(page, url: str, wait_until: str = "load") -> dict:
    page.goto(url, wait_until=wait_until)
    return page.evaluate(INSPECT)


def _pages_to_visit(site: Path, cables) -> list[str]:
    listed = {urls.cable(c.id, c.created) for c in cables}
    for section in ("origin", "tag", "classification"):
        listed.add(urls.section_index(section))
        listed.update(p.relative_to(site).as_posix() for p in (site / section).rglob("index.html"))
    for path in (urls.home(), urls.glossary(), urls.section_index("reldate"), urls.not_found()):
        listed.add(path)
    return sorted(listed)


def _cable_text_problems(report: dict, cable) -> list[str]:
    """How a cable page fails to show the cable's subject and text as text."""
    subject = cable.subject if cable.subject is not None else "(no subject)"
    problems = []
    if report["h1"] != _as_browser_text(subject):
        problems.append(f"h1 {report['h1']!r:.80}")
    for line in _as_browser_text(cable.body).splitlines():
        if line not in report["pre"]:
            problems.append(f"text line {line!r:.80}")
    return problems


@pytest.fixture
def trapped_page(browser):
    """A page with the __pwned trap; yields (page, dialogs seen)."""
    context = browser.new_context()
    context.add_init_script(TRAP)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page, dialogs
    context.close()


def test_the_trap_catches_a_payload_that_runs(trapped_page, hostile_server):
    page, dialogs = trapped_page
    base, site, _cables = hostile_server
    raw = f"<!DOCTYPE html><title>t</title><p>{hostile.MARKUP[2]}</p><script>alert(1)</script>"
    (site / "trap-check.html").write_text(raw, encoding="utf-8")
    try:
        report = _visit(page, base + "trap-check.html")
    finally:
        (site / "trap-check.html").unlink()
    assert report["pwned"] == 1 and dialogs == ["1"]
    assert "element IMG" in report["found"] and "IMG onerror" in report["found"]


def test_no_script_runs_and_every_text_shows_as_text(trapped_page, hostile_server):
    page, dialogs = trapped_page
    base, site, cables = hostile_server
    by_path = {urls.cable(c.id, c.created): c for c in cables}
    problems = {}
    visited = _pages_to_visit(site, cables)
    for path in visited:
        # Inline scripts run while parsing; anything that would run later (onerror,
        # onload) needs an element or attribute that INSPECT already reports.
        report = _visit(page, base + path, "domcontentloaded")
        found = report["found"] + (["window.__pwned set"] if report["pwned"] else [])
        if path in by_path:
            found += _cable_text_problems(report, by_path[path])
        if found:
            problems[path] = found[:5]
    assert len(visited) > len(cables)
    assert dialogs == []
    assert problems == {}


SEARCHES = [
    "search.html?q=pwned",
    "search.html?q=" + quote(hostile.MARKUP[2]),
    "search.html?q=onmouseover&tag="
    + quote(hostile.MARKUP[2])
    + "&origin="
    + quote('" x="')
    + "&sort="
    + quote("<script>alert(1)</script>"),
]


@pytest.mark.parametrize("query", SEARCHES)
def test_search_results_facets_and_excerpts_of_hostile_cables_stay_text(
    trapped_page, hostile_server, query
):
    page, dialogs = trapped_page
    base, _site, _cables = hostile_server
    view = read_search(page, base + query, everything=False)
    report = page.evaluate(INSPECT)
    assert report["found"] == [] and report["pwned"] == 0 and dialogs == []
    if query.endswith("=pwned"):
        assert int(view.status.split()[0]) > 50
        titles = " ".join(r["title"] for r in view.results)
        assert hostile.MARKUP[0] in titles  # the result list shows the subject as text


NOT_FOUND = [
    quote("<img src=x onerror=window.__pwned=1>"),
    "javascript:window.__pwned=1",
    "10hostile3.html",  # a real id: the lookup runs (the site is built for /archive/)
]


@pytest.mark.parametrize("address", NOT_FOUND)
def test_the_404_lookup_shows_a_hostile_address_as_text(trapped_page, hostile_server, address):
    page, dialogs = trapped_page
    base, _site, _cables = hostile_server
    page.goto(base + address, wait_until="load")
    page.wait_for_timeout(200)  # the lookup fetch, then maybe a redirect
    report = page.evaluate(INSPECT)
    assert report["found"] == [] and report["pwned"] == 0 and dialogs == []
