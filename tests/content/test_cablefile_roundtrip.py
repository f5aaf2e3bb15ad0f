"""format_cable_file -> parse_cable_file gives back the same cable, whatever its text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cable import Cable, Source
from generator.content.cablefile import format_cable_file, parse_cable_file
from generator.content.store import parse_cable_bytes
from generator.errors import ContentError

# YAML-hostile and otherwise awkward pieces, mixed into arbitrary text.
NASTY = [
    "\x00", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\ufeff", "\u202e", "\u200b", "---",
    "\n---\n", "...", "'", '"', "\\", ": ", "- ", "#", "&a", "*a", "!!python/object", "{", "[",
    "null", "~", "yes", "0x1F", "1e3", "\t", "\x1b[31m", "<script>", "\udcff",
]  # fmt: skip
text = st.lists(st.one_of(st.text(), st.sampled_from(NASTY)), max_size=6).map("".join)
# Surrogates cannot be written as UTF-8; bodies never hold them (decoded sources).
clean_text = text.filter(lambda s: not any("\ud800" <= c <= "\udfff" for c in s))
optional = st.none() | clean_text
sources = st.builds(Source, clean_text, clean_text, clean_text)

cables = st.builds(
    Cable,
    id=st.from_regex(r"[0-9]{2}[A-Z]{2,12}[1-9][0-9]{0,5}", fullmatch=True),
    created=optional,
    released=optional,
    classification=optional,
    origin=optional,
    subject=optional,
    tags=st.lists(clean_text, max_size=4).map(tuple),
    references=st.lists(clean_text, max_size=4).map(tuple),
    body=clean_text,
    sources=st.lists(sources, max_size=3).map(tuple),
)


def fields(cable: Cable) -> tuple:
    return (*cable.to_record().values(), cable.sources)


@settings(max_examples=150, deadline=None)
@given(cables)
def test_round_trip_is_exact(cable: Cable) -> None:
    text = format_cable_file(cable)
    assert fields(parse_cable_file(text, "x.md")) == fields(cable)
    data = text.encode("utf-8")
    assert fields(parse_cable_bytes(data, "x.md")) == fields(cable)
    assert format_cable_file(parse_cable_file(text, "x.md")) == text


def test_front_matter_is_one_line_per_value() -> None:
    cable = Cable("07ASTANA614", None, None, None, None, "A\u2028B\x85C\nD", (), (), "body")
    text = format_cable_file(cable)
    front = text.split("---\n")[1]
    assert len(front.splitlines()) == len(front.split("\n")) - 1
    assert parse_cable_file(text, "x.md").subject == "A\u2028B\x85C\nD"


def test_a_value_cannot_smuggle_in_other_keys() -> None:
    # The fast reader decodes all lines as one JSON object; a value that closes its
    # own string and adds keys must not set them: the file is read as YAML, which
    # refuses that line, naming it.
    text = '---\nid: "07ASTANA614"\nsubject: "S", "tags": ["EVIL"]\ntags: []\n---\nbody'
    with pytest.raises(ContentError) as raised:
        parse_cable_file(text, "x.md")
    assert (raised.value.path, raised.value.line) == ("x.md", 3)


def test_hand_written_yaml_front_matter_still_reads() -> None:
    text = "---\nid: 07ASTANA614\ntags:\n  - KCRM\nsubject: Kazakhstan\n---\nbody"
    cable = parse_cable_file(text, "x.md")
    assert (cable.id, cable.tags, cable.subject, cable.body) == (
        "07ASTANA614",
        ("KCRM",),
        "Kazakhstan",
        "body",
    )
