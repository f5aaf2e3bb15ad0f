"""Helpers for browser tests: build a small site, serve it, drive Debian's chromium.

Shared by tests/browser/ (through conftest.py) and tests/search/.
"""

from __future__ import annotations

import atexit
import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The policy netlify.toml sends: the pages must work under it.
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def require_chromium() -> None:
    """Skip when chromium is missing, except in CI (env CI set), where that is a failure."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class _CountingWriter:
    """Wraps a handler's output stream and counts the bytes sent."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.count = 0

    def write(self, data) -> int:
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the site's CSP; ``prefix`` is the sub-path the site lives under.

    ``transfers`` (when set) receives (request path, bytes sent incl. headers) per request.
    """

    prefix = "/"
    transfers: list[tuple[str, int]] | None = None

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    def handle_one_request(self) -> None:
        start = self.wfile.count
        super().handle_one_request()
        if self.transfers is not None and getattr(self, "path", None):
            self.transfers.append((self.path, self.wfile.count - start))

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        if os.environ.get("SEARCH_TEST_LOG"):
            super().log_message(format, *args)


@contextmanager
def serve(
    site: Path, prefix: str = "/", transfers: list[tuple[str, int]] | None = None
) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 at ``prefix``; yields the base URL (ending with "/").

    With ``transfers``, every request's path and the bytes sent for it are appended.
    """
    handler = type("Handler", (_Handler,), {"prefix": prefix, "transfers": transfers})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageWatch:
    """Console errors, failed requests and bytes received, for one page."""

    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    responses: list[tuple[str, int]] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        page.on("response", self._response)

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} {response.status}")
        try:
            size = response.request.sizes()["responseBodySize"]
        except Exception:  # noqa: BLE001 - sizes() fails for some cached/aborted responses
            size = 0
        self.responses.append((response.url, size))

    def bytes_received(self) -> int:
        return sum(size for _, size in self.responses)

    def assert_clean(self) -> None:
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.failed, f"failed requests: {self.failed}"


_SHARED: dict[str, object] = {}


def shared_browser():
    """One chromium for the whole test session (Playwright's sync API allows one at a time)."""
    require_chromium()
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _SHARED["playwright"] = playwright
        _SHARED["browser"] = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        atexit.register(_close_shared)
    return _SHARED["browser"]


def _close_shared() -> None:
    browser = _SHARED.pop("browser", None)
    if browser is not None:
        browser.close()
    playwright = _SHARED.pop("playwright", None)
    if playwright is not None:
        playwright.stop()


@contextmanager
def chromium() -> Iterator[object]:
    """A Playwright chromium browser (Debian's binary)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass(frozen=True)
class SearchView:
    """What the search page shows once a search is done."""

    status: str
    results: list[dict[str, str]]  # href, title, facts, excerpt
    facets: dict[str, dict[str, int]]  # legend -> value -> count


READ_VIEW = """() => {
  const results = [...document.querySelectorAll('#search-results li')].map(li => ({
    href: li.querySelector('a').getAttribute('href'),
    title: li.querySelector('a').textContent,
    facts: (li.querySelector('.search-facts') || {}).textContent || '',
    excerpt: li.querySelector('.search-excerpt').textContent,
  }));
  const facets = {};
  for (const box of document.querySelectorAll('#search-facets fieldset')) {
    const values = {};
    for (const input of box.querySelectorAll('input')) {
      const count = document.querySelector(`label[for="${input.id}"] .search-count`).textContent;
      values[input.value] = parseInt(count.replace(/[^0-9]/g, ''), 10);
    }
    facets[box.querySelector('legend').textContent] = values;
  }
  return {status: document.getElementById('search-status').textContent, results, facets};
}"""


def wait_ready(page, timeout: float = 20_000) -> None:
    try:
        page.wait_for_selector("#search-page[data-state=ready]", state="attached", timeout=timeout)
    except Exception as error:  # noqa: BLE001 - re-raised with what the page shows
        state = page.evaluate(
            "() => [document.getElementById('search-page')?.dataset.state,"
            " document.getElementById('search-status')?.textContent]"
        )
        raise AssertionError(f"search not ready at {page.url}: {state}") from error


def read_search(page, url: str | None = None, everything: bool = True) -> SearchView:
    """Open ``url`` (or use the current page), wait for the search; with ``everything``
    also expand every facet and load every result first."""
    if url is not None:
        page.goto(url)
    wait_ready(page)
    if everything:
        while page.locator("#search-facets button[aria-expanded=false]").count():
            page.locator("#search-facets button[aria-expanded=false]").first.click()
            wait_ready(page)
        shown = -1
        while page.locator("#search-more:not([hidden])").count():
            count = page.locator("#search-results li").count()
            assert count > shown, "'Show more results' shows nothing more"
            shown = count
            page.click("#search-more")
            wait_ready(page)
    data = page.evaluate(READ_VIEW)
    return SearchView(data["status"], data["results"], data["facets"])


def first_results_bytes(site: Path, transfers: list[tuple[str, int]]) -> int:
    """Bytes a search needs before its first results: every request except the files of
    the bundles merged after them (all but the newest cable bundle, see search.js).
    An upper bound: the newest bundle's filter files, loaded later, are counted too."""
    bundles = json.loads((site / "pagefind" / "bundles.json").read_text("utf-8"))["bundles"]
    dated = [b for b in bundles if b["months"] and b["months"][0] != "undated"]
    primary = (dated or bundles)[-1]["path"]
    later = ["/" + b["path"] for b in bundles if b["path"] != primary]
    return sum(size for path, size in transfers if not any(part in path for part in later))
