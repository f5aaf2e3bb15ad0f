"""Apply a few changed cables to an archive's indexes without rebuilding them.

An incremental build loads the archive of the previous build and the cables
whose files changed; patching the browse lists and the citations costs time in
proportion to the categories those cables are in, not to the archive. The lists
come out exactly as `generator.archive.indexes` would build them from scratch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from generator.archive.indexes import category_keys, cited_refs
from generator.archive.model import CableEntry

Ids = tuple[str, ...]


@dataclass
class Links:
    """Cables whose pages list a changed cable, found while patching the citations."""

    cited: set[str] = field(default_factory=set)  # ids whose "cited by" list changed
    citing: set[str] = field(default_factory=set)  # cables citing a changed cable


def categories_of(versions: Iterable[CableEntry | None]) -> dict[str, set[str]]:
    """Every browse category the given cable versions are in, by section."""
    found: dict[str, set[str]] = {}
    for version in versions:
        if version is not None:
            for section, keys in category_keys(version).items():
                found.setdefault(section, set()).update(keys)
    return found


def comes_before(a: CableEntry, b: CableEntry) -> bool:
    """Newest first by creation date, ties by id, undated last (as `newest_first`)."""
    created_a, created_b = a.created or "", b.created or ""
    return created_a > created_b or (created_a == created_b and a.id < b.id)


def insert_sorted(ids: list[str], entry: CableEntry, entries: Mapping[str, CableEntry]) -> None:
    low, high = 0, len(ids)
    while low < high:
        middle = (low + high) // 2
        if comes_before(entries[ids[middle]], entry):
            low = middle + 1
        else:
            high = middle
    ids.insert(low, entry.id)


def _patched(ids: Ids, changed: set[str], members: list[CableEntry], entries) -> Ids:
    kept = [i for i in ids if i not in changed]
    for entry in members:
        insert_sorted(kept, entry, entries)
    return tuple(kept)


def patch_indexes(
    indexes: dict[str, dict[str, Ids]],
    entries: Mapping[str, CableEntry],
    new: Mapping[str, CableEntry | None],
    touched: dict[str, set[str]],
) -> None:
    """Move the changed cables (``new`` versions by id; None: gone) into their new
    categories. ``touched`` is `categories_of` their old and new versions; ``entries``
    is the archive after the change."""
    members: dict[tuple[str, str], list[CableEntry]] = {}
    for version in new.values():
        if version is not None:
            for section, keys in category_keys(version).items():
                for key in keys:
                    members.setdefault((section, key), []).append(version)
    changed = set(new)
    for section, keys in touched.items():
        categories = indexes[section]
        added = False
        for key in keys:
            joining = members.get((section, key), [])
            ids = _patched(categories.get(key, ()), changed, joining, entries)
            if ids:
                added = added or key not in categories
                categories[key] = ids
            else:
                categories.pop(key, None)
        if added:  # categories are kept sorted by key
            indexes[section] = dict(sorted(categories.items()))


def patch_cited_by(
    cited_by: dict[str, Ids],
    entries: Mapping[str, CableEntry],
    old: Mapping[str, CableEntry | None],
    new: Mapping[str, CableEntry | None],
) -> Links:
    """Update who-cites-whom for the changed cables; says which pages list them."""
    touched = Links()
    changed = set(old) | set(new)
    refs: set[str] = set()
    for cable_id in changed:
        for version in (old.get(cable_id), new.get(cable_id)):
            if version is not None:
                refs.update(cited_refs(version))
        touched.citing.update(cited_by.get(cable_id, ()))
    for ref in refs:
        citers = [new[c] for c in changed if new.get(c) is not None and ref in cited_refs(new[c])]
        ids = _patched(cited_by.get(ref, ()), changed, citers, entries)
        if ids:
            cited_by[ref] = ids
        else:
            cited_by.pop(ref, None)
    touched.cited = refs
    return touched
