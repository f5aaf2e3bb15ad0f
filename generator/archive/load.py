"""Load content/ into an `Archive`: cable metadata, the tag glossary, editorial pages.

Cable texts are read, hashed and dropped: the archive keeps metadata only, so
memory stays flat at 251,287 cables; a cable's text is read again when its page
is rendered. Bad files are reported one by one and left out; loading goes on.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import yaml

from generator.archive.indexes import build_cited_by, build_indexes, newest_first
from generator.archive.model import Archive, CableEntry, EditorialPage
from generator.cable import Cable
from generator.content.cablefile import field_line, parse_cable_file, split_front_matter
from generator.content.layout import VARIANT_MARK, cable_file_paths
from generator.content.readahead import read_ahead
from generator.content.schema import is_cable_id, timestamp_problem
from generator.content.store import variants_of
from generator.errors import CablesiteError, ContentError

Problem = Callable[[CablesiteError], None]


def read_cable(path: Path | str) -> Cable:
    """The Cable in a content file (bytes exact); ContentError when malformed."""
    with open(path, encoding="utf-8", newline="") as handle:
        return parse_cable_file(handle.read(), str(path))


def _check_paths_fields(cable: Cable, path: str, text: str) -> None:
    """Refuse the values that become file names (`cablesite check` explains them in full)."""

    def fail(message: str, key: str) -> None:
        front, _ = split_front_matter(text, path)
        raise ContentError(message, path, field_line(front, key))

    if not is_cable_id(cable.id):
        fail(f"id {cable.id!r} is not a canonical reference id", "id")
    name = os.path.basename(path)
    if name != f"{cable.id}.md":
        fail(f"id {cable.id} does not match the file name {name}", "id")
    for key in ("created", "released"):
        value = getattr(cable, key)
        if value is not None and (problem := timestamp_problem(value)):
            fail(f"'{key}': {problem}", key)


def load_entry(path: str, with_variants: bool = True) -> CableEntry:
    """The entry of one cable file; ``with_variants`` False leaves ``variants`` empty
    for a caller that lists the variant files of whole folders itself. Paths are
    strings: a Path per file cost a sixth of the load."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(f"not UTF-8 text ({exc.reason})", path) from None
    cable = parse_cable_file(text, path)
    _check_paths_fields(cable, path, text)
    # Values many cables share are one object each (interned): the build state, saved
    # with marshal, then writes each once per batch instead of once per cable.
    return CableEntry(
        id=cable.id,
        created=cable.created,
        released=cable.released,
        classification=_shared(cable.classification),
        origin=_shared(cable.origin),
        subject=cable.subject,
        tags=tuple(sys.intern(tag) for tag in cable.tags if tag.strip()),
        references=cable.references,
        sha256=hashlib.sha256(data).hexdigest(),
        file=path,
        variants=tuple(str(v) for v in variants_of(Path(path))) if with_variants else (),
    )


def _shared(value: str | None) -> str | None:
    return sys.intern(value) if value else value


Failure = tuple[str, str | None, int | None]  # message, path, line: pickles across processes


def _load_chunk(paths: list[str]) -> list[CableEntry | Failure]:
    read_ahead(paths)
    results: list[CableEntry | Failure] = []
    for path in paths:
        try:
            results.append(load_entry(path, with_variants=False))
        except CablesiteError as exc:
            results.append((exc.message, exc.path, exc.line))
        except OSError as exc:
            results.append((f"cannot read: {exc.strerror}", path, None))
    return results


