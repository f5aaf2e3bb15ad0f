"""The archive model: what the build knows about every cable without holding its text.

A `CableEntry` is a cable's front matter plus the hash of its text and where
its file is; bodies are read again only when a cable page is rendered. The
`Archive` holds the entries and the browse indexes, each a sorted tuple of ids
per category, built once in one pass (see `generator.archive.indexes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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

    ``order`` lists every id newest first (by creation date, ties by id);
    ``indexes[section][key]`` is the ids of one browse category in that order;
    ``cited_by[id]`` the ids of cables citing ``id``, in that order too.
    """

    entries: dict[str, CableEntry]
    order: tuple[str, ...]
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
