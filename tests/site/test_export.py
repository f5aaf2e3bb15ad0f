"""The data export's fast paths give the bytes of the plain json calls they replace."""

from __future__ import annotations

import json

import pytest

from generator.site.export import category_json


def plain(key: str, ids: list[str]) -> bytes:
    return (json.dumps({"name": key, "ids": ids}, ensure_ascii=False, indent=1) + "\n").encode()


@pytest.mark.parametrize(
    ("key", "ids"),
    [
        ("PREL", ["07ASTANA614", "06STATE202745"]),
        ("Embassy Zürich", ["09ZURICH1"]),
        ('a "quoted" \\ key\u2028', ["05PARIS1", "05PARIS2", "05PARIS3"]),
        ("empty", []),
    ],
)
def test_category_json_is_what_json_dumps_writes(key, ids):
    assert category_json(key, ids) == plain(key, ids)
