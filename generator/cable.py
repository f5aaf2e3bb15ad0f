"""The normalized cable record every stage of the pipeline passes around."""

from __future__ import annotations

from dataclasses import dataclass, field

# Keys of a record in `cablesite parse --json`, in the order they are printed.
RECORD_KEYS = (
    "id",
    "created",
    "released",
    "classification",
    "origin",
    "subject",
    "tags",
    "references",
    "body",
)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a cable text came from (provenance kept in its content file)."""

    file: str  # file name as given to import (base name, no directories)
    kind: str  # "wikileaks-html", "wikileaks-text", "blog-repost", "markdown", "telegram", "csv"
    sha256: str  # of the cable text (Cable.body) as imported


@dataclass(frozen=True, slots=True)
class Cable:
    """One cable.

    Dates are ``YYYY-MM-DDTHH:MM`` strings (or None when they cannot be known);
    ``body`` is the whole telegram text, routing header included, exactly as the
    source gives it (entities decoded, page chrome removed).
    """

    id: str
    created: str | None
    released: str | None
    classification: str | None
    origin: str | None
    subject: str | None
    tags: tuple[str, ...]
    references: tuple[str, ...]
    body: str
    sources: tuple[Source, ...] = field(default=(), compare=False)

    def to_record(self) -> dict[str, object]:
        """The JSON object of `cablesite parse --json` (no provenance)."""
        return {
            "id": self.id,
            "created": self.created,
            "released": self.released,
            "classification": self.classification,
            "origin": self.origin,
            "subject": self.subject,
            "tags": list(self.tags),
            "references": list(self.references),
            "body": self.body,
        }
