"""The id -> page lookup that lets 404.html find a cable from a bare reference id.

Ids are spread over buckets by a 32-bit FNV-1a hash of the upper-cased id (the
same function runs in the 404 page's script), about 1,000 ids per bucket, so a
visitor downloads one small JSON file (~25 KB) whatever the archive's size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from generator.archive.model import Archive
from generator.site import urls

IDS_PER_BUCKET = 1000


def lookup_buckets(cables: int) -> int:
    """A power of two, so the archive growing a little rarely reshuffles every bucket."""
    buckets = 1
    while buckets * IDS_PER_BUCKET < cables:
        buckets *= 2
    return buckets


def fnv1a(text: str) -> int:
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def bucket_of(cable_id: str, count: int) -> int:
    return fnv1a(cable_id.upper()) % count


def lookup_table(ids: Iterable[str], count: int) -> list[list[str]]:
    """The ids of each bucket, sorted."""
    buckets: list[list[str]] = [[] for _ in range(count)]
    for cable_id in sorted(ids):
        buckets[bucket_of(cable_id, count)].append(cable_id)
    return buckets


def bucket_output(archive: Archive, number: int, ids: list[str]) -> tuple[str, bytes]:
    """lookup/N.json: {"07ASTANA614": "cable/2007/03/07ASTANA614.html", ...}."""
    entries = archive.entries
    bucket = {i.upper(): urls.cable(i, entries[i].created) for i in ids}
    data = json.dumps(bucket, separators=(",", ":"), ensure_ascii=True)
    return urls.lookup(number), data.encode("ascii")


def lookup_outputs(archive: Archive, table: list[list[str]]) -> Iterator[tuple[str, bytes]]:
    for number, ids in enumerate(table):
        yield bucket_output(archive, number, ids)
