"""content/ as a store of cables: add cables without ever losing a text.

Rules of ``ContentStore.put``:
- a new id gets its file at ``content/cables/YYYY/MM/ID.md``;
- the same id with the same text adds the new source to the provenance (and
  fills fields the stored file leaves empty); nothing else changes;
- the same id with a different text never overwrites: the new text is stored
  beside the first as ``ID.variant-<sha12>.md`` and the caller reports it;
- a file is only written when its bytes change, so importing the same thing
  twice changes no byte (and no mtime).

Reading side for the build: ``iter_cable_files``, ``read_cable``, ``variants_of``.
"""

from __future__ import annotations

import dataclasses
import enum
import os
from pathlib import Path

from generator.cable import RECORD_KEYS, Cable, Source
from generator.content.atomic import AtomicWriter
from generator.content.cablefile import body_sha256, format_cable_file, parse_cable_file
from generator.content.layout import (
    cable_folder,
    checked_id,
    forget_variants,
    id_of_cable_name,
    is_temp_name,
    iter_cable_files,
    iter_cable_folders,
    variant_file_name,
    variants_of,
)
from generator.content.schema import timestamp_problem
from generator.errors import ContentError

__all__ = [
    "ContentStore",
    "Outcome",
    "Stored",
    "WorkerStore",
    "iter_cable_files",
    "read_cable",
    "variants_of",
]


class Outcome(enum.Enum):
    NEW = "new"
    UNCHANGED = "unchanged"
    SOURCE_ADDED = "provenance added"
    VARIANT_NEW = "new variant"
    VARIANT_UNCHANGED = "variant unchanged"
    VARIANT_SOURCE_ADDED = "variant provenance added"


@dataclasses.dataclass(frozen=True, slots=True)
class Stored:
    """What ``put`` did; for a new variant, ``first`` is the file it differs from."""

    outcome: Outcome
    path: Path
    first: Path | None = None
    first_sources: tuple[Source, ...] = ()


def read_cable(path: Path | str) -> Cable:
    """The Cable in a content file (bytes exact); ContentError when malformed."""
    return parse_cable_bytes(Path(path).read_bytes(), str(path))


def parse_cable_bytes(data: bytes, path: str) -> Cable:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ContentError(f"not UTF-8 text ({exc.reason})", path, line) from None
    return parse_cable_file(text, path)


def sorted_sources(sources: tuple[Source, ...]) -> tuple[Source, ...]:
    """Provenance without duplicates, in one fixed order whatever the import order."""
    return tuple(sorted(set(sources), key=lambda s: (s.file, s.kind, s.sha256)))


# The record's fields a second source may fill in (the id and the text are the same).
METADATA_KEYS = tuple(key for key in RECORD_KEYS if key not in ("id", "body"))


def merge_same_text(stored: Cable, incoming: Cable) -> Cable:
    """The stored cable plus the incoming sources and any field the stored one lacks."""
    filled = {
        name: getattr(incoming, name)
        for name in METADATA_KEYS
        if not getattr(stored, name) and getattr(incoming, name)
    }
    return dataclasses.replace(
        stored, **filled, sources=sorted_sources(stored.sources + incoming.sources)
    )


def check_cable(cable: Cable) -> None:
    """ContentError unless the id is path-safe and both dates are real moments."""
    checked_id(cable.id)
    for name in ("created", "released"):
        value = getattr(cable, name)
        problem = value is not None and timestamp_problem(value)
        if problem:
            raise ContentError(f"cable {cable.id}: {name}: {problem}")


