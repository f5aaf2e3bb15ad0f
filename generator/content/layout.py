"""Where cable files live under content/, and how to list them.

    content/cables/YYYY/MM/ID.md                       the cable (YYYY/MM of creation)
    content/cables/undated/ID.md                       a cable without a creation date
    content/cables/YYYY/MM/ID.variant-<sha12>.md       another text of the same id
    content/cables/YYYY/MM/.ID.md.<n>.cablesite-tmp    a write in progress (never read)

Every path is built from a validated id (see ``schema.is_cable_id``), so no
value from a cable can point outside ``content/``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from generator.content.schema import CABLE_ID_EXAMPLE, TIMESTAMP_PATTERN, is_cable_id
from generator.errors import ContentError

CABLES_DIR = "cables"
UNDATED_DIR = "undated"
SUFFIX = ".md"
VARIANT_MARK = ".variant-"
VARIANT_HEX = 12
TEMP_SUFFIX = ".cablesite-tmp"

_VARIANT_NAME = re.compile(r"(.+)\.variant-([0-9a-f]{12})\.md")


def checked_id(cable_id: object, path: str | None = None) -> str:
    """The id itself if it is canonical and path-safe; ContentError otherwise."""
    if not is_cable_id(cable_id):
        raise ContentError(
            f"invalid cable id {cable_id!r} (expected the canonical form, e.g. {CABLE_ID_EXAMPLE})",
            path,
        )
    return cable_id  # type: ignore[return-value]


def cable_folder(created: str | None) -> str:
    """``YYYY/MM`` of a creation timestamp, ``undated`` when it has none."""
    if created is None or TIMESTAMP_PATTERN.fullmatch(created) is None:
        return UNDATED_DIR
    return f"{created[:4]}/{created[5:7]}"


def cable_file_name(cable_id: str) -> str:
    return checked_id(cable_id) + SUFFIX


def variant_file_name(cable_id: str, sha256: str) -> str:
    return f"{checked_id(cable_id)}{VARIANT_MARK}{sha256[:VARIANT_HEX]}{SUFFIX}"


def cable_path(content_dir: Path, cable_id: str, created: str | None) -> Path:
    """``content/cables/YYYY/MM/ID.md`` of a cable."""
    folder = cable_folder(created)
    return Path(content_dir, CABLES_DIR, *folder.split("/"), cable_file_name(cable_id))


def id_of_cable_name(name: str) -> str | None:
    """The id of a main cable file name (``ID.md``), None for anything else."""
    if not name.endswith(SUFFIX) or VARIANT_MARK in name:
        return None
    stem = name[: -len(SUFFIX)]
    return stem if is_cable_id(stem) else None


def split_variant_name(name: str) -> tuple[str, str] | None:
    """(id, sha prefix) of a variant file name, None for anything else."""
    match = _VARIANT_NAME.fullmatch(name)
    return (match[1], match[2]) if match else None


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def iter_cable_folders(content_dir: Path) -> Iterator[Path]:
    """Every folder under content/cables that can hold cables, sorted."""
    root = Path(content_dir, CABLES_DIR)
    if not root.is_dir():
        return
    stack = [root]
    while stack:
        folder = stack.pop()
        yield folder
        subfolders = [Path(e.path) for e in os.scandir(folder) if e.is_dir(follow_symlinks=False)]
        stack.extend(sorted(subfolders, reverse=True))


def cable_file_paths(content_dir: Path) -> list[str]:
    """Every main cable file (no variants, no temp files), in a fixed sorted order, as
    strings (the build lists 251,287: a Path each cost it seconds)."""
    paths: list[str] = []
    for folder in map(str, iter_cable_folders(content_dir)):
        names = sorted(e.name for e in os.scandir(folder) if e.is_file())
        paths += [os.path.join(folder, n) for n in names if id_of_cable_name(n) is not None]
    return paths


def iter_cable_files(content_dir: Path) -> Iterator[Path]:
    """Every main cable file (no variants, no temp files), in a fixed sorted order."""
    return map(Path, cable_file_paths(content_dir))


# folder -> (mtime_ns, {id: [variant names]}); the build asks once per cable,
# so list each folder once instead of globbing 251,287 times.
_variant_cache: dict[str, tuple[int, dict[str, list[str]]]] = {}


def _variants_in(folder: str) -> dict[str, list[str]]:
    try:
        mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return {}
    cached = _variant_cache.get(folder)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    found: dict[str, list[str]] = {}
    for name in sorted(os.listdir(folder)):
        parts = split_variant_name(name)
        if parts is not None:
            found.setdefault(parts[0], []).append(name)
    _variant_cache[folder] = (mtime, found)
    return found


def variants_of(path: Path) -> list[Path]:
    """The variant files beside a cable file (other texts of its id), sorted."""
    path = Path(path)
    if not path.name.endswith(SUFFIX):
        return []
    names = _variants_in(str(path.parent)).get(path.name[: -len(SUFFIX)], [])
    return [path.parent / name for name in names]


def forget_variants(folder: Path) -> None:
    """Drop the cached variant list of a folder (after writing a variant into it)."""
    _variant_cache.pop(str(folder), None)
