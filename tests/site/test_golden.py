"""Golden HTML of a few real cable pages (one per quirk), from the 796-cable build.

Regenerate on purpose after a deliberate theme change:
    CABLESITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/site/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = {
    "multi_section_with_refs": "cable/2006/03/06PARIS2069.html",  # page markers, REF
    "old_cable_short_header": "cable/1975/03/75TEHRAN2069.html",  # 1970s, plain "1."
    "partial_without_subject": "cable/2002/11/02BRASILIA4227.html",  # empty subject in the record
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cable_page_matches_golden(built_site, name):
    html = built_site.read(CASES[name])
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("CABLESITE_REGEN_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}; regenerate with CABLESITE_REGEN_GOLDEN=1"
    assert html == golden.read_text(encoding="utf-8")
