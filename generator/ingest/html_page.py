"""Pages saved from the original cable site (and, as a fallback, any HTML page)."""

from __future__ import annotations

import re

from generator.ingest.decode import decode_entities
from generator.ingest.extract import Extract
from generator.ingest.markup import remove_pilcrows
from generator.ingest.metadata import metadata_from_cells

_CABLE_TABLE = re.compile(r"<table[^>]*class=['\"]?cable['\"]?[^>]*>(.*?)</table>", re.S | re.I)
_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S | re.I)
_PRE = re.compile(r"<pre[^>]*>(.*?)</pre>", re.S | re.I)
# The "¶" anchors the site put before paragraphs: <a id='par1' href='#par1'>¶</a>
_PARAGRAPH_ANCHOR = re.compile(
    r"<a\s[^<>]{0,200}?href=['\"]#par[^'\"<>]{0,20}['\"][^<>]{0,200}>[^<]{0,10}</a>", re.I
)
_TAG = re.compile(r"<[A-Za-z/!?][^<>]{0,2000}>")  # "<" before a space or digit is text (HTML5)
_TITLE = re.compile(r"Viewing cable\s+\S+?,\s*([^<\n]*)", re.I)
_DROPPED = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.S | re.I)
_BLOCK_END = re.compile(r"<(?:br|/p|/div|/h[1-6]|/li|/tr|/pre|/table|/blockquote)\b[^>]*>", re.I)


def _text_of(fragment: str) -> str:
    return decode_entities(_TAG.sub("", fragment))


def _pre_text(fragment: str) -> str:
    fragment = _PARAGRAPH_ANCHOR.sub("", fragment)
    return remove_pilcrows(_text_of(fragment))


def read_cable_page(page: str) -> Extract | None:
    """The cable of a page in the original site's layout; None for other HTML."""
    blocks = [_pre_text(block) for block in _PRE.findall(page)]
    blocks = [block.strip("\n") for block in blocks if block.strip()]
    if not blocks:
        return None
    table = _CABLE_TABLE.search(page)
    metadata = None
    if table is not None:
        metadata = metadata_from_cells([_text_of(cell) for cell in _CELL.findall(table.group(1))])
    title = _TITLE.search(page)
    subject = " ".join(decode_entities(title.group(1)).split()) if title else None
    # The site shows the routing header and the text in two boxes; the telegram
    # has them one after the other.
    return Extract("\n\n".join(blocks), metadata, subject or None)


def html_to_text(page: str) -> str:
    """Visible text of any HTML page, one line per block, for the plain-text readers."""
    page = _DROPPED.sub("", page)
    page = _BLOCK_END.sub("\n", page)
    return decode_entities(_TAG.sub("", page))
