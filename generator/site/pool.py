"""Render page jobs on every core, skipping pages the build cache says are unchanged.

The renderer (archive, config, compiled templates) is built in the main
process and inherited by forked workers, so nothing big is pickled: workers
receive chunks of small jobs and return the paths they produced. Each worker
stages changed files itself, so rendered pages stream to disk instead of
travelling back through a pipe. It writes them between pages, on its own
thread: four writer threads per worker measured slower (50,000 cables: render
26.0 s and 23.9 s inline against 33.4 s and 27.0 s), as they used more CPU than
they saved, much of it spinning on the output folder's lock (seen with perf),
and both cores are busy rendering.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.archive.model import month_of
from generator.content.readahead import read_ahead
from generator.errors import CablesiteError
from generator.site.plan import PageJob
from generator.site.render import Renderer
from generator.site.write import StagingWriter

CHUNK = 200

_state: dict[str, object] = {}


@dataclass
class RenderResult:
    produced: set[str] = field(default_factory=set)
    changed: list[str] = field(default_factory=list)
    rendered: int = 0
    skipped: int = 0

    def stage(self, writer: StagingWriter, path: str, data: bytes) -> None:
        """Count ``path`` as produced and stage ``data`` for it unless the site has it."""
        self.produced.add(path)
        if writer.put(path, data):
            self.changed.append(path)

    def merge(self, other: RenderResult) -> None:
        self.produced.update(other.produced)
        self.changed.extend(other.changed)
        self.rendered += other.rendered
        self.skipped += other.skipped


class RenderFailure(Exception):
    """A page that could not be rendered (picklable, so it crosses the process pool)."""

    def __init__(self, message: str, path: str | None, line: int | None) -> None:
        super().__init__(message, path, line)
        self.message, self.path, self.line = message, path, line


def failure(job: PageJob, exc: Exception) -> RenderFailure:
    """Where a page failed: the template line for template errors, else the page."""
    if isinstance(exc, CablesiteError):
        return RenderFailure(exc.message, exc.path, exc.line)
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            message = f"cannot render {job.path}: {type(exc).__name__}: {exc}"
            return RenderFailure(message, frame.filename, frame.lineno)
    return RenderFailure(f"cannot render {job.path}: {type(exc).__name__}: {exc}", None, None)


def job_outputs(job: PageJob) -> list[str]:
    """The files a job writes, known without rendering it."""
    if job.kind == "cable":
        stem = job.path[: -len(".html")]
        return [job.path, stem + ".txt", stem + ".json"]
    if job.kind == "export":
        return [job.path, job.path.replace(".jsonl.gz", ".csv.gz")]
    return [job.path]


def execution_chunks(renderer: Renderer, jobs: list[PageJob]) -> list[list[PageJob]]:
    """Jobs in chunks for the workers: the cable pages of one creation month together
    with that month's export job, so the export reuses the records the pages just
    read instead of reading every cable a second time. Biggest chunks first, so
    neither core is left alone with a large month at the end."""
    months: dict[str, list[PageJob]] = {}
    rest: list[PageJob] = []
    entries = renderer.archive.entries
    for job in jobs:
        if job.kind == "cable":
            months.setdefault(month_of(entries[job.key].created), []).append(job)
        elif job.kind == "export":
            months.setdefault(job.key, []).append(job)
        else:
            rest.append(job)
    chunks = list(months.values())
    chunks += [rest[i : i + CHUNK] for i in range(0, len(rest), CHUNK)]
    return sorted(chunks, key=len, reverse=True)


def _render_chunk(jobs: list[PageJob]) -> RenderResult:
    renderer: Renderer = _state["renderer"]  # type: ignore[assignment]
    writer: StagingWriter = _state["writer"]  # type: ignore[assignment]
    cache: dict[str, str] = _state["cache"]  # type: ignore[assignment]
    renderer.month_records.clear()  # records of the last chunk's month
    result = RenderResult()
    todo = []
    for job in jobs:
        outputs = job_outputs(job)
        if cache.get(job.path) == job.cache_key and all(writer.exists(p) for p in outputs):
            result.produced.update(outputs)
            result.skipped += 1
        else:
            todo.append(job)
    entries = renderer.archive.entries
    read_ahead(entries[job.key].file for job in todo if job.kind == "cable")
    for job in todo:
        try:
            outputs_data = renderer.render(job)
        except Exception as exc:  # any failure stops the build before site/ changes
            raise failure(job, exc) from None
        for path, data in outputs_data:
            result.stage(writer, path, data)
        result.rendered += 1
    return result


def render_jobs(
    renderer: Renderer,
    writer: StagingWriter,
    jobs: list[PageJob],
    cache: dict[str, str],
    workers: int,
    advance: Callable[[int], None] = lambda n: None,
) -> RenderResult:
    """Render (or skip) every job; in ``workers`` processes when there is enough work."""
    _state.update(renderer=renderer, writer=writer, cache=cache)
    chunks = execution_chunks(renderer, jobs)
    total = RenderResult()
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(chunks) < 2:
        for chunk in chunks:
            total.merge(_render_chunk(chunk))
            advance(len(chunk))
        return total
    gc.freeze()  # workers share the parent's objects copy-on-write: keep the collector off them
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        for result in pool.imap_unordered(_render_chunk, chunks):
            total.merge(result)
            advance(result.rendered + result.skipped)
    return total
