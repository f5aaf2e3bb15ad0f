"""The on-disk format of one cable: ``content/cables/YYYY/MM/ID.md``.

    ---
    id: "07ASTANA614"
    created: "2007-03-07T12:06"
    released: "2011-08-26T00:00"
    classification: "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    origin: "Embassy Astana"
    subject: "KAZAKHSTAN SUBMISSIONS FOR 2007 TIP REPORT"
    tags: ["KCRM", "PHUM"]
    references: ["06STATE202745"]
    sha256: "..."
    sources:
    - {"file": "002_dd83b62b398f4dab.txt", "kind": "wikileaks-text", "sha256": "..."}
    ---
    <the cable text, verbatim>

Every value is one line of JSON, which is also valid YAML: the file stays
readable and diff-friendly, a hand edit with any YAML syntax still loads, and
our own files load with ``json.loads`` per line instead of a YAML parser (the
build reads 251,287 of them).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

import yaml

from generator.cable import Cable, Source
from generator.errors import ContentError

FENCE = "---\n"
SCALAR_KEYS = ("id", "created", "released", "classification", "origin", "subject")
LIST_KEYS = ("tags", "references")
KNOWN_KEYS = frozenset((*SCALAR_KEYS, *LIST_KEYS, "sha256", "sources"))

# Characters YAML refuses to read raw (C0/C1 controls, BOM, non-characters) and
# the ones it reads as line breaks (NEL, LS, PS: a raw one would fold into a space).
_YAML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# One encoder for every value: json.dumps(..., ensure_ascii=False) builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False)
# What _ENCODER does with a str (the C function behind json.dumps(..., ensure_ascii=False)).
_encode_text = json.encoder.encode_basestring

try:  # The C loader is ~10x faster; fall back where libyaml is missing.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def _unicode_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _json_scalar(value: object) -> str:
    """``_ENCODER.encode(value)`` without the YAML escapes, fast for text and None."""
    if isinstance(value, str):
        return _encode_text(value)
    return "null" if value is None else _ENCODER.encode(value)


def _json_texts(values: tuple | list) -> str:
    """``_ENCODER.encode(list(values))`` without the YAML escapes, fast for lists of text."""
    if all(isinstance(value, str) for value in values):
        return "[" + ", ".join(map(_encode_text, values)) + "]"
    return _ENCODER.encode(list(values))


def format_front_matter(cable: Cable, sha256: str) -> str:
    """The file's text before the body (``sha256`` is ``body_sha256(cable.body)``)."""
    lines = [FENCE]
    for key in SCALAR_KEYS:
        lines.append(f"{key}: {_json_scalar(getattr(cable, key))}\n")
    for key in LIST_KEYS:
        lines.append(f"{key}: {_json_texts(getattr(cable, key))}\n")
    lines.append(f"sha256: {_json_scalar(sha256)}\n")
    lines.append("sources:" + ("" if cable.sources else " []") + "\n")
    for source in cable.sources:
        lines.append(
            f'- {{"file": {_json_scalar(source.file)}, "kind": {_json_scalar(source.kind)}, '
            f'"sha256": {_json_scalar(source.sha256)}}}\n'
        )
    lines.append(FENCE)
    # Escaping the whole text at once equals escaping each value: the keys and
    # punctuation hold none of the characters it replaces.
    return _YAML_UNSAFE.sub(_unicode_escape, "".join(lines))


def format_cable_file(cable: Cable) -> str:
    """The full text of a cable's content file; the same cable always gives the same bytes."""
    return format_front_matter(cable, body_sha256(cable.body)) + cable.body


def split_front_matter(text: str, path: str) -> tuple[str, str]:
    """(front matter, body) of a content file."""
    if not text.startswith(FENCE):
        raise ContentError("file does not start with a '---' front matter line", path, 1)
    end = text.find("\n" + FENCE, len(FENCE) - 1)
    if end < 0:
        raise ContentError("front matter has no closing '---' line", path, 1)
    return text[len(FENCE) : end + 1], text[end + 1 + len(FENCE) :]


