"""Golden cases, one per quirk: tests/ingest/cases/NAME.{html,txt,md} -> NAME.expected.json.

An expected file holds the kind of source and the full records (body included),
or {"error": MESSAGE} for input that must be refused with a ParseError.
To regenerate one after a deliberate change, run `cablesite parse --json` on it
and review the difference before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import ParseError
from generator.ingest import parse_source

CASES = Path(__file__).resolve().parent / "cases"
SOURCES = sorted(path for path in CASES.iterdir() if not path.name.endswith(".expected.json"))


def expected_for(source: Path) -> dict:
    stem = source.name.rsplit(".", 1)[0]
    return json.loads((CASES / f"{stem}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("source", SOURCES, ids=[path.name for path in SOURCES])
def test_golden_case(source: Path) -> None:
    expected = expected_for(source)
    if "error" in expected:
        with pytest.raises(ParseError) as caught:
            parse_source(source)
        assert caught.value.message == expected["error"]
        assert caught.value.path == str(source)
        return
    cables = parse_source(source)
    assert [cable.to_record() for cable in cables] == expected["cables"]
    assert {cable.sources[0].kind for cable in cables} == {expected["kind"]}


def test_every_case_has_an_expectation() -> None:
    assert len(SOURCES) >= 20
    for source in SOURCES:
        assert expected_for(source)
