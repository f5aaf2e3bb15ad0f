"""Crash-safe file replacement in batches, written by a background thread.

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

The file system calls run on one worker thread (they release the GIL), so the
kernel's work on one batch overlaps the parsing of the next.
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

BATCH_FILES = 4096
BATCH_BYTES = 64 << 20
BATCH_SECONDS = 0.5  # a killed run loses at most this much finished work
QUEUE_JOBS = 1024  # bounds the bytes waiting in memory (~7 KB per cable file)


class WriteFailure(Exception):
    """Writing to the content folder failed (disk full, permissions): stop the import."""

    def __init__(self, error: OSError):
        super().__init__(f"{error.filename or ''}: {error.strerror or error}")
        self.error = error


class AtomicWriter:
    def __init__(self, sync: bool = True) -> None:
        self.sync = sync
        self._batch: dict[Path, Path] = {}  # target -> temp file with its new bytes
        self._batch_bytes = 0
        self._batch_started = time.monotonic()
        self._in_flight: dict[Path, Path] = {}  # handed to the worker, not yet renamed
        self._counter = itertools.count()
        self._tag = os.getpid()
        self._jobs: queue.Queue[tuple | None] = queue.Queue(QUEUE_JOBS)
        self._failure: WriteFailure | None = None
        self._lock = threading.Lock()  # guards _in_flight, shared with the worker
        self._renamed = False
        self._worker = threading.Thread(target=self._work, name="atomic-writer", daemon=True)
        self._worker.start()

    # -- called by the store ------------------------------------------------

    def write(self, target: Path, data: bytes) -> None:
        """Stage ``data`` as the next content of ``target`` (visible after a commit)."""
        self._raise_failure()
        temp = target.with_name(f".{target.name}.{self._tag}-{next(self._counter)}{TEMP_SUFFIX}")
        if not self._batch:
            self._batch_started = time.monotonic()
        older = self._batch.pop(target, None)
        self._jobs.put(("write", temp, data, older))
        self._batch[target] = temp
        self._batch_bytes += len(data)
        if (
            len(self._batch) >= BATCH_FILES
            or self._batch_bytes >= BATCH_BYTES
            or time.monotonic() - self._batch_started >= BATCH_SECONDS
        ):
            self.commit()

    def read(self, target: Path) -> bytes | None:
        """The bytes ``target`` will hold once committed; None if it does not exist."""
        staged = self._batch.get(target)
        with self._lock:
            flying = target in self._in_flight
        if staged is not None or flying:
            self.wait()  # rare: the same file twice in one run
            staged = self._batch.get(target)
        try:
            return (staged or target).read_bytes()
        except FileNotFoundError:
            return None

    def commit(self) -> None:
        """Hand the current batch to the worker: flush, then rename every file of it."""
        if not self._batch:
            return
        batch, self._batch, self._batch_bytes = self._batch, {}, 0
        with self._lock:
            self._in_flight.update(batch)
        self._jobs.put(("commit", batch))

    def wait(self) -> None:
        """Block until the worker has done every job handed to it so far."""
        self._jobs.join()
        self._raise_failure()

    def close(self) -> None:
        """Commit everything, flush the renames, stop the worker."""
        self.commit()
        self._jobs.put(("flush",))
        self._jobs.put(None)
        self._worker.join()
        self._raise_failure()

    def discard(self) -> None:
        """Drop staged files (after an unexpected error), leaving targets untouched."""
        batch, self._batch = self._batch, {}
        self._jobs.put(None)
        self._worker.join()
        for temp in batch.values():
            with contextlib.suppress(OSError):
                os.unlink(temp)

    def _raise_failure(self) -> None:
        if self._failure is not None:  # sticky: nothing more is written after a failure
            raise self._failure

    # -- the worker thread --------------------------------------------------

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                if self._failure is None:
                    self._do(job)
            except OSError as exc:
                self._failure = WriteFailure(exc)
            finally:
                self._jobs.task_done()

    def _do(self, job: tuple) -> None:
        if job[0] == "write":
            _, temp, data, older = job
            _write_new_file(temp, data)
            if older is not None:  # the same target twice in one batch: the last text wins
                os.unlink(older)
        elif job[0] == "commit":
            batch = job[1]
            if self.sync:
                os.sync()  # the data of the whole batch, before any rename points to it
            for target, temp in batch.items():
                os.replace(temp, target)
                with self._lock:
                    if self._in_flight.get(target) is temp:
                        del self._in_flight[target]
            self._renamed = True
        elif job[0] == "flush" and self.sync and self._renamed:
            os.sync()  # the renames (folder entries) themselves


def _write_new_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)
