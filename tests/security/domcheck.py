"""What a built page's DOM holds, and which of it could not have come from the theme.

The theme's vocabulary (element and attribute names) is read from its templates
and from the code that builds markup (cabletext.py), so anything else in a
built page came from cable text. Parsing uses ``html.parser``; the browser
test checks the same pages with Chromium's parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MARKUP_SOURCES = (
    *sorted((REPO / "themes" / "default" / "templates").rglob("*.html")),
    REPO / "generator" / "site" / "cabletext.py",
    REPO / "generator" / "search" / "meta.py",
)
# Attributes that hold a URL; a script scheme in any of them runs on click or load.
URL_ATTRIBUTES = frozenset(
    ("href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background")
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
# Browsers drop these before reading a URL's scheme ("java\tscript:" is javascript:).
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def theme_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(element names, attribute names) the theme and the cable-text linker write."""
    elements: set[str] = set()
    attributes: set[str] = set()
    for path in MARKUP_SOURCES:
        text = path.read_text(encoding="utf-8")
        for tag in re.finditer(r"<([a-zA-Z][a-zA-Z0-9]*)((?:[^>{]|\{[^}]*\})*)>?", text):
            elements.add(tag.group(1).lower())
            for name in re.finditer(r"\s([a-zA-Z][a-zA-Z0-9:_-]*)(?==|\s|>|$|\{)", tag.group(2)):
                attributes.add(name.group(1).lower())
    return frozenset(elements), frozenset(attributes)


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]]
    line: int


@dataclass
class PageDom:
    elements: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # text nodes, entities decoded
    comments: list[str] = field(default_factory=list)
    declarations: list[str] = field(default_factory=list)
    script_text: list[str] = field(default_factory=list)
    captured: dict[str, list[str]] = field(default_factory=dict)  # tag -> text of each

    @property
    def all_text(self) -> str:
        return "".join(self.text)


CAPTURED = ("h1", "pre", "title")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dom = PageDom()
        self._in_script = False
        self._open: list[str] = []  # captured elements being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.dom.elements.append(Element(tag, attrs, self.getpos()[0]))
        self._in_script = tag in ("script", "style")
        if tag in CAPTURED:
            self._open.append(tag)
            self.dom.captured.setdefault(tag, []).append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.dom.elements.append(Element(tag, attrs, self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        (self.dom.script_text if self._in_script else self.dom.text).append(data)
        for tag in self._open:
            self.dom.captured[tag][-1] += data

    def handle_comment(self, data: str) -> None:
        self.dom.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        self.dom.declarations.append(decl)

    def unknown_decl(self, data: str) -> None:
        self.dom.declarations.append(data)

    def handle_pi(self, data: str) -> None:
        self.dom.declarations.append(data)


def parse_page(html: str) -> PageDom:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.dom


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in a URL attribute ("javascript"), None if relative."""
    match = _SCHEME.match(_URL_NOISE.sub("", value))
    return match.group(1).lower() if match else None


def problems(dom: PageDom, vocabulary: tuple[frozenset[str], frozenset[str]]) -> list[str]:
    """Everything in the page that the theme would not have written."""
    elements, attributes = vocabulary
    found: list[str] = []
    for element in dom.elements:
        where = f"line {element.line} <{element.tag}>"
        if element.tag not in elements:
            found.append(f"{where}: element not in the theme")
        for name, value in element.attrs:
            if name not in attributes or name.startswith("on"):
                found.append(f"{where}: attribute {name!r} not in the theme")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in ("https", "http"):
                    found.append(f"{where}: {name}={value!r} has the scheme {scheme!r}")
        if element.tag == "script" and not dict(element.attrs).get("src"):
            found.append(f"{where}: inline script")
    found += [f"script or style text {t[:60]!r}" for t in dom.script_text if t.strip()]
    found += [f"comment {c[:60]!r}" for c in dom.comments]
    found += [f"declaration {d[:60]!r}" for d in dom.declarations if d.lower() != "doctype html"]
    return found
