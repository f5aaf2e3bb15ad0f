"""Worker processes that convert cables.csv rows and store the simple cases themselves.

The parent reads the file and keeps every piece of state (the ids seen so far,
the content store's index); it sends tasks of rows, each row with a hint
worked out from that state (see ``RowHint``), and gets back per row what
``csv_rows.convert_row`` found. A worker writes a new cable's file itself
(atomically, with its own ``AtomicWriter``) or confirms that the stored file
already holds the same bytes, so neither the text nor the file bytes travel
back; the rest (problems, merges, variants) is done by the parent, in file
order, exactly as without workers.

Workers are forked (no re-import of the main module) when no write of the
parent is in progress, ignore Ctrl-C (the parent decides) and die with the
parent if it is killed: their unfinished temp files are removed by the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import queue
import signal
from pathlib import Path

from generator.content.atomic import WriteFailure
from generator.content.store import WorkerStore
from generator.ingest.csv_rows import ConvertedRow, convert_row

# Per row: None (a new id: store it), the path of the id's stored file (compare
# with it), or the row number where the id first appeared (a duplicate).
RowHint = str | int | None
Task = list[tuple[int, int, bytes, RowHint]]

_CLOSED = -1  # the sequence number of a worker's goodbye
_POLL_SECONDS = 1.0
_STOP_SIGNAL = signal.SIGUSR1
_STOP_SECONDS = 10.0  # to flush and rename a batch on a busy machine
_PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    """Workers need the "fork" start method (POSIX; not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


class RowWorkers:
    """``jobs`` forked processes; tasks are numbered and their results read in that order."""

    def __init__(self, file_name: str, jobs: int, content_dir: Path, sync: bool) -> None:
        context = multiprocessing.get_context("fork")
        self._tasks: multiprocessing.Queue = context.Queue()
        self._results: multiprocessing.Queue = context.Queue()
        self._received: dict[int, list[ConvertedRow] | BaseException] = {}
        self._submitted = self._read = 0
        self._processes = [
            context.Process(
                target=_work,
                args=(file_name, content_dir, sync, self._tasks, self._results, os.getpid()),
                name=f"csv-rows-{number}",
                daemon=True,
            )
            for number in range(jobs)
        ]
        for process in self._processes:
            process.start()

    @property
    def pending(self) -> int:
        return self._submitted - self._read

    def submit(self, task: Task) -> None:
        self._tasks.put((self._submitted, task))
        self._submitted += 1

    def next_result(self) -> list[ConvertedRow]:
        """The converted rows of the oldest task not read yet (OSError if a worker failed)."""
        while self._read not in self._received:
            self._receive()
        result = self._received.pop(self._read)
        self._read += 1
        if isinstance(result, BaseException):
            raise _raised(result)
        return result

    def close(self) -> None:
        """Let every worker finish its tasks and commit its files; OSError if one could not."""
        for _ in self._processes:
            self._tasks.put(None)
        failure: BaseException | None = None
        closed = 0
        try:
            while closed < len(self._processes):
                sequence, result = self._receive_one()
                closed += sequence == _CLOSED
                if isinstance(result, BaseException) and failure is None:
                    failure = result
        finally:
            self._stop()
        if failure is not None:
            raise _raised(failure)

    def stop(self) -> None:
        """Stop soon (Ctrl-C, a failure), without reading the queues, which may be mid-message.

        Each worker is asked by a signal to put its finished files in place and exit;
        one that does not within a few seconds is killed (its temp files stay behind).
        """
        for process in self._processes:
            if process.is_alive():
                os.kill(process.pid, _STOP_SIGNAL)
        for process in self._processes:
            process.join(timeout=_STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
        self._tasks.cancel_join_thread()  # tasks nobody will read: do not wait to send them
        self._tasks.close()
        self._results.close()

    def _receive(self) -> None:
        sequence, result = self._receive_one()
        self._received[sequence] = result

    def _receive_one(self) -> tuple[int, list[ConvertedRow] | BaseException | None]:
        while True:
            try:
                return self._results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if any(process.exitcode not in (None, 0) for process in self._processes):
                    raise OSError("a worker process converting rows died") from None

    def _stop(self) -> None:
        for process in self._processes:
            process.join(timeout=_POLL_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
        self._tasks.close()
        self._results.close()


def _raised(failure: BaseException) -> BaseException:
    """A worker's failed write stops the import as the parent's own would."""
    return WriteFailure(failure) if isinstance(failure, OSError) else failure


def run_task(file_name: str, task: Task, store: WorkerStore) -> list[ConvertedRow]:
    """Convert each row; store it when its hint says it is new or may be unchanged."""
    results = []
    for row, line, raw, hint in task:
        converted = convert_row(file_name, row, line, raw)
        if isinstance(hint, int):
            converted.mark_duplicate(hint)
        elif converted.cable is not None and converted.encoded is not None:
            stored = store.try_put(converted.cable, converted.encoded, hint)
            if stored is not None:
                converted.stored, converted.cable, converted.encoded = stored, None, None
        results.append(converted)
    return results


def _work(
    file_name: str,
    content_dir: Path,
    sync: bool,
    tasks: multiprocessing.Queue,
    results: multiprocessing.Queue,
    parent: int,
) -> None:
    stop = _die_with(parent)
    store = WorkerStore(content_dir, sync)
    while not stop:
        try:
            job = tasks.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if os.getppid() != parent:
                return  # the parent was killed
            continue
        if job is None:
            break
        sequence, task = job
        try:
            results.put((sequence, run_task(file_name, task, store)))
        except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
            results.put((sequence, _failure(exc)))
    if stop:  # the parent reads no more: keep what is done, say nothing
        results.cancel_join_thread()
        with contextlib.suppress(Exception):
            store.close()
        return
    try:
        store.close()
    except Exception as exc:  # noqa: BLE001 - as above
        results.put((_CLOSED, _failure(exc)))
    else:
        results.put((_CLOSED, None))


def _failure(exc: Exception) -> Exception:
    """What the parent raises: the OSError of a failed write, any other error as it is."""
    return exc.error if isinstance(exc, WriteFailure) else exc


def _die_with(parent: int) -> list[int]:
    """Set up the signals: Ctrl-C is the parent's to handle, SIGUSR1 asks to stop (the
    returned list becomes true), and the parent's death kills us (Linux)."""
    stop: list[int] = []
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(_STOP_SIGNAL, lambda number, frame: stop.append(number))
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # died before prctl took effect
        os._exit(0)
    return stop
