"""Diplomatic posts: FM lines and station names to the archive's origin and id token.

The table lives in ``generator/data/posts.txt`` (see its header for the format).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

_FM_PREFIXES = (
    ("AMEMBASSY ", "Embassy"),
    ("AMEMB ", "Embassy"),
    ("AMCONSUL ", "Consulate"),
    ("AMCONGEN ", "Consulate"),
    ("USOFFICE ", "US Office"),
)


@dataclass(frozen=True, slots=True)
class Post:
    origin: str  # as the archive spells it: "Embassy Astana", "USUN New York"
    token: str  # in reference ids: "ASTANA", "USUNNEWYORK"


@dataclass(frozen=True, slots=True)
class PostTable:
    by_fm: dict[str, Post]  # "AMEMBASSY ASTANA" -> post
    by_station: dict[str, Post]  # "ASTANA", "RIO DE JAN", "USUN" -> post
    longest_station: int  # most words in one station spelling


def title_words(name: str) -> str:
    """'PORT AU PRINCE' -> 'Port Au Prince' (the archive capitalizes every word)."""
    return " ".join(word.capitalize() for word in name.split())


def normalize_name(name: str) -> str:
    return " ".join(name.upper().replace(".", " ").replace("-", " ").split())


def _add_city(table: PostTable, kind: str, fields: list[str]) -> None:
    city = fields[0]
    upper = normalize_name(city)
    post = Post(f"{kind} {city}", upper.replace(" ", "").replace("'", ""))
    prefix = "AMEMBASSY" if kind == "Embassy" else "AMCONSUL"
    table.by_fm[f"{prefix} {upper}"] = post
    for spelling in (upper, *fields[1:]):
        table.by_station.setdefault(normalize_name(spelling), post)


def _add_special(table: PostTable, fields: list[str]) -> None:
    origin, token, fm_line, *spellings = fields
    post = Post(origin, token)
    table.by_fm[normalize_name(fm_line)] = post
    for spelling in (fm_line, *spellings):
        table.by_station.setdefault(normalize_name(spelling), post)


@functools.cache
def post_table() -> PostTable:
    text = resources.files("generator").joinpath("data/posts.txt").read_text("utf-8")
    table = PostTable({}, {}, 1)
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, *fields = raw.split("|")
        if kind == "X":
            _add_special(table, fields)
        else:
            _add_city(table, "Embassy" if kind == "E" else "Consulate", fields)
    longest = max(len(name.split()) for name in table.by_station)
    return PostTable(table.by_fm, table.by_station, longest)


def post_from_fm(fm_text: str) -> Post | None:
    """The post named by the text of an FM line ("AMEMBASSY ASTANA")."""
    name = normalize_name(fm_text)
    table = post_table()
    if name in table.by_fm:
        return table.by_fm[name]
    for prefix, kind in _FM_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            city = name[len(prefix) :]
            known = table.by_station.get(city)
            if known is not None and known.origin.startswith(kind):
                return known
            return Post(f"{kind} {title_words(city)}", city.replace(" ", ""))
    if name.startswith("USMISSION "):
        rest = name[len("USMISSION ") :]
        shown = rest if rest.startswith("US") else title_words(rest)
        return Post(f"Mission {shown}", rest.replace(" ", ""))
    return table.by_station.get(name)


def post_from_station(station: str) -> Post | None:
    """The post of a station name as written in classification and REF lines."""
    return post_table().by_station.get(normalize_name(station))


def token_for_station(station: str) -> str:
    """Id token of a station name; unknown names are written without spaces."""
    post = post_from_station(station)
    if post is not None:
        return post.token
    return normalize_name(station).replace(" ", "").replace("'", "")
