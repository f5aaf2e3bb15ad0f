"""One cable's outputs: its page, its raw text (ID.txt) and its record (ID.json)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.archive.load import read_cable
from generator.archive.model import CableEntry, day_of, month_of
from generator.cable import Cable
from generator.errors import CablesiteError
from generator.site import urls
from generator.site.cabletext import Linker, cable_text_html, escape_text, split_header
from generator.site.jsontext import Encoded, indented

if TYPE_CHECKING:
    from generator.site.plan import PageJob
    from generator.site.render import Renderer


@dataclass(frozen=True)
class Variant:
    """Another text of the same cable, with a summary of how it differs."""

    sources: tuple[str, ...]
    added: int
    removed: int
    text: str


def export_record(cable: Cable) -> dict[str, object]:
    """The cable's record with its text escaped once, for ID.json and the month export."""
    record = cable.to_record()
    record["body"] = Encoded(encode_basestring(cable.body))
    return record


def record_json(cable: Cable, record: dict[str, object]) -> bytes:
    """ID.json: the record (from `export_record`) and where the text came from."""
    sources = [{"file": s.file, "kind": s.kind, "sha256": s.sha256} for s in cable.sources]
    text = indented({**record, "sources": sources})
    return (text + "\n").encode("utf-8", "surrogatepass")


def load_variants(files: tuple[str, ...], body: str) -> list[Variant]:
    variants = []
    for file in files:
        try:
            other = read_cable(file)
        except (CablesiteError, OSError, UnicodeError):
            continue  # reported when the archive was loaded
        added = removed = 0
        for line in difflib.unified_diff(body.splitlines(), other.body.splitlines(), n=0):
            if line.startswith("+") and not line.startswith("+++"):
                added += 1
            elif line.startswith("-") and not line.startswith("---"):
                removed += 1
        sources = tuple(f"{s.file} ({s.kind})" for s in other.sources) or (file,)
        variants.append(Variant(sources, added, removed, other.body))
    return variants


def make_linker(renderer: Renderer, page_path: str) -> Linker:
    entries = renderer.archive.entries
    glossary = renderer.archive.glossary
    prefix = urls.root_prefix(page_path)

    def ref_href(ref: str) -> str | None:
        target = entries.get(ref)
        return prefix + urls.cable(ref, target.created) if target else None

    return Linker(
        ref_href=ref_href,
        tag_href=lambda tag: prefix + urls.browse("tag", tag),
        tag_meaning=glossary.get,
    )


def cable_links(renderer: Renderer, entry: CableEntry, page_path: str) -> dict[str, object]:
    """Every link of a cable page, made here rather than by a template call per link."""
    prefix = urls.root_prefix(page_path)
    entries = renderer.archive.entries
    glossary = renderer.archive.glossary
    refs = []
    for ref in dict.fromkeys(entry.references):
        target = entries.get(ref)
        href = prefix + urls.cable(ref, target.created) if target else None
        refs.append((ref, href, target.subject if target else None))
    return {
        "self": prefix + urls.cable(entry.id, entry.created),
        "text": prefix + urls.cable_text(entry.id, entry.created),
        "json": prefix + urls.cable_json(entry.id, entry.created),
        "date": prefix + urls.browse("date", month_of(entry.created)),
        "reldate": prefix + urls.browse("reldate", day_of(entry.released)),
        "origin": prefix + urls.browse("origin", entry.origin or "Unknown"),
        "classification": prefix + urls.browse("classification", entry.classification or "Unknown"),
        "tags": [
            (tag, prefix + urls.browse("tag", tag), glossary.get(tag))
            for tag in dict.fromkeys(entry.tags)
        ],
        "references": refs,
        "cited_by": renderer.rows(page_path, renderer.archive.cited_by.get(entry.id, ())),
    }


_LEVELS: dict[str | None, str] = {}  # a handful of distinct classifications


