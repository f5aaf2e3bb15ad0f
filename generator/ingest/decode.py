"""Bytes to text, and HTML character references to characters."""

from __future__ import annotations

import html
import re

# A numeric or named character reference, possibly broken by a line break that a
# copy-and-paste inserted into it ("&#x" at the end of one line, "000A;" on the next).
_ENTITY = re.compile(r"&(#[xX][0-9A-Fa-f\r\n]{1,10}|#[0-9\r\n]{1,10}|[A-Za-z]{2,10});")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_bytes(data: bytes) -> str:
    """Text of a file in UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.

    Newlines are normalized to "\\n". Raises UnicodeError only for UTF-16 garbage.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding)
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Old mirrors saved pages in Windows-1252; every byte maps to something.
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _replace_entity(match: re.Match[str]) -> str:
    inner = match.group(1).replace("\r", "").replace("\n", "")
    if not inner or inner in ("#", "#x", "#X"):
        return match.group(0)
    decoded = html.unescape(f"&{inner};")
    if decoded == f"&{inner};":  # unknown name: leave the text alone
        return match.group(0)
    return decoded


def decode_entities(text: str) -> str:
    """Decode character references that end with ';' (also when split by a line break).

    Bare ampersands ("AT&T", "R&D") stay as they are.
    """
    if "&" not in text:
        return text
    # The site wrote every line break as "&#x000A;": replace those without the regex.
    text = text.replace("&#x000A;", "\n")
    return _ENTITY.sub(_replace_entity, text)
