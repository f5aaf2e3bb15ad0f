"""Bundle planning: which pages go into which Pagefind index.

Pagefind writes one fragment file per page into one folder and holds a whole
index in memory while it builds it, so a large archive is indexed as several
bundles that the search page merges in the browser. Cable pages are grouped by
their folder (one creation month, the smallest unit a bundle holds); whole
years are kept together when they fit, a year too big is split into halves,
quarters or months, and consecutive small years share a bundle. Editorial pages
get a bundle of their own. Each bundle then covers one contiguous creation
period, which the search page relies on to sort results by date.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

UNDATED_UNIT = "undated"
PAGES_BUNDLE = "pages"
# Splits tried, in order, for a year that does not fit one bundle: months per part.
YEAR_SPLITS = (6, 3, 1)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One HTML page to index.

    ``path`` is relative to the site folder (POSIX). ``created`` ("YYYY-MM-DDTHH:MM")
    marks a cable page, None with ``kind`` "page" an editorial page.
    ``fingerprint`` is anything that changes whenever the page's bytes change (the
    build's cache key); empty means the indexer hashes the file itself.
    """

    path: str
    created: str | None = None
    kind: str = "cable"
    fingerprint: str = ""


@dataclass(frozen=True, slots=True)
class Bundle:
    """One Pagefind index, written to ``pagefind/<name>/``.

    ``months`` are the creation months ("2007-04", or "undated") of its cables, in
    order; empty for the editorial bundle.
    """

    name: str
    months: tuple[str, ...]
    pages: tuple[SearchPage, ...]

    @property
    def globs(self) -> tuple[str, ...]:
        """Patterns, relative to the site folder, matching exactly this bundle's pages."""
        if not self.months:
            return tuple(sorted(p.path for p in self.pages))
        return tuple(f"{folder}/*.html" for folder in self.folders)

    @property
    def folders(self) -> tuple[str, ...]:
        return tuple(sorted({posixpath.dirname(p.path) for p in self.pages}))

    @property
    def glob(self) -> str:
        """One Pagefind glob for `globs`, with their common folder written out first:
        Pagefind walks only the folder before the first wildcard or brace, so
        ``cable/2009/{01,02}/*.html`` reads one year's folder, not the whole site."""
        if not self.months:
            return "{" + ",".join(self.globs) + "}"
        folders = self.folders
        if len(folders) == 1:
            return f"{folders[0]}/*.html"
        prefix = posixpath.commonpath(folders)
        rests = [posixpath.relpath(f, prefix) if prefix else f for f in folders]
        lead = f"{prefix}/" if prefix else ""
        return lead + "{" + ",".join(rests) + "}/*.html"


def month_key(page: SearchPage) -> str:
    return page.created[:7] if page.created else UNDATED_UNIT


def _units_of_year(months: dict[str, list[SearchPage]], limit: int) -> list[list[str]]:
    """The months of one year grouped into the fewest even parts that each fit ``limit``."""
    ordered = sorted(months)
    if sum(len(months[m]) for m in ordered) <= limit:
        return [ordered]
    for span in YEAR_SPLITS:
        parts: dict[int, list[str]] = {}
        for month in ordered:
            parts.setdefault((int(month[5:7]) - 1) // span, []).append(month)
        groups = [parts[k] for k in sorted(parts)]
        if all(sum(len(months[m]) for m in g) <= limit for g in groups):
            return groups
    return [[m] for m in ordered]  # a single month bigger than the limit stays whole


def _merge_small(units: list[list[str]], sizes: dict[str, int], limit: int) -> list[list[str]]:
    """Join consecutive units while the joined bundle still fits ``limit``."""
    merged: list[list[str]] = []
    total = 0
    for unit in units:
        size = sum(sizes[m] for m in unit)
        if merged and total + size <= limit:
            merged[-1].extend(unit)
            total += size
        else:
            merged.append(list(unit))
            total = size
    return merged


def bundle_name(months: Sequence[str]) -> str:
    first, last = months[0], months[-1]
    return first if first == last else f"{first}_{last}"


def plan_bundles(pages: Iterable[SearchPage], bundle_size: int) -> list[Bundle]:
    """Bundles in creation order (undated cables first, editorial pages last)."""
    if bundle_size < 1:
        raise ValueError("bundle_size must be at least 1")
    by_month: dict[str, list[SearchPage]] = {}
    editorial: list[SearchPage] = []
    for page in pages:
        if page.kind == "cable":
            by_month.setdefault(month_key(page), []).append(page)
        else:
            editorial.append(page)
    years: dict[str, dict[str, list[SearchPage]]] = {}
    for month, month_pages in by_month.items():
        if month != UNDATED_UNIT:
            years.setdefault(month[:4], {})[month] = month_pages
    units: list[list[str]] = []
    for year in sorted(years):
        units.extend(_units_of_year(years[year], bundle_size))
    sizes = {month: len(p) for month, p in by_month.items()}
    groups = _merge_small(units, sizes, bundle_size)
    if UNDATED_UNIT in by_month:  # alone, so date-sorted results can list it last
        groups.insert(0, [UNDATED_UNIT])
    bundles = [
        Bundle(
            bundle_name(group),
            tuple(group),
            tuple(sorted((p for m in group for p in by_month[m]), key=lambda p: p.path)),
        )
        for group in groups
    ]
    if editorial:
        bundles.append(Bundle(PAGES_BUNDLE, (), tuple(sorted(editorial, key=lambda p: p.path))))
    return bundles
