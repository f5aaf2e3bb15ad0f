"""The data export for researchers, linked from the "About the data" page.

- ``data/cables/YYYY-MM.jsonl.gz``: every record of one creation month, with its
  text; ``.csv.gz`` beside it: the same records without the text (a spreadsheet
  cell holds at most 32,767 characters, and compressing every text twice would
  double the cost). Split by month so no file grows past the per-file limits of
  static hosts (Cloudflare Pages: 25 MiB) and an edit rewrites one month only.
- ``data/SECTION/index.json``: the categories of a browse section with counts;
  ``data/SECTION/KEY.json``: the ids of one category, newest first.
Gzip streams carry no name and mtime 0, so the bytes are reproducible.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from pathlib import Path

from generator.archive.load import read_cable
from generator.archive.model import Archive
from generator.cable import RECORD_KEYS
from generator.site import urls
from generator.site.jsontext import indented, one_line

Output = tuple[str, bytes]
CSV_KEYS = tuple(k for k in RECORD_KEYS if k != "body")


def gzip_bytes(data: bytes) -> bytes:
    """Deterministic gzip; level 1 is ~4x faster than 6 for ~25% larger files, and the
    export is rebuilt for every changed month."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=1) as gz:
        gz.write(data)
    return buffer.getvalue()


def month_key(archive: Archive, month: str) -> str:
    """Cache key of one month's export files: the hashes of its cables."""
    ids = archive.indexes["date"][month]
    digest = hashlib.sha256(b"export3")  # bump when the file format changes
    for cable_id in sorted(ids):
        digest.update(archive.entries[cable_id].sha256.encode())
    return digest.hexdigest()


ExportRows = dict[str, tuple[str, list[str]]]  # id -> (JSON line, CSV row)


def month_outputs(
    archive: Archive,
    month: str,
    known: Mapping[str, dict[str, object]] | None = None,
    previous: ExportRows | None = None,
) -> list[Output]:
    """The JSON Lines and CSV export of one creation month, ordered by id. ``known``
    holds the records of cables already read, by file; ``previous`` the lines and
    rows of unchanged cables as the last build wrote them (see `previous_rows`)."""
    known = known or {}
    previous = previous or {}
    jsonl = io.StringIO()
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(CSV_KEYS)
    for cable_id in sorted(archive.indexes["date"][month]):
        kept = previous.get(cable_id)
        if kept is not None:
            line, row = kept
        else:
            file = archive.entries[cable_id].file
            record = known.get(file)
            if record is None:
                record = read_cable(file).to_record()
            line = one_line(record) + "\n"
            values = [record[k] for k in CSV_KEYS]
            row = [" ".join(v) if isinstance(v, list) else v for v in values]  # type: ignore[misc]
        jsonl.write(line)
        writer.writerow(row)
    return [
        (urls.export_month(month, "jsonl"), gzip_bytes(jsonl.getvalue().encode("utf-8"))),
        (urls.export_month(month, "csv"), gzip_bytes(table.getvalue().encode("utf-8"))),
    ]


def previous_rows(site_dir: Path, month: str, changed: Set[str]) -> ExportRows | None:
    """The JSON lines and CSV rows of a month's export files in ``site_dir``, by id,
    without those of the ``changed`` cables: an incremental build rewrites a month
    from them instead of reading its 4,000 cables again. None when the files are
    missing or not as `month_outputs` writes them (the month is then read whole)."""
    try:
        text = _gunzip(site_dir / urls.export_month(month, "jsonl"))
        table = _gunzip(site_dir / urls.export_month(month, "csv"))
        rows = list(csv.reader(io.StringIO(table, newline="")))
    except (OSError, EOFError, UnicodeDecodeError, csv.Error, zlib.error, gzip.BadGzipFile):
        return None
    # "\n" only: the text may hold other line breaks (U+2028, U+0085) that JSON keeps.
    lines = [line + "\n" for line in text.split("\n")[:-1]]
    if not rows or tuple(rows[0]) != CSV_KEYS or len(rows) != len(lines) + 1:
        return None
    found: ExportRows = {}
    for line, row in zip(lines, rows[1:], strict=True):
        cable_id = row[0] if row else ""
        if not line.startswith(f'{{"id": "{cable_id}", ') or len(row) != len(CSV_KEYS):
            return None
        if cable_id not in changed:
            found[cable_id] = (line, row)
    return found


def _gunzip(path: Path) -> str:
    with gzip.open(path, "rb") as handle:
        return handle.read().decode("utf-8")


def _json(data: object) -> bytes:
    return (indented(data) + "\n").encode("utf-8")


def section_output(archive: Archive, section: str) -> Output:
    """data/SECTION/index.json: every category of the section with its count."""
    summary = [
        {
            "name": key,
            "count": len(ids),
            "ids": urls.export_category(section, key),
            "page": urls.browse(section, key),
        }
        for key, ids in archive.indexes[section].items()
    ]
    return urls.export_section(section), _json(summary)


def category_output(archive: Archive, section: str, key: str) -> Output:
    """data/SECTION/KEY.json: the ids of one category, newest first."""
    ids = archive.indexes[section][key]
    return urls.export_category(section, key), category_json(key, ids)


def category_json(key: str, ids: Sequence[str]) -> bytes:
    """``_json({"name": key, "ids": ids})`` byte for byte, made by joining: with an
    indent, json.dumps runs its pure-Python encoder, several seconds over the
    1.7 million ids of the whole archive's categories. Ids are plain ASCII
    (generator.content.schema), so each one's JSON is itself in quotes."""
    if not ids:
        return _json({"name": key, "ids": []})
    name = json.dumps(key, ensure_ascii=False)
    rows = '",\n  "'.join(ids)
    return f'{{\n "name": {name},\n "ids": [\n  "{rows}"\n ]\n}}\n'.encode()


def category_paths(archive: Archive) -> list[str]:
    """Every file `category_outputs` writes, without making them."""
    return [
        path
        for section in urls.SECTIONS
        for path in (
            urls.export_section(section),
            *(urls.export_category(section, key) for key in archive.indexes[section]),
        )
    ]


def category_outputs(
    archive: Archive, only: Mapping[str, Iterable[str]] | None = None
) -> Iterator[Output]:
    """The section and category files; with ``only``, just those sections' index files
    and the named categories (those still in the archive)."""
    for section in urls.SECTIONS:
        if only is None:
            keys: Iterable[str] = archive.indexes[section]
        elif section in only:
            keys = sorted(k for k in only[section] if k in archive.indexes[section])
        else:
            continue
        yield section_output(archive, section)
        for key in keys:
            yield category_output(archive, section, key)
