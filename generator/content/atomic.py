"""Crash-safe file replacement in batches, flushed to disk by a background thread.

Each file is written to a hidden temp file in its own folder and renamed over
its target (``os.replace`` is atomic on POSIX), so a process killed at any
moment leaves every target either complete or absent; leftover temp files are
removed by the next run (see ``ContentStore``).

Durability against power loss needs the data on disk *before* the rename is.
An fsync per file costs ~1 ms here (251,287 files: minutes), so renames are
held back in batches: write a batch of temp files, flush the file system once
(``os.sync``), then rename the whole batch, and flush once more at the end so
the renames themselves are on disk. ``sync=False`` skips the flushes (still
safe against a killed process, not against a power cut).

The flush runs on a thread of its own, so the disk's work on one batch
overlaps the making of the next, which is renamed once that flush is done.
Temp files are written by the caller's thread, or with ``background=True`` by
one more thread, which lets a process that also parses (a single-process
import) use a second core; a worker process of a parallel import writes its
own files (handing each file to a thread costs more than it saves there).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import threading
import time
from pathlib import Path

from generator.content.layout import TEMP_SUFFIX

# A target is a Path or a str (cheaper for the many files of a worker process); one
# writer must be given one kind, as staged files are found again by their target.
Target = Path | str

BATCH_FILES = 4096
BATCH_BYTES = 64 << 20
BATCH_SECONDS = 1.0  # a killed run loses about this much finished work (plus a flush)
# A flush can take seconds on a busy machine (os.sync writes every process's data):
# a full batch keeps growing while the one before is flushed, up to this many files.
MAX_BATCH_FILES = 8 * BATCH_FILES
QUEUE_FILES = 1024  # handed to the background thread, not written yet (~7 KB each)


class WriteFailure(Exception):
    """Writing to the content folder failed (disk full, permissions): stop the import."""

    def __init__(self, error: OSError):
        super().__init__(f"{error.filename or ''}: {error.strerror or error}")
        self.error = error


class AtomicWriter:
    def __init__(self, sync: bool = True, background: bool = False) -> None:
        self.sync = sync
        self._queue: queue.Queue[tuple | None] | None = (
            queue.Queue(QUEUE_FILES) if background else None
        )
        self._writing: threading.Thread | None = None
        self._batch: dict[Target, str] = {}  # target -> temp file with its new bytes
        self._batch_bytes = 0
        self._batch_started = time.monotonic()
        self._flushing: dict[Target, str] = {}  # the batch before, renamed once flushed
        self._flusher: threading.Thread | None = None
        self._counter = itertools.count()
        self._tag = os.getpid()
        self._failure: WriteFailure | None = None
        self._renamed = False

    def write(self, target: Target, data: bytes) -> None:
        """Stage ``data`` as the next content of ``target`` (visible after a commit)."""
        self._raise_failure()
        folder, name = os.path.split(target)
        temp = os.path.join(folder, f".{name}.{self._tag}-{next(self._counter)}{TEMP_SUFFIX}")
        if not self._batch:
            self._batch_started = time.monotonic()
        older = self._batch.pop(target, None)  # the same target twice in one batch: last wins
        if self._queue is None:
            self._write_temp(temp, data, older)
        else:
            self._start_writing()
            self._queue.put((temp, data, older))
        self._batch[target] = temp
        self._batch_bytes += len(data)
        if self._batch_full() and (not self._flushing_now() or len(self._batch) >= MAX_BATCH_FILES):
            self.commit()

    def read(self, target: Target) -> bytes | None:
        """The bytes ``target`` will hold once committed; None if it does not exist."""
        if target in self._batch:
            self._drain()  # rare: the same file twice in one run
        temp = self._batch.get(target) or self._flushing.get(target)
        try:
            with open(temp or target, "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def commit(self) -> None:
        """Start flushing the current batch, after renaming the one before (flushed by then)."""
        self._raise_failure()
        if not self._batch:
            return
        self._drain()
        self._rename_flushed()
        batch, self._batch, self._batch_bytes = self._batch, {}, 0
        if not self.sync:
            self._rename(batch)
            return
        self._flushing = batch  # the data of the whole batch, before any rename points to it
        self._flusher = threading.Thread(target=os.sync, name="atomic-flush", daemon=True)
        self._flusher.start()

    def wait(self) -> None:
        """Put every file staged so far in place."""
        self.commit()
        self._rename_flushed()

    def close(self) -> None:
        """Put everything in place and flush the renames (folder entries) themselves."""
        self.wait()
        self._stop_writing()
        if self.sync and self._renamed:
            os.sync()

    def discard(self) -> None:
        """Drop staged files (after an unexpected error), leaving targets untouched."""
        self._stop_writing()
        if self._flusher is not None:
            self._flusher.join()
        batches, self._batch, self._flushing = (self._batch, self._flushing), {}, {}
        for batch in batches:
            for temp in batch.values():
                with contextlib.suppress(OSError):
                    os.unlink(temp)

    def _write_temp(self, temp: str, data: bytes, older: str | None) -> None:
        try:
            _write_new_file(temp, data)
            if older is not None:
                os.unlink(older)
        except OSError as exc:
            self._fail(exc)

    def _start_writing(self) -> None:
        if self._writing is None:
            self._writing = threading.Thread(target=self._write_queued, name="atomic-write")
            self._writing.daemon = True
            self._writing.start()

    def _write_queued(self) -> None:
        assert self._queue is not None
        while True:
            job = self._queue.get()
            try:
                if job is None:
                    return
                if self._failure is None:
                    self._write_temp(*job)
            except WriteFailure:
                pass  # kept in self._failure: raised in the caller's thread
            finally:
                self._queue.task_done()

    def _drain(self) -> None:
        """Wait until every temp file handed to the background thread is written."""
        if self._queue is not None:
            self._queue.join()
        self._raise_failure()

    def _stop_writing(self) -> None:
        if self._writing is not None and self._queue is not None:
            self._queue.put(None)
            self._writing.join()
            self._writing = None

    def _batch_full(self) -> bool:
        return (
            len(self._batch) >= BATCH_FILES
            or self._batch_bytes >= BATCH_BYTES
            or time.monotonic() - self._batch_started >= BATCH_SECONDS
        )

    def _flushing_now(self) -> bool:
        return self._flusher is not None and self._flusher.is_alive()

    def _rename_flushed(self) -> None:
        if self._flusher is not None:
            self._flusher.join()
            self._flusher = None
        batch, self._flushing = self._flushing, {}
        self._rename(batch)

    def _rename(self, batch: dict[Target, str]) -> None:
        try:
            for target, temp in batch.items():
                os.replace(temp, target)
        except OSError as exc:
            self._fail(exc)
        if batch:
            self._renamed = True

    def _fail(self, exc: OSError) -> None:
        self._failure = WriteFailure(exc)  # sticky: nothing more is written after a failure
        raise self._failure

    def _raise_failure(self) -> None:
        if self._failure is not None:
            raise self._failure


def _write_new_file(path: str, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)
