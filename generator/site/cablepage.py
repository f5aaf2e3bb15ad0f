"""One cable's outputs: its page, its raw text (ID.txt) and its record (ID.json)."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.archive.load import read_cable
from generator.archive.model import CableEntry, day_of, month_of
from generator.cable import Cable
from generator.errors import CablesiteError
from generator.site import urls
from generator.site.cabletext import Linker, cable_text_html, split_header

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


def record_json(cable: Cable) -> bytes:
    record = cable.to_record()
    record["sources"] = [
        {"file": s.file, "kind": s.kind, "sha256": s.sha256} for s in cable.sources
    ]
    return (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode(
        "utf-8", "surrogatepass"
    )


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


def cable_outputs(renderer: Renderer, job: PageJob) -> Iterator[tuple[str, bytes]]:
    archive = renderer.archive
    entry = archive.entries[job.key]
    cable = read_cable(entry.file)
    renderer.month_cables[entry.file] = cable
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
    yield urls.cable_json(entry.id, entry.created), record_json(cable)
