"""Properties of the cable-text renderer (generator/site/cabletext.py) for any text.

Whatever the text, TAGS and REF list: the HTML holds only the linker's own
elements (``a``, ``span``) with the linker's own attributes and links, and its
text is the cable text, character for character, plus the ¶ of the anchors.
"""

from __future__ import annotations

import domcheck
import hostile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.site.cabletext import Linker, cable_text_html

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALLOWED = {"a": {"class", "id", "href", "title"}, "span": {"class"}}
PIECES = (
    *hostile.ALL_PAYLOADS,
    "\n\n1. ",
    "\n\n¶2. ",
    "\nTAGS: ",
    "\nSUBJECT: ",
    "REF: 06 STATE 202745",
    "07ASTANA614",
    "ASTANA 00000614  002 OF 016",
    "PHUM",
    "\n",
    "\r\n",
    " ",
)
texts = st.lists(st.one_of(st.text(), st.sampled_from(PIECES)), max_size=12).map("".join)
names = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
LINKER = Linker(
    ref_href=lambda ref: f"../../../cable/2006/01/{ref}.html" if ref[:2].isdigit() else None,
    tag_href=lambda tag: f"../../../tag/{abs(hash(tag))}/index.html",
    tag_meaning=lambda tag: f"meaning of {tag}",
)


def _hrefs_allowed(value: str) -> bool:
    return value.startswith(("#par", "../../../cable/", "../../../tag/"))


@SETTINGS
@given(texts, st.lists(names, max_size=4), st.lists(names, max_size=4))
def test_cable_text_is_text_with_only_the_linkers_markup(text, tags, references):
    html = str(cable_text_html(text, tuple(tags), ("06STATE202745", *references), LINKER))
    dom = domcheck.parse_page(html)
    for element in dom.elements:
        assert element.tag in ALLOWED, (element.tag, text)
        for name, value in element.attrs:
            assert name in ALLOWED[element.tag], (name, text)
            if name == "href":
                assert value is not None and _hrefs_allowed(value), value
    assert dom.comments == [] and dom.declarations == [] and dom.script_text == []
    assert dom.all_text.replace("¶", "") == text.replace("¶", "")
