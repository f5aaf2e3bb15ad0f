"""A small crawler over a built site: every link and #fragment of every page."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


class PageLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "base":
            self.base = values.get("href")
            return
        for name in ("href", "src", "action"):
            if values.get(name) is not None:
                self.links.append(values[name])


def parse(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(base: str, page: str, link: str) -> tuple[str, str] | None:
    """(path inside the site, fragment) of a link as a browser resolves it, None if external."""
    absolute = urljoin(base + page, link)
    parts = urlsplit(absolute)
    if not absolute.startswith(base):
        if parts.scheme in ("http", "https", "mailto") and not base.startswith(
            f"{parts.scheme}://{parts.netloc}"
        ):
            return None  # another site
        raise AssertionError(f"{page}: link {link!r} leaves the site ({absolute})")
    path = absolute[len(base) :].split("#")[0].split("?")[0]
    return path, parts.fragment


def crawl(out: Path, base: str) -> list[str]:
    """Problems found resolving every link of every HTML page against ``base``."""
    pages = {p.relative_to(out).as_posix(): parse(p) for p in out.rglob("*.html")}
    problems = []
    for page, links in sorted(pages.items()):
        if links.base is not None:
            continue  # 404.html resolves against the site's base path; checked separately
        for link in links.links:
            if urlsplit(link).scheme:
                continue  # absolute by design: canonical link, feed, external sites
            target = resolve(base, page, link)
            if target is None:
                continue
            path, fragment = target
            if path == "" or path.endswith("/"):
                problems.append(f"{page}: {link!r} points at a folder (breaks on file://)")
            elif not (out / path).is_file():
                problems.append(f"{page}: {link!r} -> missing {path}")
            elif fragment and path.endswith(".html") and fragment not in pages[path].ids:
                problems.append(f"{page}: {link!r} -> no #{fragment} in {path}")
    return problems


ROW_ID = re.compile(r'<td class="id"><a href="[^"]*">([^<]+)</a></td>')
NEXT = re.compile(r'<link rel="next" href="([^"]+)">')


def listed_ids(out: Path, first_page: str) -> list[str]:
    """Cable ids of a browse category, following rel=next through its pages."""
    ids: list[str] = []
    page: str | None = first_page
    while page is not None:
        text = (out / page).read_text(encoding="utf-8")
        ids += ROW_ID.findall(text)
        following = NEXT.search(text)
        page = (
            posixpath.normpath(posixpath.join(posixpath.dirname(page), following.group(1)))
            if following
            else None
        )
    return ids
