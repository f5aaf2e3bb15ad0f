"""Golden HTML of cable pages: a few real pages (one per quirk) from the 796-cable
build, and every seed cable imported with `cablesite import` and built.

Regenerate on purpose after a deliberate theme change:
    CABLESITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/site/test_golden.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = {
    "multi_section_with_refs": "cable/2006/03/06PARIS2069.html",  # page markers, REF
    "old_cable_short_header": "cable/1975/03/75TEHRAN2069.html",  # 1970s, plain "1."
    "partial_without_subject": "cable/2002/11/02BRASILIA4227.html",  # empty subject in the record
}


# The search stage owns partials/search_meta.html; its output is left out of the
# comparison so that its changes do not break these pins of the cable page itself.
SEARCH_META = re.compile(
    r"(<article class=\"cable\" data-pagefind-body>\n).*?(<p class=\"banner)", re.S
)


def without_search_meta(html: str) -> str:
    return SEARCH_META.sub(r"\1[search meta]\n\2", html, count=1)


@pytest.fixture(scope="session")
def golden_site(tmp_path_factory):
    """Only the golden cases, with a fixed glossary and no editorial pages, so that
    changes to the project's content/ do not move these pins."""
    import sitecorpus
    from sitecorpus import build_site

    sitecorpus.require_corpus()
    root = tmp_path_factory.mktemp("golden")
    wanted = set(CASES.values())
    for record in sitecorpus.truth_records():
        if record["path"] in wanted:
            sitecorpus.write_cable(root / "content", sitecorpus.cable_from_truth(record))
    (root / "content/tags.yaml").write_text('PREL: "External political relations"\n')
    build_site(root / "content", root / "site", root / ".cache")
    return root / "site"


@pytest.mark.parametrize("name", sorted(CASES))
def test_cable_page_matches_golden(golden_site, name):
    html = without_search_meta((golden_site / CASES[name]).read_text(encoding="utf-8"))
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("CABLESITE_REGEN_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}; regenerate with CABLESITE_REGEN_GOLDEN=1"
    assert html == golden.read_text(encoding="utf-8")


SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory):
    """The seeds imported with `cablesite import`, then built."""
    from sitecorpus import build_site

    from generator.cli import main

    if not SEEDS.is_dir():
        pytest.skip(f"needs the seeds at {SEEDS}")
    root = tmp_path_factory.mktemp("seeds")
    assert main(["import", "-q", "--content", str(root / "content"), str(SEEDS)]) == 0
    build_site(root / "content", root / "site", root / ".cache")
    return root / "site"


def test_seed_cable_pages_match_golden(seed_site):
    pages = sorted(seed_site.glob("cable/*/*/*.html"))
    assert len(pages) == 5
    folder = GOLDEN / "seeds"
    for page in pages:
        html = without_search_meta(page.read_text(encoding="utf-8"))
        golden = folder / page.name
        if os.environ.get("CABLESITE_REGEN_GOLDEN"):
            folder.mkdir(parents=True, exist_ok=True)
            golden.write_text(html, encoding="utf-8")
        assert golden.is_file(), f"missing {golden}; regenerate with CABLESITE_REGEN_GOLDEN=1"
        assert html == golden.read_text(encoding="utf-8"), page.name
