"""Machine-readable files: sitemap.xml (an index above 50,000 URLs), the Atom feed, robots.txt.

These need absolute URLs, so they are only written when base_url is set.
Dates come from the records, never from the clock, so output is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from xml.sax import saxutils

from generator.archive.model import Archive
from generator.site import urls
from generator.site.config import SiteConfig

SITEMAP_LIMIT = 50_000  # URLs per sitemap file (the sitemaps.org limit)
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"

# Characters XML 1.0 forbids even when escaped; one in a subject would make the whole
# feed unreadable, so they are dropped (the cable page still shows the text as it is).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text for XML character data or a quoted attribute value."""
    return saxutils.escape(_NOT_XML.sub("", text), {'"': "&quot;"})


def _urlset(base_url: str, paths: Iterable[str]) -> bytes:
    lines = [XML_HEAD, f'<urlset xmlns="{SITEMAP_NS}">\n']
    lines += [f"<url><loc>{escape(urls.absolute(base_url, p))}</loc></url>\n" for p in paths]
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")


def sitemap_outputs(base_url: str, pages: list[str]) -> Iterator[tuple[str, bytes]]:
    """sitemap.xml, or sitemap.xml as an index of sitemaps/N.xml when there are many pages."""
    pages = sorted(pages)
    if len(pages) <= SITEMAP_LIMIT:
        yield urls.sitemap(), _urlset(base_url, pages)
        return
    parts = [pages[i : i + SITEMAP_LIMIT] for i in range(0, len(pages), SITEMAP_LIMIT)]
    index = [XML_HEAD, f'<sitemapindex xmlns="{SITEMAP_NS}">\n']
    for number, part in enumerate(parts, start=1):
        yield urls.sitemap_part(number), _urlset(base_url, part)
        loc = escape(urls.absolute(base_url, urls.sitemap_part(number)))
        index.append(f"<sitemap><loc>{loc}</loc></sitemap>\n")
    index.append("</sitemapindex>\n")
    yield urls.sitemap(), "".join(index).encode("utf-8")


def sitemap_paths(pages: int) -> list[str]:
    """The files `sitemap_outputs` writes for that many pages."""
    if pages <= SITEMAP_LIMIT:
        return [urls.sitemap()]
    parts = -(-pages // SITEMAP_LIMIT)
    return [*(urls.sitemap_part(n) for n in range(1, parts + 1)), urls.sitemap()]


def _atom_date(value: str | None) -> str:
    return (value or "1970-01-01T00:00") + ":00Z"


def feed_output(archive: Archive, config: SiteConfig) -> tuple[str, bytes]:
    """An Atom feed of the latest releases."""
    base = config.base_url
    latest = [archive.entries[i] for i in archive.latest_releases(config.latest_count)]
    updated = _atom_date(latest[0].released if latest else None)
    lines = [
        XML_HEAD,
        '<feed xmlns="http://www.w3.org/2005/Atom">\n',
        f"<title>{escape(config.title)}: latest releases</title>\n",
        f"<subtitle>{escape(config.description)}</subtitle>\n",
        f'<link rel="self" href="{escape(urls.absolute(base, urls.feed()))}"/>\n',
        f'<link rel="alternate" href="{escape(urls.absolute(base, urls.home()))}"/>\n',
        f"<id>{escape(urls.absolute(base, urls.feed()))}</id>\n",
        f"<updated>{updated}</updated>\n",
        f"<author><name>{escape(config.title)}</name></author>\n",
    ]
    for entry in latest:
        link = escape(urls.absolute(base, urls.cable(entry.id, entry.created)))
        title = escape(f"{entry.id}: {entry.subject or '(no subject)'}")
        created = entry.created or "at an unknown date"
        summary = escape(
            f"{entry.classification or 'Unknown classification'} cable from "
            f"{entry.origin or 'an unknown origin'}, created {created}."
        )
        lines += [
            "<entry>\n",
            f"<title>{title}</title>\n",
            f'<link href="{link}"/>\n',
            f"<id>{link}</id>\n",
            f"<updated>{_atom_date(entry.released)}</updated>\n",
            f"<summary>{summary}</summary>\n",
            "</entry>\n",
        ]
    lines.append("</feed>\n")
    return urls.feed(), "".join(lines).encode("utf-8")


def robots_output(config: SiteConfig) -> tuple[str, bytes]:
    lines = ["User-agent: *", "Allow: /"]
    if config.base_url:
        lines.append(f"Sitemap: {urls.absolute(config.base_url, urls.sitemap())}")
    return urls.robots(), ("\n".join(lines) + "\n").encode("utf-8")
