"""Run Pagefind's Python API over bundles, each into a fresh folder."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import shutil
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

from generator.search.bundles import Bundle
from generator.search.config import SearchConfig

T = TypeVar("T")

# How long Pagefind's last file writes may take after it answered "written".
WRITE_TIMEOUT = 120.0

# Files of Pagefind's ready-made UIs: the search page uses only the JS API.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class IndexingError(Exception):
    """Pagefind failed or indexed a different number of pages than planned."""


class PageBudget:
    """At most ``limit`` pages in Pagefind's index-building phase at once, its memory
    peak (~0.45 MB per page); a bundle bigger than the limit builds alone."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._changed = asyncio.Condition()

    @contextlib.asynccontextmanager
    async def hold(self, pages: int) -> AsyncIterator[None]:
        async with self._changed:
            await self._changed.wait_for(lambda: not self.used or self.used + pages <= self.limit)
            self.used += pages
        try:
            yield
        finally:
            async with self._changed:
                self.used -= pages
                self._changed.notify_all()


def pagefind_config(output: Path, settings: SearchConfig) -> IndexConfig:
    return {
        "output_path": str(output),
        "force_language": settings.language,
        "exclude_selectors": list(settings.exclude_selectors),
    }


async def index_bundle(
    site_dir: Path,
    bundle: Bundle,
    output: Path,
    settings: SearchConfig,
    budget: PageBudget | None = None,
) -> int:
    """Index the bundle's pages from disk into ``output``; returns the page count.

    One Pagefind service per bundle, closed as soon as its files are written, so
    its memory is given back before the next bundle starts. Pagefind reads the
    pages first (about 0.12 MB per page held) and builds the index when writing
    (about 0.45 MB per page at its peak, and most of the CPU time): ``budget``
    bounds the pages building at once, so the peaks of bundles indexed in
    parallel never add up beyond it.
    """
    if output.exists():
        shutil.rmtree(output)
    service: PagefindService | None = await PagefindService().launch()
    try:
        index = await service.create_index(pagefind_config(output, settings))
        result = await index.add_directory(str(site_dir), glob=bundle.glob)
        count = int(result["page_count"])
        if count != len(bundle.pages):
            raise IndexingError(
                f"bundle {bundle.name}: Pagefind indexed {count} pages, "
                f"expected {len(bundle.pages)}"
            )
        async with budget.hold(count) if budget else contextlib.nullcontext():
            await index.write_files(str(output))
            finishing, service = service, None
            await finish(finishing, output, bundle)
    finally:
        if service is not None:
            await service.close()
    check_output(output, bundle)
    for name in UNUSED_FILES:
        (output / name).unlink(missing_ok=True)
    return count


async def finish(service: PagefindService, output: Path, bundle: Bundle) -> None:
    """Wait until Pagefind's files are all written, then let it exit.

    Pagefind answers "written" once it has created every file and handed its bytes
    to background writer threads; a service that exits (or is killed) before those
    threads ran leaves empty files behind (seen at 251,287 cables: an empty
    ``pagefind-entry.json``, 4 bundles of 67 over two runs). Every file it writes
    is non-empty and far smaller than one write (2 MB; the biggest seen at 251,287
    cables is under 500 KB), so "no empty file left" means "all written".
    """
    try:
        empty = await wait_until_written(output)
    finally:
        await let_exit(service)
    if empty:
        raise IndexingError(
            f"bundle {bundle.name}: Pagefind left {len(empty)} empty files, e.g. {empty[0]}"
        )


async def let_exit(service: PagefindService) -> None:
    """End Pagefind's input so that it exits by itself; stop it if it does not."""
    backend = service._backend  # the API has no graceful close
    assert backend.stdin is not None
    backend.stdin.close()
    try:
        await asyncio.wait_for(backend.wait(), timeout=60)
    except TimeoutError:
        await service.close()
    service._poll_task.cancel()


async def wait_until_written(output: Path, timeout: float = WRITE_TIMEOUT) -> list[str]:
    """Poll ``output`` until no file in it is empty; the files still empty at ``timeout``."""
    deadline = time.monotonic() + timeout
    pause = 0.01
    while True:
        empty = empty_files(output)
        if not empty or time.monotonic() > deadline:
            return empty
        await asyncio.sleep(pause)
        pause = min(pause * 2, 0.5)


def empty_files(folder: Path) -> list[str]:
    """Paths (relative to ``folder``) of its files, at any depth, that have no bytes."""
    empty = []
    pending = [folder]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.stat(follow_symlinks=False).st_size == 0:
                    empty.append(os.path.relpath(entry.path, folder))
    return sorted(empty)


def check_output(output: Path, bundle: Bundle) -> None:
    """A bundle is published only when Pagefind's entry file is complete and no file
    of it is empty."""
    try:
        json.loads((output / "pagefind-entry.json").read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise IndexingError(f"bundle {bundle.name}: incomplete Pagefind output ({error})") from None
    empty = empty_files(output)
    if empty:
        raise IndexingError(f"bundle {bundle.name}: empty Pagefind output file {empty[0]}")


def run_bundles(
    site_dir: Path,
    jobs: list[tuple[Bundle, Path]],
    settings: SearchConfig,
    publish: Callable[[Bundle, Path], None],
    on_bundle: Callable[[str, str], None] | None = None,
) -> dict[str, float | Exception]:
    """Index bundles (at most ``settings.parallel`` at once, the biggest first), each
    into its folder, then ``publish`` it; returns {bundle name: seconds, or the error}."""

    async def one(bundle: Bundle, output: Path, gate: asyncio.Semaphore, budget: PageBudget):
        async with gate:
            if on_bundle:
                on_bundle("start", bundle.name)
            start = time.monotonic()
            try:
                await index_bundle(site_dir, bundle, output, settings, budget)
                publish(bundle, output)
            except Exception as error:  # noqa: BLE001 - Pagefind raises bare Exception
                shutil.rmtree(output, ignore_errors=True)
                return bundle.name, error
            finally:
                if on_bundle:
                    on_bundle("done", bundle.name)
            return bundle.name, time.monotonic() - start

    async def main():
        gate = asyncio.Semaphore(max(1, settings.parallel))
        budget = PageBudget(settings.build_limit)
        ordered = sorted(jobs, key=lambda job: -len(job[0].pages))
        return dict(await asyncio.gather(*(one(b, out, gate, budget) for b, out in ordered)))

    return run_async(main) if jobs else {}


def run_async(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``asyncio.run(main())``, in a thread of its own when the caller has an event loop
    running (a caller that is itself async, or a test driving a browser)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(main())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(main())).result()
