"""The page checker itself: raw payloads pasted into a page are caught."""

from __future__ import annotations

import domcheck
import hostile
import pytest

VOCABULARY = domcheck.theme_vocabulary()
PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><body><main>'
    '<pre class="telegram">{}</pre></main></body></html>'
)
# Raw payloads that add no element or attribute (lone brackets, stray end tags, an
# unclosed comment, a doctype): the element check cannot see them; the tests that
# the hostile text shows as text (test_hostile_site.py) do.
HARMLESS_RAW = {
    "<", ">", "&", "]]>", "-->", "<!--", "<!DOCTYPE html>", "</div></div></div></body></html>",
    "<b><i>unbalanced", "<table><tr><td>", "<pre>",
}  # fmt: skip


@pytest.mark.parametrize(
    "payload",
    [
        p
        for p in hostile.MARKUP
        if "<" in p and p not in HARMLESS_RAW and not p.startswith(("&", "{", "$", "#"))
    ],
)
def test_a_raw_payload_is_caught(payload):
    assert domcheck.problems(domcheck.parse_page(PAGE.format(payload)), VOCABULARY)


def test_the_same_payload_escaped_is_clean():
    from markupsafe import escape

    for payload in hostile.ALL_PAYLOADS:
        assert (
            domcheck.problems(domcheck.parse_page(PAGE.format(escape(payload))), VOCABULARY) == []
        )


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("java\tscript:x", "javascript"),
        (" \x0eJAVASCRIPT:x", "javascript"),
        ("../a.html", None),
        ("a/b:c", None),
        ("data:x", "data"),
    ],
)
def test_url_scheme_is_read_as_a_browser_reads_it(value, scheme):
    assert domcheck.url_scheme(value) == scheme
