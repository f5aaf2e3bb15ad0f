"""What Pagefind reads from a cable page besides its text: metadata, filters, the sort
key and the spellings of the reference id, as hidden markup.

The theme places it with ``{{ search_meta(cable) }}`` (partials/search_meta.html holds
just that, for themes that include the partial). It is built here rather than by a
template: twenty-odd values per page made the template include a fifth of a cable
page's rendering time. Every value is escaped.
"""

from __future__ import annotations

from typing import Protocol

from markupsafe import Markup

from generator.site.cabletext import escape_text


class SearchedCable(Protocol):
    """The fields used (a CableEntry or a Cable)."""

    id: str
    subject: str | None
    created: str | None
    origin: str | None
    classification: str | None
    tags: tuple[str, ...]


def id_spellings(cable_id: str) -> str:
    """The id as written ("07ASTANA614") and, when it has a year prefix, as cables
    cite it ("07 ASTANA 614")."""
    prefix = cable_id.rstrip("0123456789")
    serial = cable_id[len(prefix) :]
    if prefix[:2].isdigit() and len(prefix) > 2 and serial:
        return f"{cable_id} {prefix[:2]} {prefix[2:]} {serial}"
    return cable_id


# Each attribute written out whole, so the theme's markup vocabulary (tests/security)
# finds it here.
def _meta(name: str, value: str) -> str:
    return f'<span data-pagefind-meta="{name}">{escape_text(value)}</span>\n'


def _filter(name: str, value: str) -> str:
    return f'<span data-pagefind-filter="{name}">{escape_text(value)}</span>\n'


def _sort(name: str, value: str) -> str:
    return f'<span data-pagefind-sort="{name}">{escape_text(value)}</span>\n'


def search_meta(cable: SearchedCable) -> Markup:
    """The hidden search block of a cable page (the layout tests/search/test_search_meta.py
    describes): nothing in it is visible, and only the last two lines are indexed as
    words, so excerpts come from the cable itself."""
    parts = [
        "<div hidden data-pagefind-ignore>\n",
        _meta("id", cable.id),
        _meta("title", cable.subject or cable.id),
    ]
    created = cable.created
    if created:
        parts += [
            _meta("created", created.replace("T", " ")),
            _sort("created", created),
            _filter("year", created[:4]),
            _filter("month", created[:7]),
        ]
    else:
        parts += [_filter("year", "undated"), _filter("month", "undated")]
    if cable.origin:
        parts += [_meta("origin", cable.origin), _filter("origin", cable.origin)]
    if cable.classification:
        parts += [
            _meta("classification", cable.classification),
            _filter("classification", cable.classification),
        ]
    parts += [_filter("tag", tag) for tag in cable.tags]
    # Origin and classification as searchable words (the theme's visible metadata box
    # is left out of the index, see generator/search/config.py), and the id weighted
    # high so an id search ranks the cable itself first.
    words = escape_text(f"{cable.origin or ''} {cable.classification or ''}")
    parts += [
        "</div>",
        f"<p hidden>{words}</p>",
        f'<p hidden data-pagefind-weight="10">{escape_text(id_spellings(cable.id))}</p>\n',
    ]
    return Markup("".join(parts))
