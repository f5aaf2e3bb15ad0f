"""Loading cable files into entries."""

from __future__ import annotations

import marshal

from generator.archive.load import load_entry
from generator.cable import Cable, Source
from generator.content.cablefile import body_sha256, format_cable_file


def cable(number: int) -> Cable:
    body = f"SUBJECT: TEST {number}\n\n1. (C) Text.\n"
    return Cable(
        id=f"07PARIS{number}",
        created="2007-04-01T10:00",
        released=None,
        classification="CONFIDENTIAL",
        origin="Embassy Paris",
        subject=f"TEST {number}",
        tags=("PREL", "FR"),
        references=(),
        body=body,
        sources=(Source(f"test-{number}.txt", "text", body_sha256(body)),),
    )


def write_cable(folder, cable: Cable):
    path = folder / f"{cable.id}.md"
    path.write_text(format_cable_file(cable), encoding="utf-8", newline="")
    return path


def test_values_cables_share_are_one_object_so_the_build_state_writes_them_once(tmp_path):
    one, two = (load_entry(write_cable(tmp_path, cable(n))) for n in (1, 2))
    assert one.classification is two.classification and one.origin is two.origin
    assert all(a is b for a, b in zip(one.tags, two.tags, strict=True))
    apart = (one.origin, "".join(list(two.origin)))  # equal, but two objects
    assert len(marshal.dumps((one.origin, two.origin))) < len(marshal.dumps(apart))
