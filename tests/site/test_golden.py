"""Golden HTML of a few real cable pages (one per quirk), from the 796-cable build.

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


@pytest.mark.parametrize("name", sorted(CASES))
def test_cable_page_matches_golden(built_site, name):
    html = without_search_meta(built_site.read(CASES[name]))
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("CABLESITE_REGEN_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}; regenerate with CABLESITE_REGEN_GOLDEN=1"
    assert html == golden.read_text(encoding="utf-8")