def _fast_front_matter(front: str) -> dict[str, object] | None:
    """Read the canonical one-JSON-value-per-line shape; None if it is anything else.

    The lines are joined into one JSON object and decoded in one call (a call per
    value cost twice as much, on every file of every build). The decoder reports
    the object's keys in order: a value that smuggles in keys of its own
    (``id: "A", "tags": []``) gives keys that differ from the lines' and is read
    the slow way, like any other line that is not one key and one JSON value.
    """
    keys: list[str] = []
    members: list[str] = []
    sources: list[str] | None = None
    for line in front.splitlines():
        if line.startswith("- ") and sources is not None:
            sources.append(line[2:])
            continue
        if line == "sources:" and sources is None:
            sources = []
            continue
        key, sep, value = line.partition(": ")
        if not sep or not key.isidentifier() or sources is not None:
            return None
        keys.append(key)
        members.append(f'"{key}":{value}')
    if sources is not None:
        keys.append("sources")
        members.append(f'"sources":[{",".join(sources)}]')
    objects: list[list[tuple[str, object]]] = []

    def keep_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
        objects.append(pairs)
        return dict(pairs)

    data = json.loads("{" + ",".join(members) + "}", object_pairs_hook=keep_pairs)
    if [key for key, _ in objects[-1]] != keys:  # the outer object is decoded last
        return None
    return data


def _load_front_matter(front: str, path: str) -> dict[str, object]:
    try:
        data = _fast_front_matter(front)
    except ValueError:
        data = None
    if data is None:
        try:
            data = yaml.load(front, Loader=_Loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc)
            raise ContentError(f"bad front matter: {problem}", path, line) from None
    if not isinstance(data, dict):
        raise ContentError("front matter is not a mapping of keys to values", path, 2)
    return data


def field_line(front: str, key: str) -> int:
    """Line number of ``key:`` in the file (front matter starts on line 2)."""
    for number, line in enumerate(front.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _check(
    data: dict[str, object],
    key: str,
    valid: Callable[[object], bool],
    what: str,
    front: str,
    path: str,
) -> object:
    value = data.get(key)
    if not valid(value):
        raise ContentError(f"'{key}' must be {what}, not {value!r}", path, field_line(front, key))
    return value


def _is_optional_str(value: object) -> bool:
    return value is None or isinstance(value, str)


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def parse_cable_file(text: str, path: str) -> Cable:
    """The Cable stored in a content file; ContentError (with line) when it is malformed."""
    front, body = split_front_matter(text, path)
    data = _load_front_matter(front, path)
    _check(data, "id", lambda v: isinstance(v, str) and v != "", "a reference id", front, path)
    for key in SCALAR_KEYS[1:]:
        _check(data, key, _is_optional_str, "text or null", front, path)
    for key in LIST_KEYS:
        data.setdefault(key, [])
        _check(data, key, _is_str_list, "a list of text", front, path)
    raw_sources = data.get("sources") or []
    if not isinstance(raw_sources, list):
        raise ContentError("'sources' must be a list", path, field_line(front, "sources"))
    sources = []
    for item in raw_sources:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("file", "kind", "sha256")
        ):
            raise ContentError(
                "each source needs text 'file', 'kind' and 'sha256'",
                path,
                field_line(front, "sources"),
            )
        sources.append(Source(item["file"], item["kind"], item["sha256"]))
    return Cable(
        id=data["id"],  # type: ignore[arg-type]
        created=data.get("created"),  # type: ignore[arg-type]
        released=data.get("released"),  # type: ignore[arg-type]
        classification=data.get("classification"),  # type: ignore[arg-type]
        origin=data.get("origin"),  # type: ignore[arg-type]
        subject=data.get("subject"),  # type: ignore[arg-type]
        tags=tuple(data["tags"]),  # type: ignore[arg-type]
        references=tuple(data["references"]),  # type: ignore[arg-type]
        body=body,
        sources=tuple(sources),
    )


def unknown_keys(text: str, path: str) -> list[str]:
    """Front-matter keys this version does not know (for `cablesite check` warnings)."""
    front, _ = split_front_matter(text, path)
    return sorted(set(_load_front_matter(front, path)) - KNOWN_KEYS)
