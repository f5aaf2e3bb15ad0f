"""JSON text made with the C string encoder, reusing strings already escaped.

``json.dumps`` with an ``indent`` falls back to its pure-Python encoder, and a
cable's text (6 KB on average) was escaped twice: for its record (ID.json) and
for its month's export. `indented` and `one_line` give json.dumps's text from
the C routine that escapes strings, and take an `Encoded` string as it is, so
the text is escaped once per build.
"""

from __future__ import annotations

from json.encoder import encode_basestring  # the C version when available

INDENT = " "


class Encoded(str):
    """A value's JSON text, made already (``Encoded(encode_basestring(text))``)."""


def scalar(value: object) -> str | None:
    """The JSON text of a string, number, bool or None; None for anything else."""
    if isinstance(value, str):
        return value if isinstance(value, Encoded) else encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return None


def indented(value: object, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, character for character, for
    values made of dicts with string keys, lists, tuples, strings, ints, bools, None
    and `Encoded` strings."""
    text = scalar(value)
    if text is not None:
        return text
    inner = "\n" + INDENT * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{encode_basestring(k)}: {indented(v, level + 1)}" for k, v in value.items())
        return "{" + inner + ("," + inner).join(items) + "\n" + INDENT * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = (indented(v, level + 1) for v in value)
        return "[" + inner + ("," + inner).join(items) + "\n" + INDENT * level + "]"
    raise TypeError(f"cannot write {type(value).__name__} as JSON text")


def one_line(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False)``, character for character, for the values
    `indented` takes."""
    text = scalar(value)
    if text is not None:
        return text
    if isinstance(value, dict):
        items = (f"{encode_basestring(k)}: {one_line(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(one_line, value)) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as JSON text")