def make_folder(content_dir: Path, key: str) -> Path:
    """``content/cables/<key>`` (``YYYY/MM`` or ``undated``), created if missing."""
    folder = Path(content_dir, "cables", *key.split("/"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def encode_cable(cable: Cable) -> bytes:
    try:
        return format_cable_file(cable).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ContentError(f"cable {cable.id}: text is not valid Unicode ({exc.reason})") from None


class ContentStore:
    """Adds cables to ``content_dir``; use as a context manager (``close`` commits)."""

    def __init__(self, content_dir: Path, sync: bool = True) -> None:
        self.content_dir = Path(content_dir)
        self.writer = AtomicWriter(sync=sync, background=True)
        self.leftovers_removed = 0
        self._folder_of: dict[str, Path] = {}  # id -> folder of its main file
        self._folders: dict[str, Path] = {}  # "YYYY/MM" -> folder known to exist
        self._scan()

    def __enter__(self) -> ContentStore:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None or exc_type is KeyboardInterrupt:
            self.close()
        else:
            self.writer.discard()

    def close(self) -> None:
        self.writer.close()

    def _scan(self) -> None:
        """Index the ids already stored and remove temp files of killed runs."""
        for folder in iter_cable_folders(self.content_dir):
            for entry in os.scandir(folder):
                if is_temp_name(entry.name):
                    os.unlink(entry.path)
                    self.leftovers_removed += 1
                    continue
                cable_id = id_of_cable_name(entry.name)
                if cable_id is not None and cable_id not in self._folder_of:
                    self._folder_of[cable_id] = folder

    def location(self, cable_id: str) -> Path | None:
        """The file of a stored id, None when the store does not have it."""
        folder = self._folder_of.get(cable_id)
        return None if folder is None else folder / f"{cable_id}.md"

    def put(self, cable: Cable, encoded: bytes | None = None) -> Stored:
        """Add one cable; ``encoded``, if given, must be ``encode_cable(cable)``."""
        check_cable(cable)
        if len(cable.sources) > 1 or encoded is None:
            cable = dataclasses.replace(cable, sources=sorted_sources(cable.sources))
            encoded = encode_cable(cable)
        data = encoded
        target = self.location(cable.id)
        if target is None:
            target = self._folder_for(cable.created) / f"{cable.id}.md"
            self.writer.write(target, data)
            self._folder_of[cable.id] = target.parent
            return Stored(Outcome.NEW, target)
        old = self.writer.read(target)
        if old is None:  # removed behind our back since the scan: write it anew
            self.writer.write(target, data)
            return Stored(Outcome.NEW, target)
        if old == data:
            return Stored(Outcome.UNCHANGED, target)
        stored = parse_cable_bytes(old, str(target))
        if body_sha256(stored.body) == body_sha256(cable.body):
            changed = self._write_if_changed(target, old, merge_same_text(stored, cable))
            return Stored(Outcome.SOURCE_ADDED if changed else Outcome.UNCHANGED, target)
        return self._put_variant(cable, data, target, stored)

    def _put_variant(self, cable: Cable, data: bytes, first: Path, stored: Cable) -> Stored:
        sha = body_sha256(cable.body)
        path = first.parent / variant_file_name(cable.id, sha)
        old = self.writer.read(path)
        if old is None:
            self.writer.write(path, data)
            forget_variants(path.parent)
            return Stored(Outcome.VARIANT_NEW, path, first, stored.sources)
        variant = parse_cable_bytes(old, str(path))
        if body_sha256(variant.body) != sha:
            raise ContentError(
                f"variant file name clash: {path.name} holds another text", str(path)
            )
        changed = self._write_if_changed(path, old, merge_same_text(variant, cable))
        return Stored(Outcome.VARIANT_SOURCE_ADDED if changed else Outcome.VARIANT_UNCHANGED, path)

    def _write_if_changed(self, path: Path, old: bytes, cable: Cable) -> bool:
        data = encode_cable(cable)
        if data == old:
            return False
        self.writer.write(path, data)
        return True

    def flush(self) -> None:
        """Put every staged file in place (before other processes read the folder)."""
        self.writer.wait()

    def note_new(self, cable_id: str, folder_key: str) -> Stored:
        """Index a new cable that a ``WorkerStore`` wrote (the parent keeps the index)."""
        folder = self._folder_of[cable_id] = self._folder_by_key(folder_key)
        return Stored(Outcome.NEW, folder / f"{cable_id}.md")

    def _folder_for(self, created: str | None) -> Path:
        return self._folder_by_key(cable_folder(created))

    def _folder_by_key(self, key: str) -> Path:
        folder = self._folders.get(key)
        if folder is None:
            folder = self._folders[key] = make_folder(self.content_dir, key)
        return folder


class WorkerStore:
    """The part of ``ContentStore.put`` a worker process can do without the id index.

    The parent, which holds the index, tells for each cable where its file is
    (None: the store does not have the id). A new cable is written here; a
    stored file that already holds exactly these bytes is left alone; anything
    else (the parent must merge provenance or keep a variant) is handed back.
    """

    def __init__(self, content_dir: Path, sync: bool = True) -> None:
        self.content_dir = Path(content_dir)
        self.writer = AtomicWriter(sync=sync)
        self._folders: dict[str, str] = {}

    def try_put(self, cable: Cable, encoded: bytes, stored_at: str | None) -> str | None:
        """The folder key ("YYYY/MM") of a new file, "" if unchanged, None: back to the parent."""
        if len(cable.sources) != 1:
            return None  # put() sorts several sources first
        try:
            check_cable(cable)
        except ContentError:
            return None  # the parent's put() reports it
        if stored_at is not None:
            try:
                with open(stored_at, "rb") as handle:
                    return "" if handle.read() == encoded else None
            except OSError:
                return None
        key = cable_folder(cable.created)
        folder = self._folders.get(key)
        if folder is None:
            folder = self._folders[key] = str(make_folder(self.content_dir, key))
        self.writer.write(f"{folder}/{cable.id}.md", encoded)  # str: no Path per file
        return key

    def close(self) -> None:
        self.writer.close()
