"""REF lines: the cables a telegram cites, as canonical reference ids.

    REF: A. 06 ASTANA 368 B. STATE 58370        -> 06ASTANA368, <year>STATE58370
    REF: (A) BUENOS AIRES 0498 (B) SECSTATE 123 -> <year>BUENOSAIRES498, <year>STATE123
    REFS: A) BERLIN 169 B) 08 MUNICH 355         -> <year>BERLIN169, 08MUNICH355

The REF block is read line by line (lettered lists, wraps, page-break lines);
inside it, citations are found by walking over words: [year] station number.
E-mails, OSC/IIR reports, telcons and messages known only by their DTG have no
station followed by a message number, so they are skipped.
"""

from __future__ import annotations

import re

from generator.ingest.dtg import MONTHS
from generator.ingest.header import TOP_LIMIT, is_page_marker
from generator.ingest.posts import post_table, token_for_station

_REF_START = re.compile(
    r"^[ \t]*(?:(?:REF|REFS|REFTEL|REFTELS|REFERENCES?)\b[ \t]*:?|"
    r"(?i:refs?|reftels?|references?)[ \t]*:)",
    re.M,
)
# The first numbered paragraph: REF fields come before it, "REFTEL SAID" prose after.
_FIRST_PARAGRAPH = re.compile(r"^[ \t]*(?:¶[ \t]*)?1\.[ \t]", re.M)
# (Never two [ \t]* around an optional mark: a line of spaces would backtrack quadratically.)
_LIST_ITEM = re.compile(r"[ \t]*(?:¶[ \t]*)?(?:\(?[A-Za-z]\)|[A-Za-z]\.)(?:[ \t]|$)")
_BLOCK_END = re.compile(
    r"[ \t]*(?:CLASSIFIED BY|Classified [Bb]y|CLASSIFIED BY:|(?:¶[ \t]*)?\(?\d{1,3}[.)]|"
    r"-{3,}|_{3,}|SUMMARY\b|Summary\b|SUBJECT\b|TAGS\b|E\.?[ \t]?O\.?[ \t]|\([A-Z/]{1,6}\)|"
    r"THIS IS AN ACTION|BEGIN\b|END\b)"
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z']*|[0-9]+[A-Za-z]*|[^\sA-Za-z0-9]")
# A citation already written as a reference id: "06STATE12345".
_CANONICAL = re.compile(r"\b([0-9]{2})([A-Z]{3,})([0-9]{1,7})\b")
# ASCII only: str.isdigit() accepts "¹", which int() refuses.
_NUMBER = re.compile(r"[0-9]+").fullmatch
_UPPER_WORD = re.compile(r"[A-Z]+").fullmatch
_MONTHS = frozenset(MONTHS)
# Words that are followed by numbers in REF lines without being telegram stations.
_NOT_STATIONS = _MONTHS | frozenset(
    [
        "AND",
        "OR",
        "OF",
        "THE",
        "FOR",
        "TO",
        "AT",
        "ON",
        "IN",
        "NO",
        "NR",
        "NUMBER",
        "NUM",
        "PARA",
        "PARAS",
        "PARAGRAPH",
        "PAGE",
        "SECTION",
        "EMAIL",
        "MAIL",
        "FAX",
        "IIR",
        "OSC",
        "FBIS",
        "TELCON",
        "MEMCON",
        "LETTER",
        "NOTE",
        "DIPNOTE",
        "REPORT",
        "ID",
        "TD",
        "DTG",
        "RESOLUTION",
        "UNSCR",
        "USC",
        "LAW",
        "ACT",
        "ARTICLE",
        "CHAPTER",
        "ITEM",
        "DAY",
        "YEAR",
        "DATED",
        "NOTAL",
        "EXDIS",
        "NODIS",
        "LIMDIS",
        "SIPDIS",
        "REF",
        "REFS",
        "REFTEL",
        "CABLE",
        "MESSAGE",
        "MSG",
        "TEL",
        "PREVIOUS",
        "PHONE",
        "CALL",
    ]
)
MAX_BLOCK_LINES = 30


def _block_lines(text: str, start: int) -> list[str]:
    """The REF field's lines: wraps, lettered items, across blank and page-break lines."""
    lines = text[start : start + 6000].split("\n")[: MAX_BLOCK_LINES * 2]
    block = [lines[0]]
    pending_gap = False
    for line in lines[1:]:
        if len(block) >= MAX_BLOCK_LINES:
            break
        if not line.strip() or is_page_marker(line):
            pending_gap = True
            continue
        if _LIST_ITEM.match(line):
            block.append(line)
            pending_gap = False
            continue
        if pending_gap or _BLOCK_END.match(line):
            break
        block.append(line)
    return block


def _station_at(words: list[str], index: int, longest: int) -> tuple[str, int] | None:
    """(id token, words used) of a station name starting at words[index]."""
    table = post_table().by_station
    for length in range(min(longest, len(words) - index), 0, -1):
        name = " ".join(words[index : index + length]).upper()
        if name in table:
            return table[name].token, length
    word = words[index]
    if len(word) >= 3 and _UPPER_WORD(word) and word not in _NOT_STATIONS:
        return token_for_station(word), 1
    return None


def _serial(words: list[str], index: int) -> str | None:
    if index >= len(words):
        return None
    word = words[index]
    if not _NUMBER(word) or len(word) > 7:
        return None
    following = words[index + 1] if index + 1 < len(words) else ""
    if following in ("/", ":", ".", "-") and index + 2 < len(words) and _NUMBER(words[index + 2]):
        return None  # a date, time or paragraph number, not a message number
    return str(int(word))


def _year_before(words: list[str], index: int, free_from: int, default: str | None) -> str | None:
    """A year written just before the station, unless that number belongs to the citation
    before (``free_from`` is the first word not used by an earlier citation)."""
    if index > free_from:
        word = words[index - 1]
        if _NUMBER(word) and len(word) == 2:
            return word
        if _NUMBER(word) and len(word) == 4 and word[:2] in ("19", "20"):
            return word[2:]
    return default


def references_in_block(block: str, cable_year: str | None) -> list[str]:
    words = _TOKEN.findall(_CANONICAL.sub(r"\1 \2 \3", block))
    longest = post_table().longest_station
    found: list[str] = []
    index = free_from = 0
    while index < len(words):
        station = _station_at(words, index, longest)
        if station is None:
            index += 1
            continue
        token, used = station
        serial = _serial(words, index + used)
        year = _year_before(words, index, free_from, cable_year)
        if serial is None or year is None or serial == "0":
            index += 1
            continue
        found.append(f"{year}{token}{serial}")
        index = free_from = index + used + 1
    return found


def extract_references(text: str, cable_year: str | None) -> tuple[str, ...]:
    """Canonical ids cited in the REF field, in order, without duplicates.

    ``cable_year`` is the citing cable's two-digit year ("07"), used when a
    citation gives none; without it such citations are left out.
    """
    first_paragraph = _FIRST_PARAGRAPH.search(text, 0, TOP_LIMIT)
    limit = first_paragraph.start() if first_paragraph else TOP_LIMIT
    match = _REF_START.search(text, 0, limit)
    if match is None:
        return ()
    block = "\n".join(_block_lines(text, match.end()))
    return tuple(dict.fromkeys(references_in_block(block, cable_year)))
