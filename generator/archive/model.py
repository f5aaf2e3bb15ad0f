"""The archive model: what the build knows about every cable without holding its text.

A `CableEntry` is a cable's front matter plus the hash of its text and where
its file is; bodies are read again only when a cable page is rendered. The
`Archive` holds the entries and the browse indexes, each a sorted tuple of ids
per category, built once in one pass (see `generator.archive.indexes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields

UNDATED = "undated"  # creation-month key of cables without a creation date
UNRELEASED = "unknown"  # release-day key of cables without a release date


# Keys become folder names: anything not shaped like a date counts as unknown.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def month_of(created: str | None) -> str:
    """The creation-month key of a cable: "2007-03", or UNDATED."""
    return created[:7] if created and _DATE.match(created) else UNDATED


def day_of(released: str | None) -> str:
    """The release-day key of a cable: "2011-08-30", or UNRELEASED."""
    return released[:10] if released and _DATE.match(released) else UNRELEASED


@dataclass(frozen=True, slots=True)
class CableEntry:
    """A cable's metadata, the hash of its text and the file it lives in."""

    id: str
    created: str | None
    released: str | None
    classification: str | None
    origin: str | None
    subject: str | None
    tags: tuple[str, ...]
    references: tuple[str, ...]
    sha256: str
    file: str
    variants: tuple[str, ...] = ()  # files of other texts of the same cable


ENTRY_FIELDS = tuple(f.name for f in fields(CableEntry))
FILE_FIELD = ENTRY_FIELDS.index("file")  # where the file is in `entry_values`


def entry_values(entry: CableEntry) -> tuple:
    """The entry as a plain tuple (``CableEntry(*values)`` makes it again): caches store
    tuples, which load far faster than 251,287 dataclass objects."""
    return tuple(getattr(entry, name) for name in ENTRY_FIELDS)


class EntryTable(Mapping[str, CableEntry]):
    """Entries by id, kept as tuples and made into `CableEntry` objects when asked for:
    an incremental build touches a few hundred of 251,287."""

    def __init__(self, values: dict[str, tuple]) -> None:
        self.values_by_id = values
        self._made: dict[str, CableEntry] = {}

    def __getitem__(self, cable_id: str) -> CableEntry:
        entry = self._made.get(cable_id)
        if entry is None:
            entry = self._made[cable_id] = CableEntry(*self.values_by_id[cable_id])
        return entry

    def __contains__(self, cable_id: object) -> bool:
        return cable_id in self.values_by_id

    def __iter__(self) -> Iterator[str]:
        return iter(self.values_by_id)

    def __len__(self) -> int:
        return len(self.values_by_id)

    def put(self, cable_id: str, entry: CableEntry | None) -> None:
        """Set (or, with None, remove) one cable's entry."""
        self._made.pop(cable_id, None)
        if entry is None:
            self.values_by_id.pop(cable_id, None)
        else:
            self.values_by_id[cable_id] = entry_values(entry)
            self._made[cable_id] = entry


@dataclass(frozen=True, slots=True)
class EditorialPage:
    """A page from content/pages/NAME.md."""

    name: str
    title: str
    nav_title: str
    order: int
    markdown: str
    file: str


@dataclass(frozen=True)
class Archive:
    """Everything the site is built from.

    ``indexes[section][key]`` is the ids of one browse category, newest first (by
    creation date, ties by id); ``cited_by[id]`` the ids of cables citing ``id`` (also
    for ids not in the archive), in that order too.
    """

    entries: Mapping[str, CableEntry]
    indexes: dict[str, dict[str, tuple[str, ...]]]
    cited_by: dict[str, tuple[str, ...]]
    glossary: dict[str, str] = field(default_factory=dict)
    pages: tuple[EditorialPage, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    def latest_releases(self, count: int) -> tuple[str, ...]:
        """Ids of the most recently released cables, newest release first, ties by id."""
        days = self.indexes.get("reldate", {})
        result: list[str] = []
        for day in sorted(days, reverse=True):
            if day == UNRELEASED:
                continue
            ids = sorted(days[day], key=lambda i: (self.entries[i].released or "", i))
            ids.sort(key=lambda i: self.entries[i].released or "", reverse=True)
            result.extend(ids)
            if len(result) >= count:
                break
        return tuple(result[:count])
