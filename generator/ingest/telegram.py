"""Fields read from a telegram's own text (no page metadata).

Public helpers, also used by the cables.csv reader and the site build:
``split_header``, ``extract_subject``, ``extract_tags``, ``extract_references``
and ``read_telegram`` for everything at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.ingest.dtg import full_year
from generator.ingest.header import TelegramTop, find_page_marker, read_top
from generator.ingest.posts import post_from_fm, post_from_station, token_for_station
from generator.ingest.references import extract_references
from generator.ingest.subject import extract_subject
from generator.ingest.tags import extract_tags

__all__ = [
    "TelegramFields",
    "extract_references",
    "extract_subject",
    "extract_tags",
    "read_telegram",
    "split_header",
]

_DECL = re.compile(r"\bDECL(?:ASSIFY ON)?:?[ \t]*(\d\d?)/(\d\d?)/(\d{4}|\d\d)\b")
# Under E.O. 12958 cables were to be declassified ten years after they were written,
# or 25 years for the most sensitive; a declassification date is the only date some
# partial extracts carry.
DECLASSIFICATION_YEARS = (10, 25)


@dataclass(frozen=True, slots=True)
class TelegramFields:
    id: str | None
    created: str | None  # from the date-time group
    classification: str | None
    origin: str | None
    subject: str | None
    tags: tuple[str, ...]
    references: tuple[str, ...]


def split_header(body: str) -> tuple[str, str]:
    """(routing header, rest of the text); the header is "" when the text has none."""
    top = read_top(body)
    if top.header_lines == 0:
        return "", body
    lines = body.split("\n")
    header = "\n".join(lines[: top.header_lines]).rstrip("\n")
    rest = "\n".join(lines[top.header_lines :]).lstrip("\n")
    return header, rest


def classification_of(top: TelegramTop) -> str | None:
    line = top.classification_line
    if line is None:
        return None
    if line.level.startswith("UNCLASSIFIED"):
        sensitive = "SENSITIVE" in top.caveats or line.level != "UNCLASSIFIED"
        return "UNCLASSIFIED//FOR OFFICIAL USE ONLY" if sensitive else "UNCLASSIFIED"
    return f"{line.level}//NOFORN" if "NOFORN" in top.caveats else line.level


def origin_of(top: TelegramTop) -> str | None:
    if top.fm is not None and (post := post_from_fm(top.fm)) is not None:
        return post.origin
    line = top.classification_line
    if line is not None and line.station and (post := post_from_station(line.station)):
        return post.origin
    return None


def _station_and_serial(text: str, top: TelegramTop) -> tuple[str, str] | None:
    line = top.classification_line
    if line is not None and line.station and line.serial:
        return token_for_station(line.station), line.serial
    marker = find_page_marker(text)
    if marker is not None:
        return token_for_station(marker[0]), marker[1]
    if top.fm is not None and top.de_serial and (post := post_from_fm(top.fm)):
        return post.token, top.de_serial
    return None


def _estimated_year(text: str) -> str | None:
    """Two-digit year from the declassification date, when the text has no date at all."""
    match = _DECL.search(text, 0, 20_000)
    if match is None:
        return None
    for period in DECLASSIFICATION_YEARS:
        year = full_year(match.group(3)) - period
        if 1966 <= year <= 2010:
            return f"{year % 100:02d}"
    return None


def read_telegram(text: str, year: str | None = None) -> TelegramFields:
    """All fields the telegram text gives; ``year`` ("07") is used when it has no DTG."""
    top = read_top(text)
    if top.dtg is not None:
        year = top.dtg[2:4]
    elif year is None:
        year = _estimated_year(text)
    found = _station_and_serial(text, top)
    cable_id = f"{year}{found[0]}{int(found[1])}" if found and year else None
    return TelegramFields(
        id=cable_id,
        created=top.dtg,
        classification=classification_of(top),
        origin=origin_of(top),
        subject=extract_subject(text),
        tags=extract_tags(text),
        references=extract_references(text, year),
    )
