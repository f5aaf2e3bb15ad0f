"""Bare telegram text and Markdown reposts: no metadata, only the telegram itself."""

from __future__ import annotations

import re

from generator.ingest.dtg import parse_dtg_line
from generator.ingest.extract import Extract
from generator.ingest.header import PARTIAL_NOTE, parse_classification_line
from generator.ingest.markup import dedent_lines, footer_start, trim_lines

# Lines that can open a telegram; anything above the first one is the reposter's.
_OPENING = re.compile(
    r"[ \t]*(?:VZCZC|[A-Z]{1,2} R[A-Z]{3,}|DE R[A-Z]{3,}|FM |E\.?[ \t]?O\.?[ \t]?1|TAGS?\b|"
    r"SUBJECT\b)"
)
SCAN_LINES = 400


def _is_opening(line: str) -> bool:
    return bool(
        _OPENING.match(line)
        or line.strip().startswith(PARTIAL_NOTE[:30])
        or parse_dtg_line(line) is not None
        or parse_classification_line(line) is not None
    )


def telegram_start(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:SCAN_LINES]):
        if line.strip() and _is_opening(line):
            return index
    return None


def read_plain(text: str) -> list[Extract]:
    lines = text.split("\n")
    start = telegram_start(lines)
    if start is None:
        return []
    lines = lines[start:]
    lines = dedent_lines(trim_lines(lines[: footer_start(lines)]))
    return [Extract("\n".join(lines))]
