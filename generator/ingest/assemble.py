"""From an extract (telegram text + page metadata) to a Cable record."""

from __future__ import annotations

from generator.cable import Cable, Source
from generator.content.cablefile import body_sha256
from generator.errors import ParseError
from generator.ingest.extract import Extract
from generator.ingest.telegram import read_telegram


def _created(page: str | None, telegram: str | None) -> str | None:
    """The telegram's date-time group when it confirms the page's date and hour.

    The site's December 2010 pages show the hour (of a 12-hour clock) where the
    minutes belong, so the DTG is the better time; but when the DTG names another
    day or hour it belongs to a wrapper (a repeated or relayed message), and the
    page is right.
    """
    if telegram is None:
        return page
    if page is None or page[:13] == telegram[:13]:
        return telegram
    return page


def build_cable(extract: Extract, kind: str, name: str) -> Cable:
    """The cable of one extract; ParseError when not even its reference id can be known."""
    body = extract.body
    if not body.strip():
        raise ParseError("no cable text found", name)
    meta = extract.metadata
    fields = read_telegram(body, meta.year if meta else None)
    cable_id = meta.id if meta else fields.id
    if cable_id is None:
        raise ParseError(
            "cannot tell the cable's reference id: no metadata line, and the telegram lacks "
            "a date (date-time group or declassification date) or a post and message number",
            name,
        )
    return Cable(
        id=cable_id,
        created=_created(meta.created if meta else None, fields.created),
        released=meta.released if meta else None,
        classification=(meta.classification if meta else None) or fields.classification,
        origin=(meta.origin if meta else None) or fields.origin,
        subject=fields.subject or extract.title_subject,
        tags=fields.tags,
        references=fields.references,
        body=body,
        sources=(Source(file=name, kind=kind, sha256=body_sha256(body)),),
    )
