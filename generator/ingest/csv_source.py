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

Big files are converted by worker processes (``csv_workers``) in tasks of rows,
a bounded number of tasks ahead, and put back in file order here. The state
kept between rows -- the ids seen so far, for the duplicate check, and the
content store's index -- stays here: each row is sent with what that state
says about its id (read cheaply from the row's start), so the workers can
write new cables themselves.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.cable import Cable
from generator.content.store import ContentStore, Outcome, Stored
from generator.ingest.csv_rows import (
    FIELD_NAMES,
    ConvertedRow,
    FieldError,
    convert_row,
    csv_timestamp,
    row_id,
    split_fields,
)
from generator.ingest.csv_workers import RowHint, RowWorkers, Task, can_fork

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
TASKS_AHEAD = 8  # per worker: bounds memory (~1.7 MB a task), absorbs a stalled worker


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
    With a ``store`` to import into, ``jobs`` > 1 worker processes (``None``: one
    per core) convert the rows of big files and store new and unchanged cables
    themselves; those rows are given as the ``Stored`` outcome instead of the
    cable, and the caller puts the others into the store in the order given.
    """

    def __init__(self, path: Path, jobs: int | None = 1, store: ContentStore | None = None) -> None:
        self.path = Path(path)
        self.name = str(path)
        self.jobs = jobs if jobs is not None else (os.cpu_count() or 1)
        self.store = store
        self.bytes_read = 0
        self._first_row_of: dict[str, int] = {}

    def __iter__(self) -> Iterator[Cable | RowProblem]:
        for item in self.with_file_bytes():
            yield item[0] if isinstance(item, tuple) else item

    def with_file_bytes(self) -> Iterator[tuple[Cable, bytes] | RowProblem | Stored]:
        """Like iterating, with each cable's content-file bytes (``encode_cable``) beside it."""
        rows = self._raw_rows()
        store = self.store
        if store is not None and self.jobs > 1 and self._big() and can_fork():
            for converted in self._in_workers(rows, store):
                yield from self._finish(converted, store)
            return
        for row in rows:
            converted = convert_row(self.path.name, *row)
            if converted.cable_id is not None:
                first = self._first_row_of.setdefault(converted.cable_id, converted.row)
                if first != converted.row:
                    converted.mark_duplicate(first)
            yield from self._finish(converted, None)

    def _big(self) -> bool:
        return self.path.stat().st_size >= PARALLEL_FROM_BYTES

    def _finish(
        self, converted: ConvertedRow, store: ContentStore | None
    ) -> Iterator[tuple[Cable, bytes] | RowProblem | Stored]:
        row, line = converted.row, converted.line
        if converted.problem is not None:
            yield RowProblem(self.name, row, line, converted.problem)
            return
        for warning in converted.warnings:
            yield RowProblem(self.name, row, line, warning, "warning")
        if converted.stored is not None and store is not None:
            yield self._stored(converted.cable_id, converted.stored, store)
            return
        assert converted.cable is not None and converted.encoded is not None
        yield converted.cable, converted.encoded

    @staticmethod
    def _stored(cable_id: str | None, folder_key: str, store: ContentStore) -> Stored:
        """The outcome of a row a worker stored: a new file, or the stored one unchanged."""
        assert cable_id is not None
        if folder_key:
            return store.note_new(cable_id, folder_key)
        location = store.location(cable_id)
        assert location is not None
        return Stored(Outcome.UNCHANGED, location)

    def _in_workers(
        self, rows: Iterable[tuple[int, int, bytes]], store: ContentStore
    ) -> Iterator[ConvertedRow]:
        """Rows converted by worker processes, in file order, a bounded number of tasks ahead."""
        store.flush()  # the workers compare with files on disk; fork while nothing is written
        workers = RowWorkers(self.path.name, self.jobs, store.content_dir, store.writer.sync)
        tasks = _chunked(self._hinted(rows, store), ROWS_PER_TASK)
        unreadable: OSError | None = None
        try:
            while True:
                try:
                    task = next(tasks, None)
                except OSError as exc:  # finish the rows read before, in order, then say it
                    unreadable, task = exc, None
                if task is None:
                    break
                workers.submit(task)
                if workers.pending >= self.jobs * TASKS_AHEAD:
                    yield from workers.next_result()
            while workers.pending:
                yield from workers.next_result()
            workers.close()
        except BaseException:  # Ctrl-C, a failed write, a consumer that stopped early
            workers.stop()
            raise
        if unreadable is not None:
            raise unreadable

    def _hinted(
        self, rows: Iterable[tuple[int, int, bytes]], store: ContentStore
    ) -> Iterator[tuple[int, int, bytes, RowHint]]:
        """Each row with what the ids seen so far and the store say about its id."""
        for row, line, raw in rows:
            hint: RowHint = None
            cable_id = row_id(self.path.name, row, line, raw)
            if cable_id is not None:
                first = self._first_row_of.setdefault(cable_id, row)
                if first != row:
                    hint = first
                elif (location := store.location(cable_id)) is not None:
                    hint = str(location)
            yield row, line, raw, hint

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


def _chunked(rows: Iterable[tuple[int, int, bytes, RowHint]], size: int) -> Iterator[Task]:
    """Tasks of ``size`` rows; when reading fails, the rows read before still come first."""
    task: Task = []
    try:
        for row in rows:
            task.append(row)
            if len(task) == size:
                yield task
                task = []
    except OSError:
        if task:
            yield task
        raise
    if task:
        yield task


def iter_csv_cables(path: Path) -> Iterator[Cable | RowProblem]:
    return iter(CsvCableReader(path))
