"""Pages saved from the original cable site (and, as a fallback, any HTML page).

Elements are found by scanning forward for an opening tag and then its closing
tag, never with a ``(.*?)`` regex: on a page with many unclosed tags that would
rescan the rest of the page for each one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.ingest.decode import decode_entities
from generator.ingest.extract import Extract
from generator.ingest.markup import remove_pilcrows
from generator.ingest.metadata import metadata_from_cells

# The "¶" anchors the site put before paragraphs: <a id='par1' href='#par1'>¶</a>
_PARAGRAPH_ANCHOR = re.compile(
    r"<a\s[^<>]{0,200}?href=['\"]#par[^'\"<>]{0,20}['\"][^<>]{0,200}>[^<]{0,10}</a>", re.I
)
_TAG = re.compile(r"<[A-Za-z/!?][^<>]{0,2000}>")  # "<" before a space or digit is text (HTML5)
_TITLE = re.compile(r"Viewing cable\s+[^\s,<]{1,40},[ \t]*([^<\n]{0,500})", re.I)
_CABLE_TABLE = re.compile(r"<table\b[^<>]{0,300}class=['\"]?cable\b[^<>]{0,300}>", re.I)
_WHITESPACE = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"<br\b[^<>]{0,100}>", re.I)
_PARAGRAPH_END = re.compile(r"</p\s*>", re.I)
_BLOCK_END = re.compile(r"</(?:div|h[1-6]|li|tr|table|blockquote|section|article)\s*>", re.I)
_BLANK_RUN = re.compile(r"\n{3,}")
_OPENING: dict[str, re.Pattern[str]] = {}
_CLOSING: dict[str, re.Pattern[str]] = {}


def _patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    if name not in _OPENING:
        _OPENING[name] = re.compile(rf"<{name}\b[^<>]{{0,1000}}>", re.I)
        _CLOSING[name] = re.compile(rf"</{name}\s*>", re.I)
    return _OPENING[name], _CLOSING[name]


def elements(
    page: str, name: str, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int, int, int]]:
    """(element start, content start, content end, element end) of each <name>...</name>."""
    opening, closing = _patterns(name)
    stop = len(page) if end is None else end
    position = start
    while True:
        found = opening.search(page, position, stop)
        if found is None:
            return
        close = closing.search(page, found.end(), stop)
        if close is None:
            return
        yield found.start(), found.end(), close.start(), close.end()
        position = close.end()


def _text_of(fragment: str) -> str:
    return decode_entities(_TAG.sub("", fragment))


def _pre_text(fragment: str) -> str:
    fragment = _PARAGRAPH_ANCHOR.sub("", fragment)
    return remove_pilcrows(_text_of(fragment))


def _metadata_cells(page: str) -> list[str]:
    table = _CABLE_TABLE.search(page)
    if table is None:
        return []
    close = _patterns("table")[1].search(page, table.end())
    end = close.start() if close else len(page)
    return [_text_of(page[a:b]) for _, a, b, _ in elements(page, "td", table.end(), end)]


def read_cable_page(page: str) -> Extract | None:
    """The cable of a page in the original site's layout; None for other HTML."""
    blocks = [_pre_text(page[a:b]) for _, a, b, _ in elements(page, "pre")]
    blocks = [block.strip("\n") for block in blocks if block.strip()]
    if not blocks:
        return None
    metadata = metadata_from_cells(_metadata_cells(page))
    title = _TITLE.search(page)
    subject = " ".join(decode_entities(title.group(1)).split()) if title else None
    # The site shows the routing header and the text in two boxes; the telegram
    # has them one after the other.
    return Extract("\n\n".join(blocks), metadata, subject or None)


def _without(page: str, names: tuple[str, ...]) -> str:
    for name in names:
        kept = []
        position = 0
        for start, _, _, end in elements(page, name):
            kept.append(page[position:start])
            position = end
        kept.append(page[position:])
        page = "".join(kept)
    return page


def html_to_text(page: str) -> str:
    """Visible text of any HTML page (no <pre>): lines at <br> and block ends, as shown."""
    page = _without(page, ("head", "script", "style"))
    page = _WHITESPACE.sub(" ", page)  # source line breaks are spaces outside <pre>
    page = _LINE_BREAK.sub("\n", page)
    page = _PARAGRAPH_END.sub("\n\n", page)
    page = _BLOCK_END.sub("\n", page)
    lines = [line.strip(" ") for line in decode_entities(_TAG.sub("", page)).split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines))
