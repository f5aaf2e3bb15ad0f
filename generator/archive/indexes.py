"""Browse indexes, built once in linear time.

All ids are sorted once (creation date newest first, ties by id); one pass over
that order then appends each id to the lists of its categories, so every list
comes out already sorted. No category ever scans all cables.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.archive.model import CableEntry, day_of, month_of


def newest_first(entries: Iterable[CableEntry]) -> list[str]:
    """Ids by creation date, newest first, ties by id; undated cables last."""
    items = sorted(entries, key=lambda e: e.id)
    items.sort(key=lambda e: e.created or "", reverse=True)  # stable: ties keep id order
    return [e.id for e in items]


def category_keys(entry: CableEntry) -> dict[str, list[str]]:
    """The browse categories one cable belongs to, per section."""
    return {
        "reldate": [day_of(entry.released)],
        "date": [month_of(entry.created)],
        "origin": [entry.origin or "Unknown"],
        "tag": list(dict.fromkeys(entry.tags)),
        "classification": [entry.classification or "Unknown"],
    }


def build_indexes(
    entries: dict[str, CableEntry], order: list[str]
) -> dict[str, dict[str, tuple[str, ...]]]:
    lists: dict[str, dict[str, list[str]]] = {
        s: {} for s in ("reldate", "date", "origin", "tag", "classification")
    }
    for cable_id in order:
        for section, keys in category_keys(entries[cable_id]).items():
            bucket = lists[section]
            for key in keys:
                bucket.setdefault(key, []).append(cable_id)
    return {
        section: {key: tuple(ids) for key, ids in sorted(buckets.items())}
        for section, buckets in lists.items()
    }


def cited_refs(entry: CableEntry) -> list[str]:
    """The ids a cable cites, once each, itself left out."""
    return [ref for ref in dict.fromkeys(entry.references) if ref != entry.id]


def build_cited_by(entries: dict[str, CableEntry], order: list[str]) -> dict[str, tuple[str, ...]]:
    """For each cited id, the archive's cables that cite it. Ids not in the archive are
    kept too: a cable added later then knows at once which pages now link to it."""
    citing: dict[str, list[str]] = {}
    for cable_id in order:
        for ref in cited_refs(entries[cable_id]):
            citing.setdefault(ref, []).append(cable_id)
    return {ref: tuple(ids) for ref, ids in citing.items()}
