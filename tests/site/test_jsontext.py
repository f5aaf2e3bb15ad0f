"""`indented` and `one_line` write what json.dumps(ensure_ascii=False) writes, with an
indent of 1 and without."""

from __future__ import annotations

import json
import random
from json.encoder import encode_basestring

import pytest

from generator.site.jsontext import Encoded, indented, one_line

AWKWARD = [
    "",
    "plain",
    'quote " and \\ backslash',
    "tab\tnewline\ncr\r",
    "\x00\x1f\x7f",
    "Ünïcødé ¶ §",
    "\u2028\u2029",
    "lone \udc80 surrogate",
    "emoji 🙂",
]


def random_value(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randrange(9 if depth < 4 else 5)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.randrange(-(10**6), 10**6)
    if choice in (3, 4):
        return rng.choice(AWKWARD)
    if choice in (5, 6):
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {
        rng.choice(AWKWARD) + str(i): random_value(rng, depth + 1) for i in range(rng.randrange(4))
    }


@pytest.mark.parametrize("seed", range(200))
def test_same_text_as_json_dumps(seed):
    value = random_value(random.Random(seed))
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=1)
    assert one_line(value) == json.dumps(value, ensure_ascii=False)


def test_an_encoded_string_is_taken_as_it_is():
    text = 'line "one"\nline two ¶'
    record = {"id": "X", "body": Encoded(encode_basestring(text))}
    assert json.loads(indented(record))["body"] == text
    assert one_line(record) == json.dumps({"id": "X", "body": text}, ensure_ascii=False)


def test_a_cable_record():
    record = {
        "id": "07ASTANA614",
        "released": None,
        "tags": ["PGOV", "KZ"],
        "references": [],
        "sources": [{"file": "a.html", "kind": "wikileaks-html"}],
        "body": "1. (C) <b>&</b>\n",
    }
    assert indented(record) == json.dumps(record, ensure_ascii=False, indent=1)


def test_refuses_what_json_text_cannot_hold():
    with pytest.raises(TypeError, match="set"):
        indented({"x": {1, 2}})
    with pytest.raises(TypeError, match="float"):
        one_line([1.5])
