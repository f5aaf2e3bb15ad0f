"""The fast paths of page rendering give exactly what the slow, obvious ways give.

Table rows and the lists of a cable page are built in Python rather than by
template loops, cable text is escaped without markupsafe's Markup objects, and
the routing header is split from its line count. Each is compared here with the template
markup or library call it replaces, on hostile values too.
"""

# ruff: noqa: E501 - TEMPLATES holds the old template lines verbatim, long as they were

from __future__ import annotations

import re

import jinja2
import markupsafe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.archive.model import CableEntry
from generator.ingest.telegram import split_header as ingest_split_header
from generator.site import cabletext
from generator.site.cablepage import (
    citing_items,
    classification_level,
    meta_items,
    reference_items,
    tag_items,
    when,
)
from generator.site.render import table_rows

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = ('<script>alert("x")</script>', "a & b", "it's", '"><img src=x>', "&amp;", "¶")
texts = st.one_of(st.text(), st.sampled_from(HOSTILE))
optional = st.one_of(st.none(), texts)

# The markup the templates wrote before these lists moved to Python.
TEMPLATES = {
    "rows": """{% for e, href in rows %}
<tr>
<td class="id"><a href="{{ href }}">{{ e.id }}</a></td>
<td class="subject">{{ e.subject or "(no subject)" }}</td>
<td class="date">{{ e.created|when }}</td>
<td class="date">{{ e.released|when }}</td>
<td><span class="cls cls-{{ e.classification|level }}">{{ e.classification or "Unknown" }}</span></td>
<td>{{ e.origin or "Unknown" }}</td>
</tr>
{% endfor %}""",
    "meta": """<div><dt>Reference ID</dt><dd><a href="{{ links.self }}">{{ cable.id }}</a></dd></div>
<div><dt>Created</dt><dd><a href="{{ links.date }}">{{ cable.created|when }}</a></dd></div>
<div><dt>Released</dt><dd><a href="{{ links.reldate }}">{{ cable.released|when }}</a></dd></div>
<div><dt>Classification</dt><dd><a href="{{ links.classification }}"><span class="cls cls-{{ cable.classification|level }}">{{ cable.classification or "Unknown" }}</span></a></dd></div>
<div><dt>Origin</dt><dd><a href="{{ links.origin }}">{{ cable.origin or "Unknown" }}</a></dd></div>
""",
    "tags": """{% for tag, href, meaning in tags %}
<li><a class="tag" href="{{ href }}"{% if meaning %} title="{{ meaning }}"{% endif %}>{{ tag }}</a>{% if meaning %} <span class="meaning">{{ meaning }}</span>{% endif %}</li>
{% endfor %}""",
    "refs": """{% for ref, href, subject in refs %}
<li>{% if href %}<a href="{{ href }}">{{ ref }}</a> <span class="muted">{{ subject or "" }}</span>{% else %}{{ ref }} <span class="muted">(not in this archive)</span>{% endif %}</li>
{% endfor %}""",
    "cited": """{% for e, href in cited %}
<li><a href="{{ href }}">{{ e.id }}</a> <span class="muted">{{ e.subject or "" }}</span></li>
{% endfor %}""",
}
ENV = jinja2.Environment(
    loader=jinja2.DictLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
ENV.filters.update(when=when, level=classification_level)


def template(name: str, **context: object) -> str:
    return ENV.get_template(name).render(**context)


entries = st.builds(
    CableEntry,
    id=texts,
    created=optional,
    released=optional,
    classification=st.one_of(optional, st.sampled_from(["SECRET//NOFORN", "UNCLASSIFIED"])),
    origin=optional,
    subject=optional,
    tags=st.just(()),
    references=st.just(()),
    sha256=st.just("0" * 64),
    file=st.just("x.md"),
    variants=st.just(()),
)


META_LINKS = ("self", "date", "reldate", "classification", "origin")


@SETTINGS
@given(texts)
def test_escape_text_is_markupsafe_escape(text):
    assert cabletext.escape_text(text) == str(markupsafe.escape(text))


@SETTINGS
@given(st.lists(st.tuples(entries, texts), max_size=4))
def test_table_rows_are_the_template_rows(rows):
    assert str(table_rows(rows)) == template("rows", rows=rows)


@SETTINGS
@given(entries, st.fixed_dictionaries({k: texts for k in META_LINKS}))
def test_meta_items_are_the_template_items(entry, links):
    assert str(meta_items(entry, links)) == template("meta", cable=entry, links=links)


@SETTINGS
@given(
    st.lists(st.tuples(texts, texts, optional), max_size=4),
    st.lists(st.tuples(texts, optional, optional), max_size=4),
    st.lists(st.tuples(entries, texts), max_size=3),
)
def test_cable_lists_are_the_template_lists(tags, refs, cited):
    assert str(tag_items(tags)) == template("tags", tags=tags)
    assert str(reference_items(refs)) == template("refs", refs=refs)
    assert str(citing_items(cited)) == template("cited", cited=cited)


HEADER_PIECES = (
    "VZCZCXRO5005\n",
    "PP RUEHWF RUEHMP\n",
    "DE RUEHMS #0010 1221038\n",
    "ZNY CCCCC ZZH\n",
    "P 011038Z MAY 08\n",
    "FM AMEMBASSY MANILA\n",
    "TO RUEHC/SECSTATE WASHDC PRIORITY 6884\n",
    "INFO RUEHHO/AMCONSUL HALIFAX 7617\n",
    "BT\n",
    "\n",
    " \n",
    "C O N F I D E N T I A L MANILA 000010\n",
    "UNCLAS SECTION 01 OF 02 ASTANA 000614\n",
    "SECRET\n",
    "SIPDIS\n",
    "E.O. 12958: DECL: 05/01/2018\n",
    "TAGS: PREL RP\n",
    "SUBJECT: A SUBJECT\n",
    "1. (C) Text of the cable.\n",
    "This record is a partial extract of the original cable.\n",
)
telegrams = st.lists(st.one_of(st.sampled_from(HEADER_PIECES), st.text(max_size=20)), max_size=20)


@SETTINGS
@given(telegrams.map("".join))
def test_split_header_is_the_ingest_split(body):
    assert cabletext.split_header(body) == ingest_split_header(body)


def test_split_header_on_real_cables():
    import sitecorpus

    sitecorpus.require_corpus()
    for record in sitecorpus.truth_records():
        body = sitecorpus.cable_from_truth(record).body
        assert cabletext.split_header(body) == ingest_split_header(body), record["id"]


# The patterns the ¶ anchors and page markers were found with before the fast scans.
SLOW_PARAGRAPH = re.compile(r"^([ \t]*)(¶[ \t]*)?(\d{1,3}|[A-Z])\.(?=[ \t(]|$)", re.M)
SLOW_MARKER = re.compile(r" \d{5,8}[ \t]+\d{3}(?:\.\d)? OF \d{3}[ \t]*$", re.M)
LINE_PIECES = (
    "1.",
    " 2. ",
    "¶3.",
    "¶ 4. ",
    "A. ",
    "12.(",
    "\n",
    "\n\n",
    " ",
    "\t",
    "TEXT",
    "ASTANA 00000614  002 OF 016",
    "RIO DE JANEIRO 00001234 003.1 OF 004 ",
    " OF 016",
)
lined_texts = st.lists(
    st.one_of(st.sampled_from(LINE_PIECES), st.text(max_size=6)), max_size=25
).map("".join)


@SETTINGS
@given(lined_texts)
def test_paragraph_scan_finds_what_the_line_anchored_pattern_finds(text):
    expected = [(m.start(), m.group(1, 2, 3)) for m in SLOW_PARAGRAPH.finditer(text)]
    lined = "\n" + text
    found = [(m.start(), m.group(1, 2, 3)) for m in cabletext._PARAGRAPH.finditer(lined)]
    assert found == expected


@SETTINGS
@given(lined_texts)
def test_marker_scan_finds_what_the_tail_pattern_finds(text):
    expected = []
    for m in SLOW_MARKER.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if cabletext._MARKER_HEAD.fullmatch(text, start, m.start()):
            expected.append((start, m.end()))
    assert [(start, end) for start, end, _ in cabletext._marker_spans(text)] == expected
