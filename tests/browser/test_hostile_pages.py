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

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "security"))

import hostile  # noqa: E402
from hostile_build import build_site, write_dated  # noqa: E402

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
    + "style, meta[http-equiv], base:not(:first-of-type), textarea, input:not([type=search])";
  for (const el of document.querySelectorAll(banned)) found.push(`element ${el.tagName}`);
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        pass


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-browser")
    cables = hostile.hostile_cables()
    for cable in cables:
        write_dated(root / "content", cable)
    (root / "content" / "tags.yaml").write_text(hostile.glossary_yaml(), encoding="utf-8")
    build_site(root, export=False)
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
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


def _visit(page, url: str) -> dict:
    page.goto(url, wait_until="load")
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
        report = _visit(page, base + path)
        found = report["found"] + (["window.__pwned set"] if report["pwned"] else [])
        if path in by_path:
            found += _cable_text_problems(report, by_path[path])
        if found:
            problems[path] = found[:5]
    assert len(visited) > len(cables)
    assert dialogs == []
    assert problems == {}
