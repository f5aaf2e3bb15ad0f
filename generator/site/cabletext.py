"""Cable text as safe HTML: ¶ anchors, linked TAGS and REF citations, quiet page markers.

The text is untrusted. It is never concatenated into Markup: we find the spans
to decorate, escape every piece of text between them (`escape_text`, the same
bytes as markupsafe's escape), and build each decoration from escaped parts.
``<script>`` in a cable shows as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from generator.ingest.header import TOP_LIMIT, count_header_lines, find_classification_line

# A numbered paragraph's line. Searched from a line's "\n": a pattern that starts with
# a literal is found by a fast scan, where "^" with re.M is tried at every character.
_PARAGRAPH = re.compile(r"\n([ \t]*)(¶[ \t]*)?(\d{1,3}|[A-Z])\.(?=[ \t(]|$)", re.M)
# Page markers ("ASTANA 00000614  002 OF 016"): lines ending in " OF 016" (found by a
# fast literal scan), then their numeric tail, then the post's name before it.
_MARKER_END = re.compile(r" OF \d{3}[ \t]*$", re.M)
_MARKER_TAIL = re.compile(r" \d{5,8}[ \t]+\d{3}(?:\.\d)? OF \d{3}[ \t]*$", re.M)
_MARKER_HEAD = re.compile(r"[ \t]*[A-Z][A-Z .'/-]*")
_TAGS_LINE = re.compile(r"^TAGS?:[^\n]*(?:\n(?!SUBJ|\s*\n)[^\n:]*(?=\n))*", re.M)
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_REF_ID = re.compile(r"(\d{2})([A-Z]+?)(\d+)")


def escape_text(text: str) -> str:
    """``text`` with & < > " ' escaped, the same bytes as ``str(markupsafe.escape(text))``
    at a third of its cost (no Markup object per call; a page escapes hundreds)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&#34;")
    if "'" in text:
        text = text.replace("'", "&#39;")
    return text


def split_header(body: str) -> tuple[str, str]:
    """(routing header, text) of a whole telegram; header is "" when there is none.

    The same split as generator.ingest.telegram.split_header (a test compares
    them), from the header's line count alone: the ingest version also reads the
    date, FM line and caveats, and splits the whole text into lines.
    """
    lines = body[:TOP_LIMIT].split("\n", 1500)[:1500]
    count = count_header_lines(lines, find_classification_line(lines))
    if count == 0:
        return "", body
    end = -1
    for _ in range(count):
        end = body.find("\n", end + 1)
        if end < 0:
            return body.rstrip("\n"), ""
    return body[:end].rstrip("\n"), body[end + 1 :].lstrip("\n")


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
    # Positions in `lined` are one more than in `text`; a match's start (its "\n")
    # is therefore the start of its line in `text`.
    lined = "\n" + text
    for match in _PARAGRAPH.finditer(lined):
        number = match.group(3)
        if number in seen or (number.isalpha() and not lined.startswith(" ", match.end())):
            continue
        if not match.group(2) and not _starts_paragraph(text, match.start(), number, last):
            continue
        seen.add(number)
        if number.isdigit():
            last = int(number)
        anchor = Markup(f'<a class="par" id="par{number}" href="#par{number}">¶</a>')
        if match.group(2):  # the text has its own ¶: make it the anchor
            pilcrow = match.start(2) - 1
            spans.append((pilcrow, pilcrow + 1, anchor))
        else:
            at = match.end(1) - 1
            spans.append((at, at, anchor))
    return spans


def _marker_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for end in _MARKER_END.finditer(text):
        start = text.rfind("\n", 0, end.start()) + 1
        m = _MARKER_TAIL.search(text, start, end.end())
        if m is not None and _MARKER_HEAD.fullmatch(text, start, m.start()):
            line = escape_text(text[start : m.end()])
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
        title = f' title="{escape_text(meaning)}"' if meaning else ""
        href = escape_text(linker.tag_href(tag))
        link = Markup(f'<a class="tag" href="{href}"{title}>{escape_text(tag)}</a>')
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
        href = escape_text(linker.ref_href(ref) or "")
        label = escape_text(text[start : m.end()])
        link = Markup(f'<a class="ref" href="{href}" title="{escape_text(ref)}">{label}</a>')
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
        pieces.append(escape_text(text[position:start]))
        pieces.append(str(markup))
        position = end
    pieces.append(escape_text(text[position:]))
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
