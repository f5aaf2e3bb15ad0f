"""Text copies of site pages and blog reposts: metadata line, cable text, chrome around it."""

from __future__ import annotations

import re

from generator.ingest.extract import Extract
from generator.ingest.markup import footer_start, trim_lines
from generator.ingest.metadata import HEADER, Metadata, parse_values_line

_TITLE = re.compile(r"^(?:Viewing cable[ \t]+)?\d\d[A-Z][A-Z0-9]*\d,[ \t]*(.+)$")
# Words of the original site's page around a cable; never part of a telegram.
_SITE_CHROME = (
    "Viewing cable ",
    "WikiLeaks Link",
    "Keep Us Strong",
    "If you are new to these pages",
    "To understand the justification used",
    "Discussing cables",
    "Currently released so far",
    "Browse latest releases",
)
MAX_VALUE_LINES = 6


def _values(lines: list[str]) -> tuple[Metadata | None, int]:
    """Metadata from the lines after the header line, and how many lines it used."""
    seen: list[str] = []
    for index, line in enumerate(lines[: MAX_VALUE_LINES * 2]):
        if not line.strip(" \t|-:"):  # blank, or the |---|---| row of a Markdown table
            continue
        seen.append(line.strip())
        metadata = parse_values_line(" ".join(seen))
        if metadata is not None:
            return metadata, index + 1
        if len(seen) >= MAX_VALUE_LINES:
            break
    return None, 0


def _title_subject(chrome: list[str]) -> str | None:
    for line in chrome:
        match = _TITLE.match(line.strip())
        if match:
            return " ".join(match.group(1).split())
    return None


def _chrome_start(lines: list[str], more_follow: bool) -> int:
    """First line of page chrome (or, before another cable, of its title) after a cable."""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(_SITE_CHROME) or (more_follow and _TITLE.match(stripped)):
            return index
    return len(lines)


def read_text_page(text: str) -> list[Extract]:
    """One extract per metadata block in the text (usually one)."""
    starts = list(HEADER.finditer(text))
    extracts = []
    chrome = text[: starts[0].start()].split("\n") if starts else []
    for number, match in enumerate(starts):
        more_follow = number + 1 < len(starts)
        end = starts[number + 1].start() if more_follow else len(text)
        lines = text[match.end() : end].split("\n")[1:]
        metadata, used = _values(lines)
        lines = lines[used:]
        lines = lines[: footer_start(lines)]
        cut = _chrome_start(lines, more_follow)
        extracts.append(
            Extract("\n".join(trim_lines(lines[:cut])), metadata, _title_subject(chrome))
        )
        chrome = lines[cut:]  # the next cable's title and page words
    return extracts
