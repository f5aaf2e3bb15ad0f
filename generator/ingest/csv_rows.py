"""One cables.csv row from bytes to a Cable: the part of reading that needs no state.

Pure functions of the row's bytes, so rows can be converted in worker processes
and the results put back in order by ``csv_source`` (which alone knows the ids
seen so far). Format: see ``csv_source``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from generator.cable import Cable, Source
from generator.content.cablefile import format_front_matter
from generator.content.schema import CABLE_ID_EXAMPLE, KNOWN_CLASSIFICATIONS, is_cable_id
from generator.ingest.telegram import extract_subject, extract_tags

FIELD_NAMES = (
    "row number",
    "created",
    "id",
    "origin",
    "classification",
    "references",
    "header",
    "body",
)

# The first three fields in plain ASCII without escapes: how nearly every row
# starts, and then the id is read without decoding or splitting the row.
_ROW_START = re.compile(rb'"[^"\\\x80-\xff]*","[^"\\\x80-\xff]*","([^"\\\x80-\xff]*)"')
_ESCAPE = re.compile(r"\\(.)", re.S)
_CSV_DATE = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4}) ([0-9]{2}):([0-9]{2})")


@dataclass(slots=True)
class ConvertedRow:
    """A row's cable (and its file bytes) or the reason it has none.

    ``cable_id`` is the row's id whenever one could be read, even from a broken
    row, so that a later row reusing it is still reported as a duplicate.
    ``stored`` is set when a worker process already stored the cable (then
    ``cable`` and ``encoded`` are dropped): the folder key ("YYYY/MM") of a new
    file, or "" when the stored file already held these bytes.
    """

    row: int
    line: int
    cable_id: str | None = None
    cable: Cable | None = None
    encoded: bytes | None = None
    problem: str | None = None
    warnings: list[str] = field(default_factory=list)
    stored: str | None = None

    def mark_duplicate(self, first: int) -> None:
        """This row reuses the id of row ``first``: an error unless it has one already."""
        if self.problem is None:
            self.problem = f"{self.cable_id}: duplicate id (first in row {first})"
        self.cable = self.encoded = None


class FieldError(ValueError):
    def __init__(self, message: str, offset: int, fields: list[str]):
        super().__init__(message)
        self.offset = offset  # in the row text, for the line number
        self.fields = fields  # those read before the damage


def split_fields(text: str) -> list[str]:
    """The unescaped fields of one row; FieldError where the quoting breaks."""
    fields: list[str] = []
    pos, end = 0, len(text)
    while True:
        if not text.startswith('"', pos):
            message = f"{_field_name(len(fields))}: expected a field in double quotes"
            raise FieldError(message, pos, fields)
        close = _closing_quote(text, pos + 1)
        if close < 0:
            raise FieldError(f"{_field_name(len(fields))}: no closing quote", pos, fields)
        value = text[pos + 1 : close]
        fields.append(_unescape(value) if "\\" in value else value)
        pos = close + 1
        if pos == end:
            return fields
        if text[pos] != ",":
            message = (
                f"{_field_name(len(fields) - 1)}: unescaped '\"' (text after its closing quote)"
            )
            raise FieldError(message, pos, fields)
        pos += 1


def _closing_quote(text: str, start: int) -> int:
    """Index of the first quote at or after ``start`` not escaped by a backslash."""
    quote = text.find('"', start)
    while quote > start and text[quote - 1] == "\\":
        run = quote - 1
        while run > start and text[run - 1] == "\\":
            run -= 1
        if (quote - run) % 2 == 0:  # an even run of backslashes escapes only itself
            break
        quote = text.find('"', quote + 1)
    return quote


def _unescape(value: str) -> str:
    if value.count("\\") == value.count('\\"'):  # the usual case: only escaped quotes
        return value.replace('\\"', '"')
    return _ESCAPE.sub(_escaped_char, value)


def _escaped_char(match: re.Match[str]) -> str:
    return match[1]


def _field_name(index: int) -> str:
    label = f" ({FIELD_NAMES[index]})" if index < len(FIELD_NAMES) else ""
    return f"field {index + 1}{label}"


def csv_timestamp(value: str) -> tuple[str | None, str | None]:
    """(``YYYY-MM-DDTHH:MM``, None) for ``MM/DD/YYYY HH:MM``, else (None, problem)."""
    match = _CSV_DATE.fullmatch(value)
    if match is None:
        return None, f"malformed created date {value!r} (expected MM/DD/YYYY HH:MM)"
    month, day, year, hour, minute = match.groups()
    try:
        datetime(int(year), int(month), int(day), int(hour), int(minute))
    except ValueError:
        return None, f"impossible created date {value!r}"
    return f"{year}-{month}-{day}T{hour}:{minute}", None


def row_id(file_name: str, row: int, line: int, raw: bytes) -> str | None:
    """``convert_row(...).cable_id``, cheaply for the usual row start."""
    start = _ROW_START.match(raw)
    if start is None:
        return convert_row(file_name, row, line, raw).cable_id
    cable_id = start[1].decode("ascii")
    return cable_id if is_cable_id(cable_id) else None


def convert_rows(file_name: str, rows: list[tuple[int, int, bytes]]) -> list[ConvertedRow]:
    """``convert_row`` over a chunk of rows (the unit of work of a worker process)."""
    return [convert_row(file_name, row, line, raw) for row, line, raw in rows]


def convert_row(file_name: str, row: int, line: int, raw: bytes) -> ConvertedRow:
    result = ConvertedRow(row, line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        result.cable_id = _salvage_id(raw.decode("utf-8", "replace"))
        at = line + raw.count(b"\n", 0, exc.start)
        result.problem = f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}, line {at})"
        return result
    try:
        fields = split_fields(text)
    except FieldError as exc:
        result.cable_id = _id_among(exc.fields)
        at = line + text.count("\n", 0, exc.offset)
        result.problem = f"{exc} on line {at}"
        return result
    result.cable_id = _id_among(fields)
    if len(fields) != len(FIELD_NAMES):
        count = f"has {len(fields)} fields, expected {len(FIELD_NAMES)}"
        result.problem = f"{count} ({', '.join(FIELD_NAMES)})"
        return result
    _fill_cable(result, file_name, fields)
    return result


def _fill_cable(result: ConvertedRow, file_name: str, fields: list[str]) -> None:
    _, created_text, cable_id, origin, classification, refs, header, body_text = fields
    if not is_cable_id(cable_id):
        result.problem = f"bad reference id {cable_id!r} (expected e.g. {CABLE_ID_EXAMPLE})"
        return
    created, problem = csv_timestamp(created_text)
    if problem is None and classification not in KNOWN_CLASSIFICATIONS:
        problem = f"unknown classification {classification!r}"
    if problem is not None:
        result.problem = f"{cable_id}: {problem}"
        return
    references: list[str] = []
    for ref in dict.fromkeys(part.strip() for part in refs.split(",")):
        if is_cable_id(ref):
            references.append(ref)
        elif ref:
            result.warnings.append(f"{cable_id}: reference {ref!r} is not a cable id; left out")
    body = f"{header}\n\n{body_text}"
    body_bytes = body.encode("utf-8")  # never fails: decoded from UTF-8, no surrogates
    sha256 = hashlib.sha256(body_bytes).hexdigest()  # = body_sha256(body), hashed once
    result.cable = Cable(
        id=cable_id,
        created=created,
        released=None,
        classification=classification,
        origin=origin or None,
        subject=extract_subject(body),
        tags=tuple(extract_tags(body)),
        references=tuple(references),
        body=body,
        sources=(Source(file_name, "csv", sha256),),
    )
    # = encode_cable(cable), with the body encoded once
    result.encoded = format_front_matter(result.cable, sha256).encode("utf-8") + body_bytes


def _id_among(fields: list[str]) -> str | None:
    return fields[2] if len(fields) > 2 and is_cable_id(fields[2]) else None


def _salvage_id(text: str) -> str | None:
    try:
        return _id_among(split_fields(text))
    except FieldError as exc:
        return _id_among(exc.fields)
