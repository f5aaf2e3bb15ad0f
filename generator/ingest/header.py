"""The top of a telegram: routing header, date-time group, FM line, classification line.

Everything here scans lines from the top and stops early: the fields we need
sit in the first few dozen lines, and bodies can be megabytes long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.ingest.dtg import parse_dtg_line

TOP_LIMIT = 60_000  # characters of a text that can hold the routing header and captions
PARTIAL_NOTE = "This record is a partial extract of the original cable."

# The first word of a classification line, letter-spaced or not, with the typos and
# truncations real copies have ("SS E C R E T", "C ONFIDENTIAL", "UUNCLAS", "E C R E T").
_LEVEL_SPELLINGS = {
    "TOPSECRET": "TOP SECRET",
    "SECRET": "SECRET",
    "SSECRET": "SECRET",
    "ECRET": "SECRET",
    "CONFIDENTIAL": "CONFIDENTIAL",
    "CCONFIDENTIAL": "CONFIDENTIAL",
    "ONFIDENTIAL": "CONFIDENTIAL",
    "UNCLASSIFIED": "UNCLASSIFIED",
    "UNCLAS": "UNCLASSIFIED",
    "UUNCLAS": "UNCLASSIFIED",
    # Older cables' "Limited Official Use" is shown by the archive as FOUO.
    "LIMITEDOFFICIALUSE": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
}
_LONGEST_SPELLING = max(len(spelling) for spelling in _LEVEL_SPELLINGS)
_SPELLING_PREFIXES = frozenset(
    spelling[:end] for spelling in _LEVEL_SPELLINGS for end in range(1, len(spelling) + 1)
)
# Every classification line's first word starts with one of these: most lines of a
# routing header are ruled out by their first letter alone.
_FIRST_LETTERS = frozenset(spelling[0] for spelling in _LEVEL_SPELLINGS)
_SECTION = re.compile(r"\bSECTION\s+\d+\s+OF\s+\d+\b")
_SERIAL = re.compile(r"[0-9]{3,8}").fullmatch
_STATION_WORD = re.compile(r"[A-Z][A-Z.'-]*").fullmatch
_PAGE_MARKER = re.compile(
    r"[ \t]*([A-Z][A-Z .'-]*[A-Z])[ \t]+(\d{8})[ \t]+\d{3}(?:\.\d+)?[ \t]+OF[ \t]+\d{3}[ \t]*$"
)
_DE_LINE = re.compile(r"[ \t]*DE[ \t]+[A-Z]{4,7}[ \t]+#(\d{1,7})")
_ZN_LINE = re.compile(r"[ \t]*ZN[A-Z][ \t]+([UCS])\1{4}\b")
_ZN_LEVELS = {"U": "UNCLASSIFIED", "C": "CONFIDENTIAL", "S": "SECRET"}
_FM_LINE = re.compile(r"[ \t]*FM[ \t]+(\S[^\n]*)")
_ROUTING = re.compile(
    r"[ \t]*(?:VZCZC|[A-Z]{1,2} R[A-Z]{3,}|DE [A-Z]|ZN[A-Z] |FM |TO |INFO |BT\b|XMT |"
    r"R[A-Z]{3,6}/|(?:R[A-Z]{4,6}(?:[ \t]+|$))+$)"
)
_FIELD_START = re.compile(r"[ \t]*(?:E\.?[ \t]?O\.?[ \t]|TAGS?\b|SUBJ|Tags?:|Subject:)")
_CAVEATS = {
    "NOFORN": "NOFORN",
    "SENSITIVE": "SENSITIVE",
    "FOUO": "SENSITIVE",
    "SBU": "SENSITIVE",
}
_CAVEAT_WORD = re.compile(r"\b(NOFORN|SENSITIVE|FOUO|SBU|FOR OFFICIAL USE ONLY)\b")


@dataclass(frozen=True, slots=True)
class ClassificationLine:
    level: str  # "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"
    station: str | None  # "ASTANA", "RIO DE JANEIRO", "USUN NEW YORK"
    serial: str | None  # "001111"
    index: int  # line number (0-based) in the scanned lines


@dataclass(frozen=True, slots=True)
class TelegramTop:
    header_lines: int  # how many lines belong to the routing header (0 = none)
    dtg: str | None  # "YYYY-MM-DDTHH:MM" of the telegram's date-time group
    fm: str | None  # text of the FM line: "AMEMBASSY ASTANA"
    de_serial: str | None  # message number of the DE line
    classification_line: ClassificationLine | None
    caveats: frozenset[str]  # "NOFORN", "SENSITIVE"


def split_level(line: str) -> tuple[str, str] | None:
    """('CONFIDENTIAL', rest of the line) when the line starts with a classification word.

    Words are joined token by token, so letter-spaced and broken spellings match.
    """
    tokens = line.replace("//", " //", 1).split(None, _LONGEST_SPELLING + 1)
    word = ""
    found = None
    for count, token in enumerate(tokens[:_LONGEST_SPELLING], start=1):
        word += token
        if word not in _SPELLING_PREFIXES:
            break
        if word in _LEVEL_SPELLINGS:
            found = (_LEVEL_SPELLINGS[word], count)
    if found is None:
        return None
    level, used = found
    return level, " ".join(tokens[used:])


def _station_and_serial(rest: str) -> tuple[str, str] | None:
    """('RIO DE JANEIRO', '001238') from the end of a classification line."""
    words = rest.split()
    if len(words) < 2 or not _SERIAL(words[-1]):
        return None
    station: list[str] = []
    for word in reversed(words[:-1]):
        if not _STATION_WORD(word):
            break
        station.append(word)
    return (" ".join(reversed(station)), words[-1]) if station else None


def parse_classification_line(line: str, index: int = 0) -> ClassificationLine | None:
    if len(line) > 200 or line.lstrip()[:1].upper()[:1] not in _FIRST_LETTERS:
        return None
    found = split_level(line.upper())
    if found is None:
        return None
    level, rest = found
    if rest.startswith("//"):  # "SECRET//NOFORN ..." marking style
        rest = rest.split(None, 1)[1] if " " in rest.strip() else ""
    rest = _SECTION.sub(" ", _CAVEAT_WORD.sub(" ", rest.replace("E F T O", " ")))
    station = _station_and_serial(rest)
    if station:
        return ClassificationLine(level, station[0], station[1], index)
    if rest.strip(" \t:-"):  # a sentence that happens to start with SECRET
        return None
    return ClassificationLine(level, None, None, index)


def _top_lines(text: str) -> list[str]:
    return text[:TOP_LIMIT].split("\n")[:1500]


def _is_header_line(line: str) -> bool:
    stripped = line.strip()
    return (
        not stripped
        or bool(_ROUTING.match(line))
        or parse_dtg_line(line) is not None
        or stripped.startswith(PARTIAL_NOTE[:30])
        or stripped.startswith("The full text of the original cable")
    )


def find_classification_line(lines: list[str]) -> ClassificationLine | None:
    for index, line in enumerate(lines):
        if _FIELD_START.match(line):
            return None
        found = parse_classification_line(line, index)
        if found is not None:
            return found
    return None


def count_header_lines(lines: list[str], class_line: ClassificationLine | None) -> int:
    """Lines before the cable's own text: routing, date-time group, extract notes."""
    limit = class_line.index if class_line is not None else len(lines)
    count = 0
    seen_routing = False
    for index in range(limit):
        if not _is_header_line(lines[index]):
            break
        if lines[index].strip():
            seen_routing = True
            count = index + 1
    if class_line is not None and seen_routing:
        return class_line.index
    return count if seen_routing else 0


