"""Render page jobs with the theme into output files (path, bytes).

A `Renderer` holds the archive, the config and the compiled templates; it is
created once in the main process and inherited by the worker processes. Each
``render_KIND`` function builds the context of one kind of page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from generator.archive.model import UNDATED, UNRELEASED, Archive, CableEntry, day_of, month_of
from generator.site import urls
from generator.site.cablepage import (
    cable_outputs,
    citing_items,
    classification_level,
    meta_items,
    reference_items,
    tag_items,
    when,
)
from generator.site.cabletext import escape_text
from generator.site.config import SiteConfig
from generator.site.export import month_outputs, previous_rows
from generator.site.notfound import lookup_buckets
from generator.site.plan import PageJob

Output = tuple[str, bytes]

SECTION_TITLES = {
    "reldate": "Release date",
    "date": "Creation date",
    "origin": "Origin",
    "tag": "Tag",
    "classification": "Classification",
}


def category_label(key: str, section: str) -> str:
    """Display name of a browse category (a filter: ``key|label(section)``)."""
    if section == "date":
        return "Undated" if key == UNDATED else key.replace("-", "/")
    if section == "reldate":
        return "Release date unknown" if key == UNRELEASED else key.replace("-", "/")
    return key


def pager_numbers(page: int, pages: int) -> list[int]:
    """Page numbers to show: the ends and a window around ``page``; 0 marks a gap."""
    wanted = {1, 2, pages - 1, pages, *range(page - 3, page + 4)}
    numbers: list[int] = []
    for number in sorted(n for n in wanted if 1 <= n <= pages):
        if numbers and number > numbers[-1] + 1:
            numbers.append(0)
        numbers.append(number)
    return numbers


def table_rows(rows: Iterable[tuple[CableEntry, str]]) -> Markup:
    """The ``<tr>`` lines of a table of cables (partials/rows.html) from (entry, href) pairs.

    Built here, not by a template loop: a browse page has 100 rows, and the loop cost
    more than the rest of the page. A theme can still loop over ``rows`` itself in its
    own partials/rows.html. Every value is escaped.
    """
    lines = []
    for e, href in rows:
        level = classification_level(e.classification)
        lines.append(
            f'<tr>\n<td class="id"><a href="{escape_text(href)}">{escape_text(e.id)}</a></td>\n'
            f'<td class="subject">{escape_text(e.subject or "(no subject)")}</td>\n'
            f'<td class="date">{escape_text(when(e.created))}</td>\n'
            f'<td class="date">{escape_text(when(e.released))}</td>\n'
            f'<td><span class="cls cls-{level}">'
            f"{escape_text(e.classification or 'Unknown')}</span></td>\n"
            f"<td>{escape_text(e.origin or 'Unknown')}</td>\n</tr>\n"
        )
    return Markup("".join(lines))


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, path: str, fragment: str = "") -> str:
    return urls.link(context["page_path"], path, fragment)


class Renderer:
    def __init__(self, archive: Archive, config: SiteConfig, env: jinja2.Environment):
        self.archive = archive
        self.config = config
        self.env = env
        env.globals.update(
            url=_url,
            urls=urls,
            site=config,
            archive=archive,
            sections=urls.SECTIONS,
            section_titles=SECTION_TITLES,
            nav_pages=archive.pages,
            cable_url=lambda e: urls.cable(e.id, e.created),
            table_rows=table_rows,
            meta_items=meta_items,
            tag_items=tag_items,
            reference_items=reference_items,
            citing_items=citing_items,
        )
        env.filters.update(
            when=when,
            level=classification_level,
            label=category_label,
            thousands=lambda n: f"{n:,}",
            month=month_of,
            day=day_of,
        )
        self._nav: dict[str, dict[str, object]] = {}
        # Records of the cables whose pages this worker rendered in its current chunk
        # (one creation month), by file: the month's export job reuses them instead of
        # reading and escaping every text again.
        self.month_records: dict[str, dict[str, object]] = {}
        # Set by an incremental build: the site folder as the last build left it and the
        # ids of the cables changed since; a month's export is then rewritten from its
        # previous files, reading only the changed cables.
        self.previous_site: tuple[Path, frozenset[str]] | None = None
        self.markdown = MarkdownIt("commonmark", {"html": config.markdown_html})
        self._kinds: dict[str, Callable[[PageJob], Iterable[Output]]] = {
            "cable": lambda job: cable_outputs(self, job),
            "browse": self.render_browse,
            "section": self.render_section,
            "year": self.render_year,
            "home": self.render_home,
            "glossary": self.render_glossary,
            "data": self.render_data,
            "notfound": self.render_not_found,
            "editorial": self.render_editorial,
            "search": lambda job: [self.page("search.html", job.path)],
            "export": self.render_export,
        }

    def render(self, job: PageJob) -> list[Output]:
        return list(self._kinds[job.kind](job))

    def page(self, template: str, path: str, **context: object) -> Output:
        canonical = urls.absolute(self.config.base_url, path) if self.config.base_url else ""
        root = urls.root_prefix(path)
        html = self.env.get_template(template).render(
            page_path=path, root=root, canonical=canonical, nav=self.nav_links(root), **context
        )
        return path, html.encode("utf-8")

    def nav_links(self, root: str) -> dict[str, object]:
        """Links every page has (header, navigation, footer), made once per folder depth:
        a template call per link would cost more than the rest of a browse page. Also
        ``menu`` and ``search_form``: partials/nav.html and partials/search_form.html
        rendered with them (they may use ``nav``, ``root`` and the globals)."""
        links = self._nav.get(root)
        if links is None:
            links = {
                "home": root + urls.home(),
                "css": root + urls.static("cablesite.css"),
                "favicon": root + urls.static("favicon.svg"),
                "feed": root + urls.feed(),
                "search": root + urls.search(),
                "glossary": root + urls.glossary(),
                "about_data": root + urls.about_data(),
                "sections": {s: root + urls.section_index(s) for s in urls.SECTIONS},
                "pages": [(p.nav_title, root + urls.editorial(p.name)) for p in self.archive.pages],
            }
            # The same on every page of this depth: rendered here once, not per page.
            for name, partial in (("menu", "nav.html"), ("search_form", "search_form.html")):
                template = self.env.get_template(f"partials/{partial}")
                links[name] = Markup(template.render(nav=links, root=root))
            self._nav[root] = links
        return links

    def entries(self, ids: Iterable[str]) -> list[CableEntry]:
        return [self.archive.entries[i] for i in ids]

    def rows(self, page_path: str, ids: Iterable[str]) -> list[tuple[CableEntry, str]]:
        """Table rows: each entry with the link to its page (made here: far faster than
        a template call per row)."""
        prefix = urls.root_prefix(page_path)
        entries = self.archive.entries
        return [(e, prefix + urls.cable(e.id, e.created)) for e in map(entries.__getitem__, ids)]

    def render_browse(self, job: PageJob) -> Iterable[Output]:
        ids = self.archive.indexes[job.section][job.key]
        size = self.config.page_size
        rows = self.rows(job.path, ids[(job.page - 1) * size : job.page * size])
        pager = {
            "page": job.page,
            "pages": job.pages,
            "prev": urls.browse(job.section, job.key, job.page - 1) if job.page > 1 else None,
            "next": urls.browse(job.section, job.key, job.page + 1)
            if job.page < job.pages
            else None,
            "numbers": [
                (n, urls.browse(job.section, job.key, n) if n else None)
                for n in pager_numbers(job.page, job.pages)
            ],
        }
        meaning = self.archive.glossary.get(job.key) if job.section == "tag" else None
        yield self.page(
            "browse.html",
            job.path,
            section=job.section,
            key=job.key,
            rows=rows,
            total=len(ids),
            pager=pager,
            meaning=meaning,
            first=(job.page - 1) * size + 1,
        )

    def render_section(self, job: PageJob) -> Iterable[Output]:
        categories = self.archive.indexes[job.section]
        if job.section == "date":
            years: dict[str, list[tuple[str, int]]] = {}
            for key, ids in categories.items():
                years.setdefault(key[:4] if key != UNDATED else UNDATED, []).append((key, len(ids)))
            yield self.page("date_index.html", job.path, section="date", years=years)
            return
        items = [(key, len(ids)) for key, ids in categories.items()]
        if job.section == "reldate":
            items.sort(key=lambda item: (item[0] != UNRELEASED, item[0]), reverse=True)
        yield self.page("section.html", job.path, section=job.section, items=items)

    def render_year(self, job: PageJob) -> Iterable[Output]:
        categories = self.archive.indexes["date"]
        months = [(k, len(v)) for k, v in categories.items() if k[:4] == job.key]
        yield self.page("year.html", job.path, year=job.key, months=months)

    def render_home(self, job: PageJob) -> Iterable[Output]:
        latest = self.rows(job.path, self.archive.latest_releases(self.config.latest_count))
        yield self.page("home.html", job.path, latest=latest)

    def render_glossary(self, job: PageJob) -> Iterable[Output]:
        tags = self.archive.indexes["tag"]
        known = sorted(set(tags) | set(self.archive.glossary))
        rows = [(t, self.archive.glossary.get(t), len(tags.get(t, ()))) for t in known]
        yield self.page("glossary.html", job.path, rows=rows)

    def render_data(self, job: PageJob) -> Iterable[Output]:
        months = sorted(self.archive.indexes["date"], reverse=True)
        yield self.page("data.html", job.path, months=months)

    def render_not_found(self, job: PageJob) -> Iterable[Output]:
        buckets = lookup_buckets(len(self.archive.entries))
        yield self.page(
            "404.html", job.path, buckets=buckets, base=urls.base_path(self.config.base_url)
        )

    def render_export(self, job: PageJob) -> Iterable[Output]:
        previous = None
        if self.previous_site is not None:
            site_dir, changed = self.previous_site
            previous = previous_rows(site_dir, job.key, changed)
        return month_outputs(self.archive, job.key, self.month_records, previous)

    def render_editorial(self, job: PageJob) -> Iterable[Output]:
        page = next(p for p in self.archive.pages if p.name == job.key)
        body = self.markdown.render(page.markdown)
        yield self.page("page.html", job.path, page=page, body=jinja2.utils.markupsafe.Markup(body))
