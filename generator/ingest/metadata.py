"""The original site's metadata table: Reference ID, Created, Released, Classification, Origin."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = "[ \\t\\u00a0]"  # a copy from a browser may have no-break spaces between cells
_CELL_GAP = "[ \\t\\u00a0,|\\n]+"
# The header row of the table; a copied table may put each cell on its own line.
HEADER = re.compile(
    rf"^[ \t\u00a0|]*Reference{_SPACE}+ID{_CELL_GAP}Created{_CELL_GAP}Released{_CELL_GAP}"
    rf"Classification{_CELL_GAP}Origin[ \t\u00a0|]*$",
    re.M,
)
CLASSIFICATIONS = (
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "CONFIDENTIAL//NOFORN",
    "SECRET//NOFORN",
    "TOP SECRET//NOFORN",
    "UNCLASSIFIED",
    "CONFIDENTIAL",
    "TOP SECRET",
    "SECRET",
)
_CLASSIFICATION = "|".join(re.escape(name) for name in CLASSIFICATIONS)
_GAP = "[ \\t\\u00a0|]+"
_VALUES = re.compile(
    rf"[ \t\u00a0|]*(\d\d[A-Z][A-Z0-9]*\d){_GAP}(\d{{4}}-\d\d-\d\d){_SPACE}+(\d\d:\d\d){_GAP}"
    rf"(?:(\d{{4}}-\d\d-\d\d){_SPACE}+(\d\d:\d\d){_GAP})?"
    rf"({_CLASSIFICATION}){_GAP}(\S[^\n|]*?)[ \t\u00a0|]*$"
)
_DATE_TIME = re.compile(rf"(\d{{4}}-\d\d-\d\d){_SPACE}+(\d\d:\d\d)")
_ID = re.compile(r"\d\d[A-Z][A-Z0-9]*\d")


@dataclass(frozen=True, slots=True)
class Metadata:
    id: str
    created: str | None
    released: str | None
    classification: str | None
    origin: str | None

    @property
    def year(self) -> str:
        return self.id[:2]


def _when(date: str | None, time: str | None) -> str | None:
    return f"{date}T{time}" if date and time else None


def parse_values_line(line: str) -> Metadata | None:
    """'07ASTANA1061 2007-04-25 10:24 2011-08-30 01:44 UNCLASSIFIED Embassy Astana'."""
    if len(line) > 300:
        return None
    match = _VALUES.match(line)
    if match is None:
        return None
    cable_id, created_date, created_time, released_date, released_time, level, origin = (
        match.groups()
    )
    return Metadata(
        id=cable_id,
        created=_when(created_date, created_time),
        released=_when(released_date, released_time),
        classification=level,
        origin=" ".join(origin.split()),
    )


def metadata_from_cells(cells: list[str]) -> Metadata | None:
    """The five cells of the HTML table (Released may be empty)."""
    if len(cells) < 5 or not _ID.fullmatch(cells[0].strip()):
        return None

    def when(cell: str) -> str | None:
        match = _DATE_TIME.search(cell)
        return _when(*match.groups()) if match else None

    return Metadata(
        id=cells[0].strip(),
        created=when(cells[1]),
        released=when(cells[2]),
        classification=cells[3].strip() or None,
        origin=" ".join(cells[4].split()) or None,
    )
