"""Cable text as safe HTML: ¶ anchors, linked TAGS and REF citations, quiet page markers.

The text is untrusted. It is never concatenated into Markup: we find the spans
to decorate, escape every piece of text between them with markupsafe, and build
each decoration from escaped parts. ``<script>`` in a cable shows as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

try:  # helper A's telegram parser knows the routing header best
    from generator.ingest.telegram import split_header as _split_header  # type: ignore
except ImportError:  # pragma: no cover - until it lands
    _split_header = None

_HEADER_START = re.compile(r"(?:VZCZC|[A-Z]{1,2} \d{6}Z|R \d|O \d|P \d|DE [A-Z]|FM )")
_PARAGRAPH = re.compile(r"^([ \t]*)(¶[ \t]*)?(\d{1,3}|[A-Z])\.(?=[ \t(]|$)", re.M)
# Page markers ("ASTANA 00000614  002 OF 016"): found by their rare numeric tail,
# then the start of the line must be the post's name.
_MARKER_TAIL = re.compile(r" \d{5,8}[ \t]+\d{3}(?:\.\d)? OF \d{3}[ \t]*$", re.M)
_MARKER_HEAD = re.compile(r"[ \t]*[A-Z][A-Z .'/-]*")
_TAGS_LINE = re.compile(r"^TAGS?:[^\n]*(?:\n(?!SUBJ|\s*\n)[^\n:]*(?=\n))*", re.M)
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_REF_ID = re.compile(r"(\d{2})([A-Z]+?)(\d+)")


def split_header(body: str) -> tuple[str, str]:
    """(routing header, text) of a whole telegram; header is "" when there is none."""
    if _split_header is not None:
        return _split_header(body)
    if not _HEADER_START.match(body):
        return "", body
    end = body.find("\n\n")
    if end < 0:
        return "", body
    return body[:end], body[end:].lstrip("\n")


@dataclass(frozen=True)
class Linker:
    """Where the decorations point: each returns an href, or None for plain text."""

    ref_href: Callable[[str], str | None]
    tag_href: Callable[[str], str]
    tag_meaning: Callable[[str], str | None]


Span = tuple[int, int, Markup]


def _starts_paragraph(text: str, start: int, number: str, last: int) -> bool:
    """A numbered line starts a paragraph when a blank (or whitespace-only) line comes
    before it, or when it is the next number in sequence: reposts often lose the
    blank lines, and a wrapped "12." inside a sentence is rarely the next number."""
    before = text.rfind("\n", 0, max(start - 1, 0))
    if start == 0 or not text[before + 1 : start - 1].strip():
        return True
    return number.isdigit() and int(number) == last + 1


def _paragraph_spans(text: str) -> list[Span]:
    """A ¶ permalink (id="parN") before every numbered paragraph."""
    spans: list[Span] = []
    seen: set[str] = set()
    last = 0
    for match in _PARAGRAPH.finditer(text):
        number = match.group(3)
        if number in seen or (number.isalpha() and not text.startswith(" ", match.end())):
            continue
        if not match.group(2) and not _starts_paragraph(text, match.start(), number, last):
            continue
        seen.add(number)
        if number.isdigit():
            last = int(number)
        anchor = Markup(f'<a class="par" id="par{number}" href="#par{number}">¶</a>')
        if match.group(2):  # the text has its own ¶: make it the anchor
            pilcrow = match.start(2)
            spans.append((pilcrow, pilcrow + 1, anchor))
        else:
            at = match.end(1)
            spans.append((at, at, anchor))
    return spans


def _marker_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _MARKER_TAIL.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if _MARKER_HEAD.fullmatch(text, start, m.start()):
            line = escape(text[start : m.end()])
            spans.append((start, m.end(), Markup(f'<span class="pagemark">{line}</span>')))
    return spans


def _tag_spans(text: str, tags: tuple[str, ...], linker: Linker) -> list[Span]:
    wanted = set(tags)
    spans: list[Span] = []
    match = _TAGS_LINE.search(text)
    if match is None:
        return spans
    for word in _WORD.finditer(match.group(), 5):
        tag = word.group().strip("-")
        if tag not in wanted:
            continue
        start = match.start() + word.start() + word.group().find(tag)
        meaning = linker.tag_meaning(tag)
        title = f' title="{escape(meaning)}"' if meaning else ""
        href = escape(linker.tag_href(tag))
        link = Markup(f'<a class="tag" href="{href}"{title}>{escape(tag)}</a>')
        spans.append((start, start + len(tag), link))
    return spans


# "06 STATE 202745", "06STATE202745", "STATE 202745", "09 USUN NEW YORK 512": an optional
# two-digit year, a post written with single spaces, a serial. One pattern for every
# cable; a match is linked only when it names one of the cable's own references.
_CITATION = re.compile(r"(?<![A-Za-z0-9])(?:(\d{2}) ?)?([A-Z]{2,}(?: [A-Z]+)*) ?(\d{1,7})(?![0-9])")


def _ref_spans(text: str, references: tuple[str, ...], linker: Linker) -> list[Span]:
    full: dict[str, str] = {}
    tail: dict[str, str | None] = {}  # post + serial -> ref, None when two refs share it
    serials: set[str] = set()
    for ref in dict.fromkeys(references):
        parts = _REF_ID.fullmatch(ref)
        if parts is None or linker.ref_href(ref) is None:
            continue
        year, post, serial = parts.groups()
        serials.add(str(int(serial)))
        key = post + str(int(serial))
        full[year + key] = ref
        tail[key] = ref if key not in tail else None
    if not full:
        return []
    spans: list[Span] = []
    for m in _citation_matches(text, serials):
        found = _cited(m, full, tail)
        if found is None:
            continue
        ref, start = found
        href = escape(linker.ref_href(ref) or "")
        label = escape(text[start : m.end()])
        link = Markup(f'<a class="ref" href="{href}" title="{escape(ref)}">{label}</a>')
        spans.append((start, m.end(), link))
    return spans


def _citation_matches(text: str, serials: set[str]) -> list[re.Match[str]]:
    """The matches of ``_CITATION.finditer(text)`` that can name a reference.

    Only lines holding a wanted serial are scanned: a citation never spans lines,
    so a line's matches do not depend on the others, and a match names a
    reference only when its serial (leading zeros aside) contains that serial.
    """
    starts: set[int] = set()
    for serial in serials:
        at = text.find(serial)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            starts.add(start)
            end = text.find("\n", at)
            at = text.find(serial, end) if end >= 0 else -1
    matches: list[re.Match[str]] = []
    for start in sorted(starts):
        end = text.find("\n", start)
        matches.extend(_CITATION.finditer(text, start, end if end >= 0 else len(text)))
    return matches


def _cited(
    m: re.Match[str], full: dict[str, str], tail: dict[str, str | None]
) -> tuple[str, int] | None:
    """(reference, start) a citation match names; leading words that are not part of
    the post ("SEE STATE 1234") are dropped."""
    year, post, serial = m.groups()
    number = str(int(serial))
    if year and (ref := full.get(year + post.replace(" ", "") + number)):
        return ref, m.start()
    start = m.start(2)
    words = post.split(" ")
    for index in range(len(words)):
        ref = tail.get("".join(words[index:]) + number)
        if ref:
            return ref, start
        start += len(words[index]) + 1
    return None


def _assemble(text: str, spans: list[Span]) -> Markup:
    """Escaped text with the spans put in; overlapping spans keep the first one."""
    pieces: list[str] = []
    position = 0
    for start, end, markup in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start < position:
            continue
        pieces.append(str(escape(text[position:start])))
        pieces.append(str(markup))
        position = end
    pieces.append(str(escape(text[position:])))
    return Markup("".join(pieces))  # every piece is escaped text or markup built from it


def cable_text_html(
    text: str, tags: tuple[str, ...], references: tuple[str, ...], linker: Linker
) -> Markup:
    """The body of a cable (header removed) as HTML for a <pre>."""
    spans = _marker_spans(text)
    spans += _paragraph_spans(text)
    spans += _tag_spans(text, tags, linker)
    spans += _ref_spans(text, references, linker)
    return _assemble(text, spans)