def _caveats(lines: list[str], class_line: ClassificationLine | None) -> frozenset[str]:
    """Handling words in the captions between the classification line and E.O./TAGS."""
    if class_line is None:
        return frozenset()
    found = set()
    for offset, line in enumerate(lines[class_line.index : class_line.index + 40]):
        if offset and _FIELD_START.match(line):
            break
        for word in _CAVEAT_WORD.findall(line):
            found.add(_CAVEATS.get(word, "SENSITIVE"))
    return frozenset(found)


def _first_field(lines: list[str]) -> int:
    """Index of the first E.O./TAGS/SUBJECT line: the routing and captions end before it."""
    for index, line in enumerate(lines):
        if _FIELD_START.match(line):
            return index
    return min(len(lines), 400)


def _zn_level(lines: list[str]) -> str | None:
    """Level from the ZNR/ZNY line ("ZNY CCCCC ZZH") when there is no classification line."""
    for line in lines:
        if match := _ZN_LINE.match(line):
            return _ZN_LEVELS.get(match.group(1))
    return None


def read_top(text: str) -> TelegramTop:
    lines = _top_lines(text)
    class_line = find_classification_line(lines)
    header_count = count_header_lines(lines, class_line)
    fields_at = _first_field(lines)
    dtg = fm = de_serial = None
    for line in lines[: max(fields_at, header_count)]:
        if dtg is None:
            dtg = parse_dtg_line(line)
        if fm is None and (match := _FM_LINE.match(line)):
            fm = match.group(1).rstrip()
        if de_serial is None and (match := _DE_LINE.match(line)):
            de_serial = match.group(1)
    if class_line is None and (level := _zn_level(lines[:fields_at])):
        class_line = ClassificationLine(level, None, None, header_count)
    caveats = _caveats(lines, class_line)
    return TelegramTop(header_count, dtg, fm, de_serial, class_line, caveats)


def find_page_marker(text: str) -> tuple[str, str] | None:
    """(station, serial) of a page-break line like 'ASTANA 00001061  002 OF 002'."""
    for line in _top_lines(text):
        if len(line) < 80 and (match := _PAGE_MARKER.match(line)):
            return " ".join(match.group(1).split()), match.group(2)
    return None


def is_page_marker(line: str) -> bool:
    return len(line) < 80 and _PAGE_MARKER.match(line) is not None
