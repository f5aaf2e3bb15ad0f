"""Build helpers for the security tests: write hostile content, build it, watch the disk."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import hostile

from generator.cable import Cable, Source
from generator.cli import main
from generator.content.cablefile import body_sha256, format_cable_file
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


def write_variant(content: Path, cable: Cable) -> Cable:
    """Another, hostile text of ``cable`` beside it (ID.variant-<sha12>.md); returns it."""
    body = "\n".join(f"{n}. {p}" for n, p in enumerate(hostile.ALL_PAYLOADS, start=1))
    sources = tuple(Source(p, p, "1" * 64) for p in hostile.MARKUP[:5])
    variant = dataclasses.replace(cable, body=body, sources=sources)
    path = cable_path(content, cable.id, cable.created)
    name = f"{cable.id}.variant-{body_sha256(body)[:12]}.md"
    with open(path.with_name(name), "w", encoding="utf-8", newline="") as handle:
        handle.write(format_cable_file(variant))
    return variant


def write_hostile_content(content: Path, sources: Path) -> list[Cable]:
    """The whole hostile corpus, a hostile variant of its first cable, a hostile glossary,
    and the hostile cables.csv and text files imported with `cablesite import` (their
    bad rows and files are reported and skipped). Returns the corpus' own cables."""
    cables = hostile.hostile_cables()
    for cable in cables:
        write_dated(content, cable)
    write_variant(content, cables[0])
    (content / "tags.yaml").write_text(hostile.glossary_yaml(), encoding="utf-8")
    sources.mkdir(parents=True, exist_ok=True)
    (sources / "cables.csv").write_bytes(hostile.hostile_csv()[0])
    for name, data in hostile.hostile_sources().items():
        (sources / name).write_bytes(data)
    main(["import", str(sources), "--content", str(content), "--no-sync", "-q"])
    return cables