def _load_all(paths: list[str], workers: int) -> list[CableEntry | Failure]:
    """Read files on every core when there are many (the cold build reads 251,287)."""
    if workers <= 1 or len(paths) < 2000:
        return _load_chunk(paths)
    chunks = [paths[i : i + 1000] for i in range(0, len(paths), 1000)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [item for chunk in pool.imap(_load_chunk, chunks) for item in chunk]


def folders_with_variants(files: list[str]) -> set[str]:
    """Folders that hold any variant file: only their cables need `variants_of`,
    which costs more per call than listing every folder once."""
    found = set()
    for folder in {os.path.dirname(file) for file in files}:
        try:
            names = os.listdir(folder)
        except OSError:
            names = [VARIANT_MARK]  # let variants_of decide
        if any(VARIANT_MARK in name for name in names):
            found.add(folder)
    return found


Known = Callable[[str], CableEntry | None]  # a file's entry if it is known unchanged


def load_entries(
    content_dir: Path, problem: Problem, known: Known | None = None, workers: int = 1
) -> dict[str, CableEntry]:
    """Every cable's entry; files ``known`` vouches for (unchanged since the last
    build) are not read again."""
    found: list[CableEntry | Failure] = []
    missing: list[str] = []
    for path in cable_file_paths(content_dir):
        entry = known(path) if known is not None else None
        if entry is not None:
            found.append(entry)
        else:
            missing.append(path)
    found += _load_all(missing, workers)
    with_variants = folders_with_variants([i.file for i in found if isinstance(i, CableEntry)])
    entries: dict[str, CableEntry] = {}
    for item in sorted(found, key=lambda i: i.file if isinstance(i, CableEntry) else i[1] or ""):
        if not isinstance(item, CableEntry):
            problem(ContentError(*item))
        elif item.id in entries:
            first = entries[item.id].file
            problem(ContentError(f"duplicate id {item.id} (also in {first})", item.file))
        else:
            variants: tuple[str, ...] = ()
            if os.path.dirname(item.file) in with_variants:
                variants = tuple(str(v) for v in variants_of(Path(item.file)))
            if variants != item.variants:
                item = replace(item, variants=variants)
            entries[item.id] = item
    return entries


def load_glossary(content_dir: Path, problem: Problem) -> dict[str, str]:
    """content/tags.yaml: a mapping TAG: "meaning" (missing file: empty glossary)."""
    path = Path(content_dir) / "tags.yaml"
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        problem(ContentError(f"cannot read the tag glossary: {exc}", str(path)))
        return {}
    if not isinstance(data, dict):
        problem(ContentError("the tag glossary must be a mapping TAG: meaning", str(path), 1))
        return {}
    return {str(k): str(v) for k, v in sorted(data.items(), key=lambda kv: str(kv[0]))}


# Editorial page names become file names and links at the site root: keep them plain,
# and away from the pages the build writes itself.
PAGE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,80}")
RESERVED_PAGE_NAMES = frozenset(("index", "search", "404", "tags", "data", "feed", "sitemap"))


def load_page(path: Path) -> EditorialPage:
    if not PAGE_NAME.fullmatch(path.stem) or path.stem in RESERVED_PAGE_NAMES:
        raise ContentError(
            "an editorial page needs a plain lower-case file name (a-z, 0-9, '-', '_') "
            "other than " + ", ".join(sorted(RESERVED_PAGE_NAMES)),
            str(path),
        )
    text = path.read_text(encoding="utf-8")
    front, body = split_front_matter(text, str(path))
    try:
        data = yaml.safe_load(front) or {}
    except yaml.YAMLError as exc:
        raise ContentError(f"bad front matter: {exc}", str(path), 1) from None
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        raise ContentError("front matter needs a 'title'", str(path), 1)
    order = data.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        raise ContentError(f"'order' must be a whole number, not {order!r}", str(path), 1)
    title = data["title"]
    nav_title = data.get("nav_title") or title
    return EditorialPage(path.stem, title, str(nav_title), order, body, str(path))


def load_pages(content_dir: Path, problem: Problem) -> tuple[EditorialPage, ...]:
    folder = Path(content_dir) / "pages"
    pages = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            pages.append(load_page(path))
        except CablesiteError as exc:
            problem(exc)
        except (OSError, UnicodeError) as exc:
            problem(ContentError(f"cannot read: {exc}", str(path)))
    return tuple(sorted(pages, key=lambda p: (p.order, p.name)))


def load_archive(
    content_dir: Path, problem: Problem, known: Known | None = None, workers: int = 1
) -> Archive:
    """Read content/ once and build every index; problems go to ``problem``."""
    entries = load_entries(content_dir, problem, known, workers)
    order = newest_first(entries.values())
    return Archive(
        entries=entries,
        indexes=build_indexes(entries, order),
        cited_by=build_cited_by(entries, order),
        glossary=load_glossary(content_dir, problem),
        pages=load_pages(content_dir, problem),
    )