def classification_level(classification: str | None) -> str:
    """CSS level of a classification: secret, confidential, unclassified or unknown."""
    level = _LEVELS.get(classification)
    if level is None:
        text = (classification or "").upper()
        found = (x for x in ("SECRET", "CONFIDENTIAL", "UNCLASSIFIED") if x in text)
        level = _LEVELS[classification] = next(found, "unknown").lower()
    return level


def when(value: str | None) -> str:
    """A record date for display: "2007-03-07 12:06"."""
    return value.replace("T", " ") if value else "unknown"


# The repeated parts of a cable page, built here with every value escaped (a template
# loop costs more per item than the rest of the page). cable.html calls them; a theme
# can loop over `links` itself instead. The markup is written out in cable.html.


def meta_items(cable: CableEntry, links: dict[str, object]) -> Markup:
    """The <div><dt><dd> lines of the details box, each value a link."""
    level = classification_level(cable.classification)
    classification = escape_text(cable.classification or "Unknown")
    items = (
        ("Reference ID", "self", escape_text(cable.id)),
        ("Created", "date", escape_text(when(cable.created))),
        ("Released", "reldate", escape_text(when(cable.released))),
        (
            "Classification",
            "classification",
            f'<span class="cls cls-{level}">{classification}</span>',
        ),
        ("Origin", "origin", escape_text(cable.origin or "Unknown")),
    )
    return Markup(
        "".join(
            f'<div><dt>{name}</dt><dd><a href="{escape_text(str(links[key]))}">'
            f"{value}</a></dd></div>\n"
            for name, key, value in items
        )
    )


def tag_items(tags: list[tuple[str, str, str | None]]) -> Markup:
    """<li> lines of the tag list, from links.tags: (tag, href, meaning or None)."""
    lines = []
    for tag, href, meaning in tags:
        if meaning:
            meaning = escape_text(meaning)
            lines.append(
                f'<li><a class="tag" href="{escape_text(href)}" title="{meaning}">'
                f'{escape_text(tag)}</a> <span class="meaning">{meaning}</span></li>\n'
            )
        else:
            lines.append(
                f'<li><a class="tag" href="{escape_text(href)}">{escape_text(tag)}</a></li>\n'
            )
    return Markup("".join(lines))


def reference_items(references: list[tuple[str, str | None, str | None]]) -> Markup:
    """<li> lines of the references, from links.references: (id, href or None, subject)."""
    lines = []
    for ref, href, subject in references:
        if href:
            lines.append(
                f'<li><a href="{escape_text(href)}">{escape_text(ref)}</a> '
                f'<span class="muted">{escape_text(subject or "")}</span></li>\n'
            )
        else:
            lines.append(
                f'<li>{escape_text(ref)} <span class="muted">(not in this archive)</span></li>\n'
            )
    return Markup("".join(lines))


def citing_items(rows: list[tuple[CableEntry, str]]) -> Markup:
    """<li> lines of the cables that cite this one, from links.cited_by: (entry, href)."""
    return Markup(
        "".join(
            f'<li><a href="{escape_text(href)}">{escape_text(e.id)}</a> '
            f'<span class="muted">{escape_text(e.subject or "")}</span></li>\n'
            for e, href in rows
        )
    )


def cable_outputs(renderer: Renderer, job: PageJob) -> Iterator[tuple[str, bytes]]:
    archive = renderer.archive
    entry = archive.entries[job.key]
    cable = read_cable(entry.file)
    record = renderer.month_records[entry.file] = export_record(cable)
    header, text = split_header(cable.body)
    linker = make_linker(renderer, job.path)
    yield renderer.page(
        "cable.html",
        job.path,
        cable=entry,
        links=cable_links(renderer, entry, job.path),
        header=header,
        body=cable_text_html(text, cable.tags, cable.references, linker),
        sources=cable.sources,
        variants=load_variants(entry.variants, cable.body),
        year=(entry.created or "")[:4],
    )
    yield urls.cable_text(entry.id, entry.created), cable.body.encode("utf-8", "surrogatepass")
    yield urls.cable_json(entry.id, entry.created), record_json(cable, record)
