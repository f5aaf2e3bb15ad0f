"""Bundle planning: sizes, splits of big years, merging of small ones, globs."""

from __future__ import annotations

import glob as globlib
import re
from pathlib import Path

import pytest

from generator.search.bundles import PAGES_BUNDLE, SearchPage, plan_bundles


def cables(counts: dict[str, int]) -> list[SearchPage]:
    """``counts``: creation month ("2007-04" or "undated") -> number of cable pages."""
    pages = []
    for month, count in counts.items():
        folder = "cable/undated" if month == "undated" else f"cable/{month[:4]}/{month[5:]}"
        created = None if month == "undated" else f"{month}-01T10:00"
        pages += [SearchPage(f"{folder}/C{month}x{n}.html", created) for n in range(count)]
    return pages


def year(y: int, per_month: int) -> dict[str, int]:
    return {f"{y}-{m:02d}": per_month for m in range(1, 13)}


def test_every_page_lands_in_exactly_one_bundle_within_the_size():
    pages = cables({**year(2006, 3), **year(2007, 9), **year(2008, 40), "undated": 5})
    pages.append(SearchPage("about.html", None, kind="page"))
    bundles = plan_bundles(pages, 100)
    planned = [p for b in bundles for p in b.pages]
    assert sorted(planned, key=lambda p: p.path) == sorted(pages, key=lambda p: p.path)
    assert all(len(b.pages) <= 100 for b in bundles)


def test_small_years_share_a_bundle_and_a_big_year_splits_evenly():
    pages = cables({**year(2005, 1), **year(2006, 2), **year(2008, 10)})
    names = [b.name for b in plan_bundles(pages, 70)]
    # 2005+2006 = 36 pages together; 2008 = 120 pages -> halves of 60.
    assert names == ["2005-01_2006-12", "2008-01_2008-06", "2008-07_2008-12"]


def test_a_year_splits_into_quarters_or_months_when_halves_are_too_big():
    assert [b.name for b in plan_bundles(cables(year(2009, 10)), 30)] == [
        "2009-01_2009-03",
        "2009-04_2009-06",
        "2009-07_2009-09",
        "2009-10_2009-12",
    ]
    # Quarters (30) are too big: split into months, then neighbours joined up to the size.
    pairs = plan_bundles(cables(year(2009, 10)), 25)
    assert [len(b.months) for b in pairs] == [2] * 6
    assert all(len(b.pages) == 20 for b in pairs)


def test_a_month_bigger_than_the_size_stays_whole():
    bundles = plan_bundles(cables({"2009-01": 50, "2009-02": 5}), 20)
    assert [(b.name, len(b.pages)) for b in bundles] == [("2009-01", 50), ("2009-02", 5)]


def test_undated_cables_and_editorial_pages_have_bundles_of_their_own():
    pages = cables({"undated": 2, "2004-01": 3}) + [SearchPage("faq.html", None, kind="page")]
    bundles = plan_bundles(pages, 1000)
    assert [(b.name, b.months) for b in bundles] == [
        ("undated", ("undated",)),
        ("2004-01", ("2004-01",)),
        (PAGES_BUNDLE, ()),
    ]


def test_bundles_cover_consecutive_periods_in_order():
    pages = cables({**year(2004, 2), **year(2007, 30), **year(2008, 5), **year(2009, 30)})
    bundles = plan_bundles(pages, 200)
    months = [m for b in bundles for m in b.months]
    assert months == sorted(months)


def test_globs_match_exactly_the_pages_of_a_bundle(tmp_path: Path):
    pages = cables({"2007-01": 2, "2007-02": 3, "2008-05": 4}) + [
        SearchPage("about.html", None, kind="page"),
    ]
    for page in pages:
        (tmp_path / page.path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page.path).write_text("x")
    (tmp_path / "index.html").write_text("not a search page")
    for bundle in plan_bundles(pages, 5):
        found = set()
        for pattern in bundle.globs:
            found.update(
                Path(p).relative_to(tmp_path).as_posix()
                for p in globlib.glob(str(tmp_path / pattern))
            )
        assert found == {p.path for p in bundle.pages}, bundle.name
        assert sorted(expand_braces(bundle.glob)) == sorted(bundle.globs), bundle.glob


def expand_braces(pattern: str) -> list[str]:
    """``a/{b,c}/*.html`` -> ``a/b/*.html``, ``a/c/*.html`` (one brace group at most)."""
    match = re.fullmatch(r"([^{}]*)\{([^{}]+)\}([^{}]*)", pattern)
    if not match:
        return [pattern]
    head, choices, tail = match.groups()
    return [head + choice + tail for choice in choices.split(",")]


def test_a_glob_starts_with_the_folder_its_pages_share():
    """Pagefind walks only the folder before the first brace: a bundle within one year
    must not make it walk every cable folder of the site."""
    year_part = plan_bundles(cables({"2007-01": 2, "2007-02": 3, "2008-05": 40}), 10)[0]
    assert year_part.glob == "cable/2007/{01,02}/*.html"
    one_month = plan_bundles(cables({"2008-05": 4}), 10)[0]
    assert one_month.glob == "cable/2008/05/*.html"
    years = plan_bundles(cables({"2006-03": 2, "2007-02": 3}), 10)[0]
    assert years.glob == "cable/{2006/03,2007/02}/*.html"


def test_the_size_must_be_positive():
    with pytest.raises(ValueError):
        plan_bundles([], 0)
