"""content/ ships the five seeds exactly as `cablesite import` writes them (no hand edits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.md"))}


def test_the_sample_archive_is_the_import_of_the_seeds(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent (a clone without the shared data)")
    assert main(["import", "--quiet", "--content", str(tmp_path), str(SEEDS)]) == 0
    shipped = files_under(ROOT / "content" / "cables")
    assert len(shipped) == 5
    assert files_under(tmp_path / "cables") == shipped
