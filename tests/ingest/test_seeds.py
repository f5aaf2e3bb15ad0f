"""The five seed files give exactly the values listed in issue 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest import parse_source

EXPECTED = {
    "000": {
        "id": "07ASTANA1061",
        "created": "2007-04-25T10:24",
        "released": "2011-08-30T01:44",
        "classification": "UNCLASSIFIED",
        "origin": "Embassy Astana",
        "tags": [],
        "references": ["06ASTANA368"],
    },
    "001": {
        "id": "08ASTANA1111",
        "created": "2008-06-13T11:56",
        "released": "2011-08-30T01:44",
        "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "origin": "Embassy Astana",
        "subject": "KAZAKHSTAN: TIP REPORT DELIVED",
        "tags": ["PHUM", "PGOV", "KCRIM", "KZ"],
        "references": ["08STATE58370"],
    },
    "002": {
        "id": "07ASTANA614",
        "created": "2007-03-07T12:06",
        "released": "2011-08-26T00:00",
        "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "origin": "Embassy Astana",
        "subject": "KAZAKHSTAN SUBMISSIONS FOR 2007 TIP REPORT",
        "tags": ["KCRM", "PHUM", "KWMN", "SMIG", "KFRD", "ASEC", "PREF", "ELAB", "PREL", "KZ"],
        "references": ["06STATE202745"],
    },
    "003": {
        "id": "07ASTANA367",
        "created": "2007-02-12T04:28",
        "released": "2011-08-30T01:44",
        "classification": "UNCLASSIFIED",
        "origin": "Embassy Astana",
        "subject": "KAZAKHSTAN: INL CONDUCTS ANTI-TIP TRAINING COURSE FOR LAW ENFORCEMENT, "
        "PROCURACY, AND JUDICIARY",
        "tags": ["SNAR", "PINS", "PGOV", "PHUM", "KCRM", "KZ"],
        "references": [],
    },
    "004": {
        "id": "07ASTANA2113",
        "created": "2007-08-05T11:31",
        "released": None,
        "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "origin": "Embassy Astana",
        "subject": "KAZAKHSTAN: G/TIP ACTION PLAN SEEN AS A (MOSTLY) GOOD ROADMAP",
        "tags": ["PHUM", "PGOV", "KCRIM", "KZ"],
        "references": ["07STATE99409"],
    },
}
KINDS = {
    "000": "wikileaks-text",
    "001": "wikileaks-text",
    "002": "wikileaks-text",
    "003": "blog-repost",
    "004": "markdown",
}
# First and last words of each cable's text: nothing before the telegram, the signature kept.
BODY_ENDS = {
    "000": ("DE RUEHTA #1061/01 1151024", "legislation and will result in convictions. "),
    "001": ("VZCZCXRO8638", "ORDWAY"),
    "002": ("VZCZCXRO8373", "ORDWAY"),
    "003": ("VZCZCXRO4403", "ORDWAY"),
    "004": ("VZCZCXRO1636", "MILAS"),
}
CHROME = (
    "WikiLeaks",
    "Wikileaks",
    "Reference ID",
    "Browse by",
    "Post a comment",
    "Leave a Reply",
    "bloggers like this",
    "Advertisements",
    "](#)",
    "&#x",
    "¶",
)


def _seed(seeds_dir: Path, number: str) -> Path:
    (path,) = seeds_dir.glob(f"{number}_*.txt")
    return path


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_seed_fields(seeds_dir: Path, number: str) -> None:
    (cable,) = parse_source(_seed(seeds_dir, number))
    record = cable.to_record()
    for key, value in EXPECTED[number].items():
        assert record[key] == value, key
    assert cable.sources[0].kind == KINDS[number]
    assert cable.sources[0].file == _seed(seeds_dir, number).name


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_seed_body_is_the_whole_telegram_without_chrome(seeds_dir: Path, number: str) -> None:
    (cable,) = parse_source(_seed(seeds_dir, number))
    first, last = BODY_ENDS[number]
    assert cable.body.startswith(first)
    assert cable.body.endswith(last)
    for chrome in CHROME:
        assert chrome not in cable.body


def test_split_entity_in_seed_000_becomes_a_line_break(seeds_dir: Path) -> None:
    (cable,) = parse_source(_seed(seeds_dir, "000"))
    assert "to create an \nAnti-TIP Center" in cable.body


def test_markdown_seed_keeps_every_paragraph(seeds_dir: Path) -> None:
    (cable,) = parse_source(_seed(seeds_dir, "004"))
    assert "TAGS: PHUM PGOV KCRIM KZ" in cable.body
    for number in range(1, 5):
        assert f"\n{number}. " in cable.body
