"""The TAGS field of a telegram: subject and country codes, in cable order."""

from __future__ import annotations

import re

from generator.ingest.header import TOP_LIMIT

# "TAGS: A B", "TAGS A, B", "TAG A", "Tags: a, b", also after "E.O. 12958: ..." on the same line.
_TAGS = re.compile(
    r"^(?:[^\n]{0,160}?(?:E\.?[ \t]?O\.?[ \t]|12958|13526)[^\n]{0,80}?[ \t])?[ \t]*"
    r"(?:TAGS?\b[ \t]*:?|tags?[ \t]*:)",
    re.M | re.I,
)
_UPPER_TAGS = re.compile(r"TAGS?\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# Separators are required between words, so a failing match cannot backtrack.
_CONTINUATION = re.compile(
    r"[ \t]*[A-Za-z][A-Za-z0-9]{1,15}"
    r"(?:(?:[ \t]*[,;][ \t]*|[ \t]+)[A-Za-z][A-Za-z0-9]{1,15})*[ \t,;]*$"
)
# Caption words that may follow a TAGS line and are not tags.
_NOT_TAGS = frozenset(("SIPDIS", "NOFORN", "SENSITIVE", "NODIS", "EXDIS", "LIMDIS", "STADIS"))
MAX_WRAPS = 3
MAX_FIELD = 2000  # characters of one TAGS line read; longer lines are not a TAGS field


def _find_tags_start(text: str) -> re.Match[str] | None:
    for match in _TAGS.finditer(text, 0, TOP_LIMIT):
        keyword = match.group(0)
        if _UPPER_TAGS.search(keyword) or keyword.rstrip().endswith(":"):
            return match
    return None


def _tags_of(value: str) -> list[str]:
    """Tags in one stretch of TAGS text; mixed-case words are prose, not tags."""
    all_lower = value == value.lower()
    tags = []
    for word in _WORD.findall(value):
        if len(word) < 2:
            continue
        if all_lower:
            word = word.upper()
        elif word != word.upper():
            continue
        tags.append(word)
    return tags


def _is_continuation(line: str, previous: str, lower: bool) -> bool:
    stripped = line.strip()
    if not stripped or len(line) > 200 or not _CONTINUATION.match(line):
        return False
    if lower != (stripped == stripped.lower()) or (not lower and stripped != stripped.upper()):
        return False
    words = _WORD.findall(stripped)
    if any(word.upper() in _NOT_TAGS for word in words):
        return False
    # A wrap is announced by a trailing comma, or is a short list of short codes.
    return previous.rstrip().endswith(",") or all(len(word) <= 6 for word in words)


def extract_tags(text: str) -> tuple[str, ...]:
    """TAGS in upper case, cable order, without duplicates; () when there is no TAGS line."""
    match = _find_tags_start(text)
    if match is None:
        return ()
    end = text.find("\n", match.end(), match.end() + MAX_FIELD)
    first = text[match.end() : end if end >= 0 else match.end() + MAX_FIELD]
    lower = first.strip() == first.strip().lower()
    stretches = [first]
    if end >= 0:
        previous = first
        for line in text[end + 1 : end + 1 + 1000].split("\n")[:MAX_WRAPS]:
            if not _is_continuation(line, previous, lower):
                break
            stretches.append(line)
            previous = line
    seen: dict[str, None] = {}
    for stretch in stretches:
        for tag in _tags_of(stretch):
            seen.setdefault(tag, None)
    return tuple(seen)
