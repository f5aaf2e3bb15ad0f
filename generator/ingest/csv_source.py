"""Stream cables out of a ``cables.csv`` (the 8-column distribution of the leak).

Format (see ``../shared/corpus/make_corpus.py``): UTF-8, no header, every field
in double quotes, ``\\"`` and ``\\\\`` as the only escapes, rows end with a
newline and fields may hold raw newlines. Fields: row number, created
(``MM/DD/YYYY HH:MM``), id, origin, classification, references (comma list),
routing header, body.

The real file is 1.7 GB, so it is read in binary chunks and cut into rows at
``"\\n"`` (a closing quote, a newline, the next opening quote: inside a
well-formed field every quote is escaped, so this cannot occur there). Each
row is then decoded and tokenized on its own (``csv_rows``), which makes every
kind of damage -- invalid UTF-8, a stray unescaped quote, a missing field --
the problem of one row: it is reported with its row number and line, and the
next row is read as usual. Python's csv module is not used because it silently
accepts ``"Embassy Cairo "ANNEX""`` as the field ``Embassy Cairo ANNEX""``.

Big files are converted by worker processes in chunks of rows, a bounded
number of chunks ahead, and put back in file order here, where the ids seen so
far (the only state kept between rows) give the duplicate check.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.cable import Cable
from generator.ingest.csv_rows import (
    FIELD_NAMES,
    ConvertedRow,
    FieldError,
    convert_row,
    convert_rows,
    csv_timestamp,
    split_fields,
)

__all__ = [
    "FIELD_NAMES",
    "CsvCableReader",
    "FieldError",
    "RowProblem",
    "csv_timestamp",
    "iter_csv_cables",
    "split_fields",
]

READ_BYTES = 8 << 20
MAX_ROW_BYTES = 64 << 20
PARALLEL_FROM_BYTES = 4 << 20  # smaller files are not worth starting processes for
ROWS_PER_TASK = 256
TASKS_AHEAD = 3  # per worker: bounds memory while keeping the workers busy


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


class CsvCableReader:
    """Iterate a cables.csv: a Cable per good row, a RowProblem per bad one.

    ``bytes_read`` follows the position in the file (for a progress bar).
    ``jobs`` > 1 worker processes convert the rows of big files; ``None`` means one
    per core. Workers are started with "spawn", which re-imports the main module:
    only ask for them from a program whose main module is import-safe (the CLI).
    """

    def __init__(self, path: Path, jobs: int | None = 1) -> None:
        self.path = Path(path)
        self.name = str(path)
        self.jobs = jobs if jobs is not None else (os.cpu_count() or 1)
        self.bytes_read = 0
        self._first_row_of: dict[str, int] = {}

    def __iter__(self) -> Iterator[Cable | RowProblem]:
        for item in self.with_file_bytes():
            yield item[0] if isinstance(item, tuple) else item

    def with_file_bytes(self) -> Iterator[tuple[Cable, bytes] | RowProblem]:
        """Like iterating, with each cable's content-file bytes (``encode_cable``) beside it."""
        for converted in self._converted():
            yield from self._finish(converted)

    def _converted(self) -> Iterator[ConvertedRow]:
        rows = self._raw_rows()
        if self.jobs > 1 and self.path.stat().st_size >= PARALLEL_FROM_BYTES:
            return _in_workers(self.path.name, rows, self.jobs)
        return (convert_row(self.path.name, *row) for row in rows)

    def _finish(self, converted: ConvertedRow) -> Iterator[tuple[Cable, bytes] | RowProblem]:
        """Apply the duplicate check (the one thing that needs the rows before)."""
        row, line, problem = converted.row, converted.line, converted.problem
        if converted.cable_id is not None:
            first = self._first_row_of.setdefault(converted.cable_id, row)
            if first != row and problem is None:
                problem = f"{converted.cable_id}: duplicate id (first in row {first})"
        if problem is not None:
            yield RowProblem(self.name, row, line, problem)
            return
        for warning in converted.warnings:
            yield RowProblem(self.name, row, line, warning, "warning")
        assert converted.cable is not None and converted.encoded is not None
        yield converted.cable, converted.encoded

    def _raw_rows(self) -> Iterator[tuple[int, int, bytes]]:
        """(row number, line of its start, its bytes without the final newline)."""
        row, line, buffer, offset = 0, 1, b"", 0  # offset: of buffer[0] in the file
        boundary: bytes | None = None
        with open(self.path, "rb") as handle:
            while chunk := handle.read(READ_BYTES):
                buffer = buffer + chunk if buffer else chunk
                start = 0
                while (end := _row_end(buffer, start, boundary)) >= 0:
                    if boundary is None:
                        boundary = b'"\r\n"' if buffer[end + 1] == 13 else b'"\n"'
                    raw = buffer[start : end + 1]
                    row += 1
                    yield row, line, raw
                    line += raw.count(b"\n") + 1
                    start = end + len(boundary) - 1  # at the next row's opening quote
                    self.bytes_read = offset + start
                buffer, offset = buffer[start:], offset + start
                if len(buffer) > MAX_ROW_BYTES:
                    raise OSError(f"row {row + 1} (line {line}) is longer than 64 MB")
        self.bytes_read = offset + len(buffer)
        tail = buffer.rstrip(b"\r\n")
        if tail:
            yield row + 1, line, tail


def _row_end(buffer: bytes, start: int, boundary: bytes | None) -> int:
    """Index of the closing quote that ends the row starting at ``start``, or -1.

    ``boundary`` is the file's '"\\n"' or '"\\r\\n"' once the first row told which.
    """
    while True:
        if boundary is not None:
            end = buffer.find(boundary, start)
        else:
            lf = buffer.find(b'"\n"', start)
            crlf = buffer.find(b'"\r\n"', start, lf if lf >= 0 else len(buffer))
            end = crlf if crlf >= 0 else lf
        if end < 0 or not _escaped(buffer, end):
            return end
        start = end + 1  # a quoted quote (\") at the end of a line inside a field


def _escaped(buffer: bytes, index: int) -> bool:
    """True if the byte at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and buffer[index - count - 1] == 0x5C:
        count += 1
    return count % 2 == 1


def _in_workers(
    file_name: str, rows: Iterable[tuple[int, int, bytes]], jobs: int
) -> Iterator[ConvertedRow]:
    """Rows converted by ``jobs`` processes, in file order, a bounded number of tasks ahead."""
    context = multiprocessing.get_context("spawn")  # no fork of a process that has threads
    with context.Pool(jobs) as pool:
        pending: deque[multiprocessing.pool.AsyncResult[list[ConvertedRow]]] = deque()
        for task in _chunked(rows, ROWS_PER_TASK):
            pending.append(pool.apply_async(convert_rows, (file_name, task)))
            if len(pending) >= jobs * TASKS_AHEAD:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _chunked(
    rows: Iterable[tuple[int, int, bytes]], size: int
) -> Iterator[list[tuple[int, int, bytes]]]:
    task: list[tuple[int, int, bytes]] = []
    for row in rows:
        task.append(row)
        if len(task) == size:
            yield task
            task = []
    if task:
        yield task


def iter_csv_cables(path: Path) -> Iterator[Cable | RowProblem]:
    return iter(CsvCableReader(path))
