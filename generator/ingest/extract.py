"""What a reader finds in a source: the telegram text and, if the page had it, metadata."""

from __future__ import annotations

from dataclasses import dataclass

from generator.ingest.metadata import Metadata


@dataclass(frozen=True, slots=True)
class Extract:
    body: str  # the telegram text, chrome removed, entities decoded
    metadata: Metadata | None = None  # the original site's table, when the source has it
    title_subject: str | None = None  # "Viewing cable ID, SUBJECT": first line of the subject
