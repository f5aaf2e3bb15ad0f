"""content/pages/*.md: the editorial pages, rendered by the build with markdown-it-py."""

import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

PAGES = Path(__file__).resolve().parents[2] / "content" / "pages"
PAGE_FILES = sorted(PAGES.glob("*.md"))
REQUIRED = {"about", "reading-a-cable", "classifications"}
FRONT_KEYS = {"title", "order", "nav_title"}
# Files the build itself writes at the site root: a page of that name would clash.
RESERVED = {"index", "tags", "data", "search", "404", "feed", "sitemap", "robots"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)


def split_page(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name}: no front matter"
    end = text.find("\n---\n", 3)
    assert end > 0, f"{path.name}: front matter not closed"
    return yaml.safe_load(text[4 : end + 1]) or {}, text[end + 5 :]


def all_tokens(tokens: list[Token]) -> list[Token]:
    found = []
    for token in tokens:
        found.append(token)
        found.extend(all_tokens(token.children or []))
    return found


def parse(body: str) -> list[Token]:
    # The commonmark preset recognises raw HTML, so any use of it shows up here.
    return all_tokens(MarkdownIt("commonmark").parse(body))


@pytest.fixture(scope="module")
def pages() -> dict[str, tuple[dict, str]]:
    return {path.stem: split_page(path) for path in PAGE_FILES}


def test_required_pages_exist(pages):
    assert set(pages) >= REQUIRED


def test_file_names_make_safe_unique_urls(pages):
    for name in pages:
        assert SLUG.fullmatch(name), name
        assert name not in RESERVED, f"{name}.html is written by the build itself"


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_front_matter(path):
    front, body = split_page(path)
    assert isinstance(front, dict)
    assert set(front) <= FRONT_KEYS, f"unknown keys {set(front) - FRONT_KEYS}"
    assert isinstance(front.get("title"), str) and front["title"].strip()
    assert type(front.get("order")) is int
    assert isinstance(front.get("nav_title", ""), str)
    assert body.strip()


def test_orders_and_navigation_titles_are_unique(pages):
    orders = [front["order"] for front, _ in pages.values()]
    navs = [front.get("nav_title", front["title"]) for front, _ in pages.values()]
    assert len(orders) == len(set(orders))
    assert len(navs) == len(set(navs))


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_no_raw_html(path):
    _, body = split_page(path)
    raw = [t.content for t in parse(body) if t.type in ("html_block", "html_inline")]
    assert not raw


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_body_renders_as_written(path):
    _, body = split_page(path)
    tokens = parse(body)
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert "h1" not in headings, "the title comes from front matter; start sections at ##"
    assert not TABLE_ROW.search(body), "the commonmark preset renders no tables"


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_links_work_under_any_base(path):
    _, body = split_page(path)
    names = {p.stem for p in PAGE_FILES}
    for token in parse(body):
        if token.type != "link_open":
            continue
        href = str(token.attrs.get("href", ""))
        if href.startswith(("https://", "http://")):
            continue
        assert not href.startswith("/"), f"{href}: root-relative links break sub-paths"
        assert href.removesuffix(".html") in names, f"{href}: not another editorial page"
