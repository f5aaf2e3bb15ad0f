"""The page plan: one small, picklable job per page the site will have.

Jobs say what to render, not how; the renderer turns each into output files.
Each job carries a cache key (a hash of everything its output depends on), so
an unchanged page is recognised without rendering it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from generator.archive.model import UNDATED, Archive
from generator.site import urls
from generator.site.config import SiteConfig
from generator.site.export import month_key


@dataclass(frozen=True, slots=True)
class PageJob:
    """One page: ``kind`` picks the renderer; ``key`` is a cable id, category or name."""

    kind: str
    path: str
    key: str = ""
    section: str = ""
    page: int = 1
    pages: int = 1
    cache_key: str = ""


SHA256 = attrgetter("sha256")


def _hash(*parts: object) -> str:
    """A page's cache key: the hash of the repr of its inputs (plain tuples, strings,
    numbers and None, whose repr is exact), 128 bits."""
    data = repr(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def page_count(items: int, page_size: int) -> int:
    return max(1, -(-items // page_size))


def cable_job(archive: Archive, cable_id: str, site_key: str) -> PageJob:
    """A cable's page; its key covers the cable and every cable its page lists (the
    rows of cited and citing cables show their metadata, so their hashes count)."""
    entries = archive.entries
    entry = entries[cable_id]
    refs = tuple((r, entries[r].sha256) if r in entries else (r,) for r in entry.references)
    citing = tuple((c, entries[c].sha256) for c in archive.cited_by.get(cable_id, ()))
    meanings = tuple(archive.glossary.get(t) for t in entry.tags)
    key = _hash(site_key, entry.sha256, entry.file, entry.variants, refs, citing, meanings)
    return PageJob("cable", urls.cable(cable_id, entry.created), cable_id, cache_key=key)


def cable_jobs(archive: Archive, site_key: str) -> list[PageJob]:
    return [cable_job(archive, cable_id, site_key) for cable_id in sorted(archive.entries)]


def category_jobs(
    archive: Archive,
    config: SiteConfig,
    section: str,
    key: str,
    site_key: str,
    only: Iterable[int] | None = None,
) -> list[PageJob]:
    """The pages of one browse category (none when it is empty), or just pages ``only``."""
    ids = archive.indexes[section].get(key, ())
    if not ids:
        return []
    size = config.page_size
    pages = page_count(len(ids), size)
    meaning = archive.glossary.get(key) if section == "tag" else None
    entries = archive.entries
    jobs = []
    for page in range(1, pages + 1) if only is None else sorted(only):
        # The rows' hashes joined (each 64 hex digits, so the join is unambiguous): a
        # repr of their tuple cost as much again.
        rows = "".join(map(SHA256, map(entries.__getitem__, ids[(page - 1) * size : page * size])))
        cache_key = _hash(site_key, section, key, page, pages, len(ids), meaning, rows)
        path = urls.browse(section, key, page)
        jobs.append(PageJob("browse", path, key, section, page, pages, cache_key))
    return jobs


def browse_jobs(archive: Archive, config: SiteConfig, site_key: str) -> list[PageJob]:
    return [
        job
        for section, categories in archive.indexes.items()
        for key in categories
        for job in category_jobs(archive, config, section, key, site_key)
    ]


def index_jobs(archive: Archive, site_key: str, latest_count: int) -> list[PageJob]:
    """Section overviews, year pages and the site-wide pages."""
    counts = {s: tuple((k, len(v)) for k, v in c.items()) for s, c in archive.indexes.items()}
    jobs = [
        PageJob(
            "section", urls.section_index(s), section=s, cache_key=_hash(site_key, s, counts[s])
        )
        for s in urls.SECTIONS
    ]
    years = sorted({k[:4] for k in archive.indexes["date"] if k != UNDATED})
    for year in years:
        key = _hash(site_key, year, counts["date"])
        jobs.append(PageJob("year", urls.year(year), year, "date", cache_key=key))
    latest = [archive.entries[i] for i in archive.latest_releases(latest_count)]
    whole = _hash(site_key, counts, latest, sorted(archive.glossary.items()))
    for kind, path in (
        ("home", urls.home()),
        ("glossary", urls.glossary()),
        ("data", urls.about_data()),
        ("notfound", urls.not_found()),
        ("search", urls.search()),
    ):
        jobs.append(PageJob(kind, path, cache_key=whole))
    for page in archive.pages:
        key = _hash(site_key, page)
        jobs.append(PageJob("editorial", urls.editorial(page.name), page.name, cache_key=key))
    return jobs


def export_job(archive: Archive, month: str) -> PageJob:
    """One creation month's records as JSON Lines and CSV (see site/export.py)."""
    path = urls.export_month(month, "jsonl")
    return PageJob("export", path, month, cache_key=month_key(archive, month))


def export_jobs(archive: Archive) -> list[PageJob]:
    return [export_job(archive, month) for month in archive.indexes["date"]]


def site_key(config: SiteConfig, theme_key: str, archive: Archive) -> str:
    """What every page depends on: config, theme, generator and the navigation."""
    nav = tuple((p.name, p.nav_title, p.order) for p in archive.pages)
    return _hash(config.fingerprint(), theme_key, nav)


def plan_pages(archive: Archive, config: SiteConfig, theme_key: str) -> list[PageJob]:
    """Every HTML page of the site, cable pages first (they are most of the work)."""
    key = site_key(config, theme_key, archive)
    return [
        *cable_jobs(archive, key),
        *browse_jobs(archive, config, key),
        *index_jobs(archive, key, config.latest_count),
        *(export_jobs(archive) if config.export else []),
    ]
