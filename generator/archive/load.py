"""Load content/ into an `Archive`: cable metadata, the tag glossary, editorial pages.

Cable texts are read, hashed and dropped: the archive keeps metadata only, so
memory stays flat at 251,287 cables; a cable's text is read again when its page
is rendered. Bad files are reported one by one and left out; loading goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from generator.archive.indexes import build_cited_by, build_indexes, newest_first
from generator.archive.model import Archive, CableEntry, EditorialPage
from generator.cable import Cable
from generator.content.cablefile import parse_cable_file, split_front_matter
from generator.errors import CablesiteError, ContentError

Problem = Callable[[CablesiteError], None]

try:  # helper B's content store; the fallback below reads the same layout
    from generator.content.store import iter_cable_files, variants_of  # type: ignore
except ImportError:  # pragma: no cover - until the store lands

    def iter_cable_files(content_dir: Path) -> Iterator[Path]:
        root = Path(content_dir) / "cables"
        return iter(sorted(p for p in root.rglob("*.md") if ".variant-" not in p.name))

    def variants_of(path: Path) -> list[Path]:
        stem = Path(path).name[: -len(".md")]
        return sorted(Path(path).parent.glob(f"{stem}.variant-*.md"))


def read_cable(path: Path | str) -> Cable:
    """The Cable in a content file (bytes exact); ContentError when malformed."""
    with open(path, encoding="utf-8", newline="") as handle:
        return parse_cable_file(handle.read(), str(path))


def load_entry(path: Path) -> CableEntry:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(f"not UTF-8 text ({exc.reason})", str(path)) from None
    cable = parse_cable_file(text, str(path))
    return CableEntry(
        id=cable.id,
        created=cable.created,
        released=cable.released,
        classification=cable.classification,
        origin=cable.origin,
        subject=cable.subject,
        tags=cable.tags,
        references=cable.references,
        sha256=hashlib.sha256(data).hexdigest(),
        file=str(path),
        variants=tuple(str(v) for v in variants_of(path)),
    )


def load_entries(content_dir: Path, problem: Problem) -> dict[str, CableEntry]:
    entries: dict[str, CableEntry] = {}
    for path in iter_cable_files(content_dir):
        try:
            entry = load_entry(path)
        except CablesiteError as exc:
            problem(exc)
            continue
        except OSError as exc:
            problem(ContentError(f"cannot read: {exc.strerror}", str(path)))
            continue
        if entry.id in entries:
            first = entries[entry.id].file
            problem(ContentError(f"duplicate id {entry.id} (also in {first})", str(path)))
            continue
        entries[entry.id] = entry
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


def load_page(path: Path) -> EditorialPage:
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


def load_archive(content_dir: Path, problem: Problem) -> Archive:
    """Read content/ once and build every index; problems go to ``problem``."""
    entries = load_entries(content_dir, problem)
    order = newest_first(entries.values())
    return Archive(
        entries=entries,
        order=tuple(order),
        indexes=build_indexes(entries, order),
        cited_by=build_cited_by(entries, order),
        glossary=load_glossary(content_dir, problem),
        pages=load_pages(content_dir, problem),
    )
