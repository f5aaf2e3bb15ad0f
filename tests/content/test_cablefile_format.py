"""The fast front-matter formatter writes exactly what one JSON encoder call per value wrote."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cable import Cable, Source
from generator.content.cablefile import body_sha256, format_cable_file, format_front_matter

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
ENCODER = json.JSONEncoder(ensure_ascii=False)


def reference_value(value: object) -> str:
    """How every value was written before: a JSON encoder call, then the YAML escapes."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", ENCODER.encode(value))


def reference_file(cable: Cable) -> str:
    lines = ["---\n"]
    for key in ("id", "created", "released", "classification", "origin", "subject"):
        lines.append(f"{key}: {reference_value(getattr(cable, key))}\n")
    for key in ("tags", "references"):
        lines.append(f"{key}: {reference_value(list(getattr(cable, key)))}\n")
    lines.append(f"sha256: {reference_value(body_sha256(cable.body))}\n")
    lines.append("sources:" + ("" if cable.sources else " []") + "\n")
    for s in cable.sources:
        item = {"file": s.file, "kind": s.kind, "sha256": s.sha256}
        lines.append(f"- {reference_value(item)}\n")
    return "".join(lines) + "---\n" + cable.body


NASTY = ["\x00", "\x1f", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff",
         '"', "\\", "\n", "\r", "\t", "\ud800", "é", "\U0001f600", "---\n"]  # fmt: skip
text = st.lists(st.one_of(st.text(), st.sampled_from(NASTY)), max_size=5).map("".join)
cables = st.builds(
    Cable,
    id=text,
    created=st.none() | text,
    released=st.none() | text,
    classification=st.none() | text,
    origin=st.none() | text,
    subject=st.none() | text,
    tags=st.lists(text, max_size=4).map(tuple),
    references=st.lists(text, max_size=4).map(tuple),
    body=text,
    sources=st.lists(st.builds(Source, text, text, text), max_size=3).map(tuple),
)


@settings(max_examples=300, deadline=None)
@given(cables)
def test_same_text_as_one_encoder_call_per_value(cable: Cable) -> None:
    assert format_cable_file(cable) == reference_file(cable)


def test_values_that_are_not_text_still_go_through_the_encoder() -> None:
    odd = Cable("07X1", None, None, None, None, 5, (1, None), (), "b")  # type: ignore[arg-type]
    assert format_cable_file(odd) == reference_file(odd)


def test_front_matter_is_the_file_before_the_body() -> None:
    cable = Cable("07ASTANA614", "2007-03-07T12:06", None, None, None, None, (), (), "body\n")
    sha = body_sha256(cable.body)
    assert format_front_matter(cable, sha) + cable.body == format_cable_file(cable)
