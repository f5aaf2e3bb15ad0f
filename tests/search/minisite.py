"""A minimal cable site for search tests and the search benchmark.

Renders cable pages the way the site's cable template does as far as search is
concerned (the cable inside `<article data-pagefind-body>`, the theme's
`partials/search_meta.html` inside it, paragraphs with `id="parN"`, navigation
outside the article), without needing the whole site generator.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import jinja2

from generator.cable import Cable
from generator.search import SearchPage
from generator.site.theme import THEME_GLOBALS

THEME = Path(__file__).resolve().parents[2] / "themes" / "default"
THEME_TEMPLATES = THEME / "templates"
SEARCH_STATIC = ("search.js", "search.css")

# Stands in for the site's base.html: the blocks search.html fills, nothing else.
BASE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title>
{% block head %}{% endblock %}</head>
<body><main>{% block main %}{% endblock %}</main></body></html>
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ cable.id }}</title></head>
<body><nav><a href="{{ root }}index.html">Home</a> Browse by origin tag year navigation</nav>
<main><article data-pagefind-body>
<h1>{{ cable.id }}: {{ cable.subject }}</h1>
{% include "partials/search_meta.html" %}
<dl><dt>Origin</dt><dd>{{ cable.origin }}</dd><dt>Created</dt><dd>{{ cable.created }}</dd></dl>
{% for para in paragraphs %}<p id="par{{ loop.index }}">{{ para }}</p>
{% endfor %}</article></main>
<footer>Footer chrome words</footer></body></html>
"""

EDITORIAL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><nav>Home</nav><main data-pagefind-body><h1>{{ title }}</h1><p>{{ text }}</p></main>
</body></html>
"""


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.DictLoader({"cable.html": PAGE, "page.html": EDITORIAL, "base.html": BASE}),
                jinja2.FileSystemLoader(str(THEME_TEMPLATES)),
            ]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(THEME_GLOBALS)
    return env


def cable_path(cable: Cable) -> str:
    folder = f"cable/{cable.created[:4]}/{cable.created[5:7]}" if cable.created else "cable/undated"
    return f"{folder}/{cable.id}.html"


def write_cable(site: Path, env: jinja2.Environment, cable: Cable) -> SearchPage:
    path = cable_path(cable)
    paragraphs = [p.strip() for p in cable.body.split("\n\n") if p.strip()]
    html = env.get_template("cable.html").render(
        cable=cable, paragraphs=paragraphs, root="../" * path.count("/")
    )
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(html, "utf-8")
    return SearchPage(path, cable.created)


def write_editorial(site: Path, env: jinja2.Environment, name: str, text: str) -> SearchPage:
    path = f"{name}.html"
    html = env.get_template("page.html").render(title=name.title(), text=text)
    (site / path).write_text(html, "utf-8")
    return SearchPage(path, None, kind="page")


def write_search_page(site: Path, env: jinja2.Environment, show_all: bool = False) -> None:
    """The theme's real search.html (on the stand-in base) and its static files.

    ``show_all``: every result and facet value at once (no "Show more" steps).
    """
    from generator.site import urls

    path = urls.search()
    html = env.get_template("search.html").render(
        url=lambda to, fragment="": urls.link(path, to, fragment), urls=urls, root=""
    )
    if show_all:
        html = html.replace('data-page-size="20"', 'data-page-size="100000"')
        html = html.replace('data-facet-preview="12"', 'data-facet-preview="100000"')
    (site / path).write_text(html, "utf-8")
    (site / "static").mkdir(exist_ok=True)
    for name in SEARCH_STATIC:
        (site / "static" / name).write_bytes((THEME / "static" / name).read_bytes())


def write_site(
    site: Path, cables: list[Cable], editorial: dict[str, str], show_all: bool = False
) -> list[SearchPage]:
    env = environment()
    pages = [write_cable(site, env, c) for c in cables]
    pages += [write_editorial(site, env, n, t) for n, t in sorted(editorial.items())]
    write_search_page(site, env, show_all)
    return pages


ORIGINS = (
    "Embassy Astana",
    "Embassy Ankara",
    "Consulate Istanbul",
    "Secretary of State",
    "Mission USNATO",
    "Embassy Tokyo",
)
POSTS = {
    "Embassy Astana": "ASTANA",
    "Embassy Ankara": "ANKARA",
    "Consulate Istanbul": "ISTANBUL",
    "Secretary of State": "STATE",
    "Mission USNATO": "USNATO",
    "Embassy Tokyo": "TOKYO",
}
TAGS = ("PREL", "PGOV", "PHUM", "ECON", "ETRD", "KTIP", "KZ", "TU", "JA", "MARR")
CLASSIFICATIONS = ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "CONFIDENTIAL//NOFORN")
WORDS = [
    "trafficking",
    "minister",
    "embassy",
    "election",
    "pipeline",
    "energy",
    "security",
    "parliament",
    "reform",
    "visit",
    "delegation",
    "border",
    "customs",
    "oil",
    "gas",
    "court",
    "prosecutor",
    "media",
    "freedom",
    "opposition",
    "nuclear",
    "treaty",
    "bilateral",
    "export",
    "investment",
    "bank",
    "inflation",
    "drought",
    "harvest",
    "refugee",
    "asylum",
    "police",
    "corruption",
]


def synthetic_cables(count: int, seed: int = 7, undated: int = 0) -> Iterator[Cable]:
    """Deterministic varied cables over 2004-2009 (plus ``undated`` without a date)."""
    rng = random.Random(seed)
    for number in range(count):
        origin = rng.choice(ORIGINS)
        year = rng.choice((2004, 2006, 2007, 2007, 2008, 2008, 2008, 2009, 2009))
        created = (
            None
            if number < undated
            else (
                f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
                f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
            )
        )
        paragraphs = [
            f"{n}. " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
            for n in range(1, rng.randint(2, 6))
        ]
        yield Cable(
            id=f"{str(year)[2:]}{POSTS[origin]}{number + 100}",
            created=created,
            released="2011-08-30T01:44",
            classification=rng.choice(CLASSIFICATIONS),
            origin=origin,
            subject=" ".join(rng.choice(WORDS) for _ in range(5)).upper(),
            tags=tuple(sorted(rng.sample(TAGS, rng.randint(1, 4)))),
            references=(),
            body="\n\n".join(paragraphs),
        )
