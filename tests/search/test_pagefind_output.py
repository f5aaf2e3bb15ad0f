"""A bundle is published only once Pagefind's files are all written (none left empty)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from generator.search.bundles import Bundle
from generator.search.pagefind_run import (
    IndexingError,
    check_output,
    run_async,
    wait_until_written,
)

BUNDLE = Bundle("2007-04", ("2007-04",), ())


def pagefind_output(folder: Path, empty: tuple[str, ...] = ()) -> Path:
    """A folder laid out like Pagefind's output; the files named in ``empty`` have no bytes."""
    files = {
        "pagefind-entry.json": json.dumps({"version": "1.5.2", "languages": {}}),
        "pagefind.js": "export {}",
        "pagefind.en_1a2b.pf_meta": "meta",
        "fragment/en_3c4d.pf_fragment": "fragment",
        "index/en_5e6f.pf_index": "index",
    }
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("" if name in empty else text, "utf-8")
    return folder


def test_a_complete_output_passes(tmp_path):
    check_output(pagefind_output(tmp_path), BUNDLE)


@pytest.mark.parametrize("name", ["pagefind-entry.json", "fragment/en_3c4d.pf_fragment"])
def test_an_output_with_an_empty_file_is_refused(tmp_path, name):
    with pytest.raises(IndexingError, match="2007-04"):
        check_output(pagefind_output(tmp_path, empty=(name,)), BUNDLE)


def test_waits_for_files_still_being_written(tmp_path):
    """Pagefind's last writes land after it answered: the wait ends when they have."""
    output = pagefind_output(tmp_path, empty=("index/en_5e6f.pf_index",))

    async def late_write_then_wait() -> list[str]:
        async def write_late() -> None:
            await asyncio.sleep(0.2)
            (output / "index" / "en_5e6f.pf_index").write_text("index", "utf-8")

        writer = asyncio.ensure_future(write_late())
        empty = await wait_until_written(output, timeout=10)
        await writer
        return empty

    assert run_async(late_write_then_wait) == []
    check_output(output, BUNDLE)


def test_gives_up_and_names_the_files_left_empty(tmp_path):
    output = pagefind_output(tmp_path, empty=("fragment/en_3c4d.pf_fragment",))

    async def wait() -> list[str]:
        return await wait_until_written(output, timeout=0.1)

    assert run_async(wait) == ["fragment/en_3c4d.pf_fragment"]
