"""Stream cables out of a ``cables.csv`` (the 8-column distribution of the leak).

Format (see ``../shared/corpus/make_corpus.py``): UTF-8, no header, every field
in double quotes, ``\\"`` and ``\\\\`` as the only escapes, rows end with a
newline and fields may hold raw newlines. Fields: row number, created
(``MM/DD/YYYY HH:MM``), id, origin, classification, references (comma list),
routing header, body.

The real file is 1.7 GB, so it is read in binary chunks and cut into rows at
``"\\n"`` (a closing quote, a newline, the next opening quote: inside a
well-formed field every quote is escaped, so this cannot occur there). Each
row is then decoded and tokenized on its own, which makes every kind of damage
-- invalid UTF-8, a stray unescaped quote, a missing field -- the problem of one
row: it is reported with its row number and line and the next row is read as
usual. Python's csv module is not used because it silently accepts
``"Embassy Cairo "ANNEX""`` as the field ``Embassy Cairo ANNEX""``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.cable import Cable, Source
from generator.content.cablefile import body_sha256
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
CHUNK_BYTES = 8 << 20
MAX_ROW_BYTES = 64 << 20

_ROW_END = re.compile(rb'"\r?\n(?=")')
_ESCAPE = re.compile(r"\\(.)", re.S)
_CSV_DATE = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4}) ([0-9]{2}):([0-9]{2})")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Something wrong with one row; ``level`` is "error" (row skipped) or "warning"."""

    path: str
    row: int
    line: int
    message: str
    level: str = "error"

    @property
    def text(self) -> str:
        return f"row {self.row}: {self.message}"


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


class CsvCableReader:
    """Iterate a cables.csv: a Cable per good row, a RowProblem per bad one.

    ``bytes_read`` follows the position in the file (for a progress bar). Only
    the ids seen so far (with their row number) are kept between rows.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = str(path)
        self.bytes_read = 0
        self._first_row_of: dict[str, int] = {}

    def __iter__(self) -> Iterator[Cable | RowProblem]:
        for row, line, raw in self._raw_rows():
            yield from self._convert(row, line, raw)

    def _raw_rows(self) -> Iterator[tuple[int, int, bytes]]:
        """(row number, line of its start, its bytes without the final newline)."""
        row, line, buffer, offset = 0, 1, b"", 0  # offset: of buffer[0] in the file
        with open(self.path, "rb") as handle:
            while True:
                chunk = handle.read(CHUNK_BYTES)
                buffer = buffer + chunk if buffer else chunk
                start = 0
                for match in _ROW_END.finditer(buffer):
                    raw = buffer[start : match.start() + 1]
                    row += 1
                    self.bytes_read = offset + match.end()
                    yield row, line, raw
                    line += raw.count(b"\n") + 1
                    start = match.end()
                buffer = buffer[start:]
                offset += start
                if not chunk:
                    break
                if len(buffer) > MAX_ROW_BYTES:
                    raise OSError(f"row {row + 1} (line {line}) is longer than 64 MB")
        self.bytes_read = offset + len(buffer)
        tail = buffer.rstrip(b"\r\n")
        if tail:
            yield row + 1, line, tail

    def _problem(self, row: int, line: int, message: str, level: str = "error") -> RowProblem:
        return RowProblem(self.name, row, line, message, level)

    def _convert(self, row: int, line: int, raw: bytes) -> Iterator[Cable | RowProblem]:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self._salvage_id(raw.decode("utf-8", "replace"), row)
            at = line + raw.count(b"\n", 0, exc.start)
            yield self._problem(
                row, line, f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}, line {at})"
            )
            return
        try:
            fields = split_fields(text)
        except FieldError as exc:
            self._remember_fields(exc.fields, row)
            at = line + text.count("\n", 0, exc.offset)
            yield self._problem(row, line, f"{exc} on line {at}")
            return
        if len(fields) != len(FIELD_NAMES):
            self._remember_fields(fields, row)
            message = f"has {len(fields)} fields, expected {len(FIELD_NAMES)}"
            yield self._problem(row, line, f"{message} ({', '.join(FIELD_NAMES)})")
            return
        yield from self._cable(row, line, fields)

    def _cable(self, row: int, line: int, fields: list[str]) -> Iterator[Cable | RowProblem]:
        _, created_text, cable_id, origin, classification, refs, header, body_text = fields
        problem = self._id_problem(cable_id, row)
        created, date_problem = csv_timestamp(created_text)
        problem = problem or date_problem
        if problem is None and classification not in KNOWN_CLASSIFICATIONS:
            problem = f"unknown classification {classification!r}"
        if problem is not None:
            prefix = f"{cable_id}: " if is_cable_id(cable_id) else ""
            yield self._problem(row, line, prefix + problem)
            return
        references: list[str] = []
        for ref in dict.fromkeys(part.strip() for part in refs.split(",")):
            if is_cable_id(ref):
                references.append(ref)
            elif ref:
                message = f"{cable_id}: reference {ref!r} is not a cable id; left out"
                yield self._problem(row, line, message, "warning")
        body = f"{header}\n\n{body_text}"
        source = Source(self.path.name, "csv", body_sha256(body))
        yield Cable(
            id=cable_id,
            created=created,
            released=None,
            classification=classification,
            origin=origin or None,
            subject=extract_subject(body),
            tags=tuple(extract_tags(body)),
            references=tuple(references),
            body=body,
            sources=(source,),
        )

    def _id_problem(self, cable_id: str, row: int) -> str | None:
        if not is_cable_id(cable_id):
            return f"bad reference id {cable_id!r} (expected e.g. {CABLE_ID_EXAMPLE})"
        first = self._first_row_of.setdefault(cable_id, row)
        if first != row:
            return f"duplicate id (first in row {first})"
        return None

    def _remember_fields(self, fields: list[str], row: int) -> None:
        """Keep a damaged row's id, so a later row reusing it is still a duplicate."""
        if len(fields) > 2 and is_cable_id(fields[2]):
            self._first_row_of.setdefault(fields[2], row)

    def _salvage_id(self, text: str, row: int) -> None:
        try:
            self._remember_fields(split_fields(text), row)
        except FieldError as exc:
            self._remember_fields(exc.fields, row)


def iter_csv_cables(path: Path) -> Iterator[Cable | RowProblem]:
    return iter(CsvCableReader(path))
