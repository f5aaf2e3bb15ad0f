"""Render page jobs on every core, skipping pages the build cache says are unchanged.

The renderer (archive, config, compiled templates) is built in the main
process and inherited by forked workers, so nothing big is pickled: workers
receive chunks of small jobs and return the paths they produced. Each worker
stages changed files itself, so rendered pages stream to disk instead of
travelling back through a pipe.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

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


def job_outputs(renderer: Renderer, job: PageJob) -> list[str]:
    """The files a job writes, known without rendering it."""
    if job.kind == "cable":
        stem = job.path[: -len(".html")]
        return [job.path, stem + ".txt", stem + ".json"]
    if job.kind == "export":
        return [job.path, job.path.replace(".jsonl.gz", ".csv.gz")]
    return [job.path]


def _render_chunk(jobs: list[PageJob]) -> RenderResult:
    renderer: Renderer = _state["renderer"]  # type: ignore[assignment]
    writer: StagingWriter = _state["writer"]  # type: ignore[assignment]
    cache: dict[str, str] = _state["cache"]  # type: ignore[assignment]
    result = RenderResult()
    for job in jobs:
        outputs = job_outputs(renderer, job)
        if cache.get(job.path) == job.cache_key and all(writer.exists(p) for p in outputs):
            result.produced.update(outputs)
            result.skipped += 1
            continue
        try:
            outputs_data = renderer.render(job)
        except Exception as exc:  # any failure stops the build before site/ changes
            raise failure(job, exc) from None
        for path, data in outputs_data:
            result.produced.add(path)
            if writer.put(path, data):
                result.changed.append(path)
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
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    total = RenderResult()
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(chunks) < 2:
        for chunk in chunks:
            total.merge(_render_chunk(chunk))
            advance(len(chunk))
        return total
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        for chunk, result in zip(chunks, pool.imap(_render_chunk, chunks), strict=True):
            total.merge(result)
            advance(len(chunk))
    return total
