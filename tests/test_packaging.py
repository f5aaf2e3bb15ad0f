"""A regular (non-editable) install ships every file of the default theme."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_install_copies_every_theme_file() -> None:
    with open(ROOT / "pyproject.toml", "rb") as file:
        data_files = tomllib.load(file)["tool"]["setuptools"]["data-files"]
    shipped = {path for patterns in data_files.values() for p in patterns for path in ROOT.glob(p)}
    theme = {path for path in (ROOT / "themes" / "default").rglob("*") if path.is_file()}
    assert theme, "themes/default has files"
    assert sorted(map(str, theme - shipped)) == []
    for target, patterns in data_files.items():
        for pattern in patterns:
            folder = str(Path(pattern).parent)
            assert target == "share/cablesite/" + folder, (target, pattern)
