"""The hostile site, built once per test session."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from domcheck import PageDom, parse_page  # noqa: E402
from hostile_build import build_site, outside, snapshot, write_hostile_content  # noqa: E402

from generator.cable import Cable  # noqa: E402
from generator.site.build import BuildReport  # noqa: E402


@dataclass
class HostileSite:
    root: Path
    out: Path
    cables: list[Cable]
    report: BuildReport
    escaped: list[str]  # files written outside content/, site/ and .cache/
    doms: dict[str, PageDom] = field(default_factory=dict)

    def read(self, path: str) -> str:
        return (self.out / path).read_text(encoding="utf-8")

    def dom(self, path: str) -> PageDom:
        """The parsed page (parsed once per session)."""
        if path not in self.doms:
            self.doms[path] = parse_page(self.read(path))
        return self.doms[path]


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> HostileSite:
    # The temp folder's parent is watched too: the build's staging folder lives beside site/.
    parent = tmp_path_factory.mktemp("hostile-parent")
    root = parent / "project"
    root.mkdir()
    cables = write_hostile_content(root / "content", parent / "sources")
    before = snapshot(parent)
    report = build_site(root)
    escaped = outside(parent, before, ("project/site", "project/.cache"))
    return HostileSite(root, root / "site", cables, report, escaped)
