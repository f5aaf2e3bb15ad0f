"""Ingest: every form a cable arrives in (saved pages, text copies, reposts) to Cable records.

    parse_source(path) -> list[Cable]      read a file, detect its kind, parse it
    parse_text(text, name) -> list[Cable]  the same for text already in memory

Bad input raises ParseError (with the file name); nothing else escapes.
"""

from __future__ import annotations

from pathlib import Path

from generator.cable import Cable
from generator.errors import ParseError
from generator.ingest import detect
from generator.ingest.assemble import build_cable
from generator.ingest.decode import decode_bytes, decode_entities
from generator.ingest.extract import Extract
from generator.ingest.html_page import html_to_text, read_cable_page
from generator.ingest.markup import markdown_to_text, remove_pilcrows
from generator.ingest.plain import read_plain
from generator.ingest.text_page import read_text_page

__all__ = ["ParseError", "parse_source", "parse_text"]

MAX_FILE_BYTES = 64 * 1024 * 1024  # a cable page is tens of KB; refuse to load a disk image


def _extracts(text: str, kind: str) -> list[Extract]:
    if kind == detect.HTML:
        return []  # handled by _parse_html
    text = remove_pilcrows(decode_entities(text))
    if kind == detect.MARKDOWN or detect.looks_like_markdown(text):
        text = markdown_to_text(text)
    if kind in (detect.TEXT_PAGE, detect.BLOG):
        return read_text_page(text)
    return read_plain(text)


def _parse_html(page: str, name: str) -> list[Cable]:
    extract = read_cable_page(page)
    if extract is not None:
        return [build_cable(extract, detect.HTML, name)]
    text = html_to_text(page)
    kind = detect.detect_kind(text)
    if kind is None or kind == detect.HTML:
        raise ParseError("HTML page without a cable (no <pre> text, no metadata line)", name)
    return _cables(text, kind, name)


def _cables(text: str, kind: str, name: str) -> list[Cable]:
    extracts = _extracts(text, kind)
    if not extracts:
        raise ParseError(f"no cable text found in this {kind} source", name)
    return [build_cable(extract, kind, name) for extract in extracts]


def parse_text(text: str, name: str) -> list[Cable]:
    """The cables in a text; ``name`` is the file name recorded as provenance."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    kind = detect.detect_kind(text)
    if kind is None:
        raise ParseError(
            "not a cable: no metadata line, routing header, classification line, "
            "TAGS or SUBJECT found",
            name,
        )
    if kind == detect.HTML:
        return _parse_html(text, name)
    return _cables(text, kind, name)


def parse_source(path: Path) -> list[Cable]:
    """The cables in a file; ParseError for unreadable or unrecognizable input."""
    path = Path(path)
    try:
        if not path.is_file():  # a folder, FIFO or device would block or make no sense
            raise ParseError("not a regular file", str(path))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ParseError(f"file is larger than {MAX_FILE_BYTES // 2**20} MB", str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}", str(path)) from None
    try:
        text = decode_bytes(data)
    except UnicodeError as exc:
        raise ParseError(f"cannot decode text: {exc}", str(path)) from None
    if "\x00" in text[:4096]:
        raise ParseError("binary file, not text", str(path))
    try:
        return parse_text(text, path.name)
    except ParseError as exc:
        raise ParseError(exc.message, str(path), exc.line) from None
