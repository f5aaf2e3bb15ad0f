"""Session fixtures: the 796-cable site, built once, and a small content_tree factory."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import sitecorpus  # noqa: E402
from sitecorpus import BASE_URL, build_site  # noqa: E402, F401 - fixtures use them

REPO = Path(__file__).resolve().parents[2]


class BuiltSite:
    def __init__(self, root: Path, content: Path, records: list[dict], report) -> None:
        self.root = root
        self.out = root / "site"
        self.content = content
        self.records = records
        self.report = report

    def read(self, path: str) -> str:
        return (self.out / path).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus_content(tmp_path_factory) -> tuple[Path, list[dict]]:
    """content/ with the 796 real cables, the glossary and the editorial pages."""
    sitecorpus.require_corpus()
    root = tmp_path_factory.mktemp("corpus")
    content = root / "content"
    records = sitecorpus.make_corpus_content(content)
    # the project's own editorial pages and glossary, plus a page that tries raw HTML
    pages = content / "pages"
    pages.mkdir()
    for page in sorted((REPO / "content" / "pages").glob("*.md")):
        shutil.copy(page, pages / page.name)
    glossary = REPO / "content" / "tags.yaml"
    if glossary.is_file():
        shutil.copy(glossary, content / "tags.yaml")
    else:
        (content / "tags.yaml").write_text('PREL: "External political relations"\n')
    (pages / "zz-escape-test.md").write_text(
        "---\ntitle: Escape test\norder: 99\nnav_title: Escapes\n---\n"
        "Cables, <b>raw html</b> stays text. See [the tags](tags.html).\n",
        encoding="utf-8",
    )
    return content, records


@pytest.fixture(scope="session")
def built_site(corpus_content, tmp_path_factory) -> BuiltSite:
    content, records = corpus_content
    root = tmp_path_factory.mktemp("built")
    report = build_site(content, root / "site", root / ".cache")
    return BuiltSite(root, content, records, report)
