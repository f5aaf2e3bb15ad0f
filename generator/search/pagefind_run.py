"""Index one bundle with Pagefind's Python API, into a fresh folder."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from generator.search.bundles import Bundle

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


def pagefind_config(output: Path, language: str) -> IndexConfig:
    return {"output_path": str(output), "force_language": language}


async def index_bundle(site_dir: Path, bundle: Bundle, output: Path, language: str) -> int:
    """Index the bundle's pages from disk into ``output``; returns the page count.

    One Pagefind service per bundle, closed afterwards, so its memory is given
    back before the next bundle starts.
    """
    if output.exists():
        shutil.rmtree(output)
    async with PagefindIndex(config=pagefind_config(output, language)) as index:
        result = await index.add_directory(str(site_dir), glob=bundle.glob)
    count = int(result["page_count"])
    if count != len(bundle.pages):
        raise IndexingError(
            f"bundle {bundle.name}: Pagefind indexed {count} pages, expected {len(bundle.pages)}"
        )
    for name in UNUSED_FILES:
        (output / name).unlink(missing_ok=True)
    return count


def run_bundles(site_dir: Path, jobs: list[tuple[Bundle, Path]], language: str, parallel: int):
    """Index several bundles, at most ``parallel`` at once; returns {name: seconds or error}."""

    async def one(bundle: Bundle, output: Path, gate: asyncio.Semaphore):
        async with gate:
            loop = asyncio.get_running_loop()
            start = loop.time()
            try:
                await index_bundle(site_dir, bundle, output, language)
            except Exception as error:  # noqa: BLE001 - Pagefind raises bare Exception
                return bundle.name, error
            return bundle.name, loop.time() - start

    async def main():
        gate = asyncio.Semaphore(max(1, parallel))
        return dict(await asyncio.gather(*(one(b, out, gate) for b, out in jobs)))

    return asyncio.run(main())
