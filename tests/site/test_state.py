"""The build state's file: equal strings are written once."""

from __future__ import annotations

import marshal

from generator.site.state import BuildState, _as_tuple, share_strings


def fresh(text: str) -> str:
    """An equal string that is another object (as values read by separate workers are)."""
    return "".join(list(text))


def a_state() -> BuildState:
    path = "content/cables/2007/04/07PARIS1.md"
    entry = (
        fresh("07PARIS1"),
        "2007-04-01T10:00",
        None,
        fresh("SECRET"),
        fresh("Embassy Paris"),
        "SUBJECT",
        (fresh("PREL"), fresh("FR")),
        (fresh("07ROME2"),),
        "0" * 64,
        fresh(path),
        (),
    )
    other = (
        fresh("07ROME2"),
        "2007-04-02T10:00",
        None,
        fresh("SECRET"),
        fresh("Embassy Rome"),
        "OTHER",
        (fresh("PREL"),),
        (),
        "1" * 64,
        "content/cables/2007/04/07ROME2.md",
        (),
    )
    return BuildState(
        inputs="x",
        files={fresh(path): (10, 20), "content/cables/2007/04/07ROME2.md": (11, 21)},
        entries={fresh("07PARIS1"): entry, fresh("07ROME2"): other},
        indexes={
            "tag": {"PREL": (fresh("07ROME2"), fresh("07PARIS1")), "FR": (fresh("07PARIS1"),)}
        },
        cited_by={fresh("07ROME2"): (fresh("07PARIS1"),)},
        pages={"cable/2007/04/07PARIS1.html": ("cable", fresh("07PARIS1"), "k1")},
        extras=["sitemap.xml"],
        lookup=[[fresh("07PARIS1"), fresh("07ROME2")]],
    )


def test_shared_strings_keep_the_state_equal_and_write_it_smaller():
    state, before = a_state(), a_state()
    share_strings(state)
    assert state == before
    assert len(marshal.dumps(_as_tuple(state))) < len(marshal.dumps(_as_tuple(before)))
    paris = state.entries["07PARIS1"]
    assert paris[0] is state.indexes["tag"]["FR"][0] is state.lookup[0][0]
    assert paris[6][0] is state.entries["07ROME2"][6][0]  # the tag PREL
    assert paris[9] is next(iter(state.files))  # the file path
