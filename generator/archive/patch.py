"""Apply a few changed cables to an archive's indexes without rebuilding them.

An incremental build loads the archive of the previous build and the cables
whose files changed; patching the browse lists and the citations costs time in
proportion to the categories those cables are in, not to the archive. The lists
come out exactly as `generator.archive.indexes` would build them from scratch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.archive.indexes import category_keys, cited_refs
from generator.archive.model import CableEntry

Ids = tuple[str, ...]


@dataclass
class Touched:
    """What a patch changed: categories per section, and cables whose pages list others."""

    categories: dict[str, set[str]] = field(default_factory=dict)
    cited: set[str] = field(default_factory=set)  # ids whose "cited by" list changed
    citing: set[str] = field(default_factory=set)  # cables citing a changed cable


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
    old: Mapping[str, CableEntry | None],
    new: Mapping[str, CableEntry | None],
) -> dict[str, set[str]]:
    """Move the changed cables (``old`` and ``new`` versions by id; None: absent) into
    their new categories; ``entries`` is the archive after the change."""
    members: dict[tuple[str, str], list[CableEntry]] = {}
    touched: dict[str, set[str]] = {section: set() for section in indexes}
    for version in old.values():
        if version is not None:
            for section, keys in category_keys(version).items():
                touched[section].update(keys)
    for version in new.values():
        if version is not None:
            for section, keys in category_keys(version).items():
                touched[section].update(keys)
                for key in keys:
                    members.setdefault((section, key), []).append(version)
    changed = set(old) | set(new)
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
    return touched


def patch_cited_by(
    cited_by: dict[str, Ids],
    entries: Mapping[str, CableEntry],
    old: Mapping[str, CableEntry | None],
    new: Mapping[str, CableEntry | None],
) -> Touched:
    """Update who-cites-whom for the changed cables; says which pages list them."""
    touched = Touched()
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
