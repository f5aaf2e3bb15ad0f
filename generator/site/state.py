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
JOURNAL_FILE = "build-state.journal"  # changes since the state file was written
OPEN_FILE = "build-state.open"  # a build using the state is running (or died)
FORMAT = f"cablesite-state 2 {sys.version}".encode()
# Rewrite the whole state once the journal holds this many bytes of changes.
JOURNAL_LIMIT = 32 * 2**20

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

    def release(self) -> None:
        """Free the big tables once a full build has taken what it needs from them."""
        for table in (self.files, self.entries, self.indexes, self.cited_by, self.pages):
            table.clear()


@dataclass
class StateChanges:
    """What an incremental build changed: new values by key, None where one went."""

    inputs: str
    files: dict[str, FileStat | None]
    entries: dict[str, tuple | None]
    indexes: dict[tuple[str, str], tuple[str, ...] | None]
    cited_by: dict[str, tuple[str, ...] | None]
    pages: dict[str, PageRecord | None]
    extras: list[str]
    buckets: int  # how many buckets the 404 lookup has
    lookup: dict[int, list[str]]  # the changed ones (all of them when their number changed)


def update_mapping(mapping: dict, changes: dict) -> None:
    """Set each key to its value, or remove it where the value is None."""
    for key, value in changes.items():
        if value is None:
            mapping.pop(key, None)
        else:
            mapping[key] = value


def apply_changes(state: BuildState, changes: StateChanges) -> None:
    state.inputs = changes.inputs
    update_mapping(state.files, changes.files)
    update_mapping(state.entries, changes.entries)
    update_mapping(state.cited_by, changes.cited_by)
    update_mapping(state.pages, changes.pages)
    state.extras = changes.extras
    for (section, key), ids in changes.indexes.items():
        categories = state.indexes[section]
        if ids is not None and key not in categories:
            categories[key] = ids
            state.indexes[section] = dict(sorted(categories.items()))  # kept sorted by key
        elif ids is None:
            categories.pop(key, None)
        else:
            categories[key] = ids
    if changes.buckets != len(state.lookup):
        state.lookup = [[] for _ in range(changes.buckets)]
    for number, ids in changes.lookup.items():
        state.lookup[number] = ids


def _as_tuple(record: BuildState | StateChanges) -> tuple:
    # not dataclasses.astuple: it deep-copies every entry
    return tuple(getattr(record, f.name) for f in fields(record))


def state_file(cache_dir: Path, name: str = STATE_FILE) -> Path:
    return Path(cache_dir) / name


def _read_journal(path: Path) -> list[StateChanges]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    records, offset = [], 0
    while offset < len(data):
        size = int.from_bytes(data[offset : offset + 8], "little")
        offset += 8
        if offset + size > len(data):
            raise ValueError("journal cut short")
        records.append(StateChanges(*marshal.loads(data[offset : offset + size])))
        offset += size
    return records


def load_state(cache_dir: Path) -> BuildState | None:
    """The saved state with its journal applied; None when there is none, it cannot
    be read, or the build that last used it did not finish."""
    if state_file(cache_dir, OPEN_FILE).exists():
        return None
    try:
        data = state_file(cache_dir).read_bytes()
    except OSError:
        return None
    if not data.startswith(FORMAT + b"\n"):
        return None
    gc.disable()  # 251,287 entries: the collector would run hundreds of times
    try:
        state = BuildState(*marshal.loads(data[len(FORMAT) + 1 :]))
        for changes in _read_journal(state_file(cache_dir, JOURNAL_FILE)):
            apply_changes(state, changes)
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        return None
    finally:
        gc.enable()
    gc.freeze()  # millions of objects that live to the end: keep later collections off them
    return state


def open_state(cache_dir: Path) -> None:
    """Mark the state as in use: until `save_state`, a crash leaves it untrusted."""
    target = state_file(cache_dir, OPEN_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.touch()


def save_state(cache_dir: Path, state: BuildState, changes: StateChanges | None = None) -> None:
    """Append ``changes`` to the journal, or (no changes given, or a long journal)
    write the whole ``state`` and start a new journal."""
    journal = state_file(cache_dir, JOURNAL_FILE)
    size = journal.stat().st_size if journal.exists() else 0
    if changes is not None and size < JOURNAL_LIMIT and state_file(cache_dir).exists():
        record = marshal.dumps(_as_tuple(changes))
        with open(journal, "ab") as handle:
            handle.write(len(record).to_bytes(8, "little") + record)
            handle.flush()
            os.fsync(handle.fileno())
    else:
        target = state_file(cache_dir)
        temp = target.with_suffix(".tmp")
        with open(temp, "wb") as handle:
            handle.write(FORMAT + b"\n")
            handle.write(marshal.dumps(_as_tuple(state)))
        journal.unlink(missing_ok=True)
        os.replace(temp, target)
    state_file(cache_dir, OPEN_FILE).unlink(missing_ok=True)
