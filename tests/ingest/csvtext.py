"""Rows of a cables.csv written the way make_corpus.py writes them, for the ingest tests."""

from __future__ import annotations

COLUMNS = ("number", "created", "id", "origin", "classification", "references", "header", "body")
DEFAULTS = {
    "created": "03/07/2007 12:06",
    "origin": "Embassy Astana",
    "classification": "UNCLASSIFIED",
}


def quote(field: str) -> str:
    """How make_corpus.py writes a field."""
    return '"' + field.replace("\\", "\\\\").replace('"', '\\"') + '"'


def csv_row(number: int | str, cable_id: str, **fields: str) -> str:
    """One row; ``fields`` gives references, header and body, and may change the others."""
    values = {**DEFAULTS, "number": str(number), "id": cable_id, **fields}
    return ",".join(quote(values[column]) for column in COLUMNS) + "\n"
