"""The id -> page lookup that lets 404.html find a cable from a bare reference id.

Ids are spread over buckets by a 32-bit FNV-1a hash of the upper-cased id (the
same function runs in the 404 page's script), about 1,000 ids per bucket, so a
visitor downloads one small JSON file (~25 KB) whatever the archive's size.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

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


def lookup_outputs(archive: Archive) -> Iterator[tuple[str, bytes]]:
    """lookup/N.json: {"07ASTANA614": "cable/2007/03/07ASTANA614.html", ...}."""
    count = lookup_buckets(len(archive.entries))
    buckets: list[dict[str, str]] = [{} for _ in range(count)]
    for cable_id in sorted(archive.entries):
        entry = archive.entries[cable_id]
        buckets[fnv1a(cable_id.upper()) % count][cable_id.upper()] = urls.cable(
            cable_id, entry.created
        )
    for number, bucket in enumerate(buckets):
        data = json.dumps(bucket, separators=(",", ":"), ensure_ascii=True)
        yield urls.lookup(number), data.encode("ascii")
