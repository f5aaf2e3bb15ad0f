"""Build helpers for the security tests: write hostile content, build it, watch the disk."""

from __future__ import annotations

from pathlib import Path

import hostile

from generator.cable import Cable
from generator.content.cablefile import format_cable_file
from generator.content.layout import cable_path
from generator.report import Reporter
from generator.site.build import BuildReport, build
from generator.site.config import load_config

BASE_URL = hostile.BASE_URL


def write_content(content: Path, cables: list[Cable], file_ids: list[str] | None = None) -> None:
    """content/cables/2010/01/ID.md per cable; ``file_ids`` names the files when the
    front-matter id itself is hostile (the build finds files by name)."""
    names = file_ids or [c.id for c in cables]
    folder = content / "cables" / "2010" / "01"
    folder.mkdir(parents=True, exist_ok=True)
    for name, cable in zip(names, cables, strict=True):
        with open(folder / f"{name}.md", "w", encoding="utf-8", newline="") as handle:
            handle.write(format_cable_file(cable))


def build_site(root: Path, **options: object) -> BuildReport:
    """Build root/content into root/site (cache in root/.cache), quietly, without search."""
    overrides = {
        "content_dir": root / "content",
        "out_dir": root / "site",
        "cache_dir": root / ".cache",
        "base_url": BASE_URL,
        "search": False,
        **options,
    }
    return build(load_config(None, overrides), Reporter(quiet=True))


def snapshot(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def outside(root: Path, before: set[str], allowed: tuple[str, ...]) -> list[str]:
    """Paths that appeared under ``root`` since ``before`` and are not in ``allowed`` folders."""
    return sorted(
        p
        for p in snapshot(root) - before
        if not any(p == a or p.startswith(a + "/") for a in allowed)
    )


def write_dated(content: Path, cable: Cable) -> None:
    """The cable at its real place, content/cables/YYYY/MM/ID.md."""
    path = cable_path(content, cable.id, cable.created)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(format_cable_file(cable))
