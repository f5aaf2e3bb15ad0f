"""The build state: what the last build knew, kept so the next build can start from
the changes instead of from scratch.

It holds the cable files with their size and mtime, every cable's entry, the
browse indexes and citations, every page with its cache key, and the other files
the build wrote. It is saved with `marshal` (several times faster than pickle for
these plain dicts and tuples; its format is tied to the Python version, which is
part of the header) and removed when a build starts, so a build that fails half-way
leaves none behind to mislead the next one.
"""

from __future__ import annotations

import gc
import marshal
import os
import sys
from dataclasses import dataclass, fields
from pathlib import Path

from generator.site.stamp import FileStat

STATE_FILE = "build-state.marshal"
FORMAT = f"cablesite-state 1 {sys.version}".encode()

PageRecord = tuple[str, str, str]  # kind, key, cache key


@dataclass
class BuildState:
    inputs: str  # InputScan.other of the build that saved it
    files: dict[str, FileStat]  # cable files loaded without problems
    entries: dict[str, tuple]  # id -> CableEntry values
    indexes: dict[str, dict[str, tuple[str, ...]]]
    cited_by: dict[str, tuple[str, ...]]
    pages: dict[str, PageRecord]  # page path -> record
    extras: list[str]  # files written besides the pages' own
    lookup: list[list[str]]  # ids of each bucket of the 404 lookup


def state_file(cache_dir: Path) -> Path:
    return Path(cache_dir) / STATE_FILE


def load_state(cache_dir: Path) -> BuildState | None:
    """The saved state, or None when there is none or it cannot be read."""
    try:
        data = state_file(cache_dir).read_bytes()
    except OSError:
        return None
    if not data.startswith(FORMAT + b"\n"):
        return None
    gc.disable()  # 251,287 entries: the collector would run hundreds of times
    try:
        state = BuildState(*marshal.loads(data[len(FORMAT) + 1 :]))
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        gc.enable()
    gc.freeze()  # millions of objects that live to the end: keep later collections off them
    return state


def save_state(cache_dir: Path, state: BuildState) -> None:
    target = state_file(cache_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_suffix(".tmp")
    with open(temp, "wb") as handle:
        handle.write(FORMAT + b"\n")
        # not dataclasses.astuple: it deep-copies every entry
        handle.write(marshal.dumps(tuple(getattr(state, f.name) for f in fields(state))))
    os.replace(temp, target)


def forget_state(cache_dir: Path) -> None:
    state_file(cache_dir).unlink(missing_ok=True)
