"""The SUBJECT field of a telegram, joined over its line wraps."""

from __future__ import annotations

import re

from generator.ingest.header import TOP_LIMIT, is_page_marker

# "SUBJECT:" / "SUBJ:" / "SUBJECT" in capitals; "Subject:" in other cases needs the colon.
_SUBJECT = re.compile(r"^[ \t]*(?:SUBJECT|SUBJ)\b[ \t]*:?|^[ \t]*subj(?:ect)?[ \t]*:", re.M | re.I)
_UPPER_SUBJECT = re.compile(r"[ \t]*(?:SUBJECT|SUBJ)\b")
# Lines that end a wrapped subject: the next field or the first paragraph.
_NEXT_FIELD = re.compile(
    r"[ \t]*(?:(?:REF|Ref)(?:S|s|TEL|TELS|tel|ERENCES?|erences?)?\b|CLASSIFIED BY|Classified [Bb]y|"
    r"E\.?[ \t]?O\.?[ \t]|TAGS?\b|¶|[A-Z]\.[ \t]|\([A-Za-z]\)|\(?[0-9]{1,3}[.)]|\([A-Z/]{1,6}\)|"
    r"-{3,}|_{3,}|"
    r"SUMMARY\b|Summary\b|SIPDIS\b|THIS IS AN ACTION|BEGIN\b|END\b|DERIVED FROM|"
    r"Derived [Ff]rom|DECL\b|REASON)"
)
MAX_WRAPS = 4
MAX_FIELD = 2000  # characters of one SUBJECT line read


def _find_subject_start(text: str) -> re.Match[str] | None:
    for match in _SUBJECT.finditer(text, 0, TOP_LIMIT):
        line_start = match.start()
        if _UPPER_SUBJECT.match(text, line_start) or match.group(0).rstrip().endswith(":"):
            return match
    return None


def extract_subject(text: str) -> str | None:
    """The whole SUBJECT field, wraps joined by single spaces; None without a SUBJECT line."""
    match = _find_subject_start(text)
    if match is None:
        return None
    end = text.find("\n", match.end(), match.end() + MAX_FIELD)
    first = text[match.end() : end if end >= 0 else match.end() + MAX_FIELD]
    parts = [first.strip()]
    if end >= 0:
        following = text[end + 1 : end + 1 + 2000].split("\n")[: MAX_WRAPS + 1]
        for line in following[:MAX_WRAPS]:
            if not line.strip() or _NEXT_FIELD.match(line) or is_page_marker(line):
                if line.strip() or parts[0]:
                    break
                continue
            parts.append(line.strip())
    subject = " ".join(" ".join(parts).split())
    return subject or None
