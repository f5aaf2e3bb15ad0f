"""Build behaviour on tiny archives: escaping, cable links, determinism, prune, atomicity."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitecorpus import build_site, write_cable

from generator.cable import Cable, Source
from generator.errors import CablesiteError
from generator.report import Reporter
from generator.site.build import build
from generator.site.config import load_config

BODY = """VZCZCXYZ0001
P 071206Z MAR 07
FM AMEMBASSY ASTANA
TO SECSTATE WASHDC PRIORITY 1234

UNCLAS ASTANA 000614

E.O. 12958: N/A
TAGS: KCRM PHUM KZ
SUBJECT: KAZAKHSTAN SUBMISSIONS FOR 2007 TIP REPORT

REF: A. 06 STATE 202745 B. 06 ASTANA 99

1. (U) Summary: <script>alert("x")</script> & more.

2. (SBU) See ref A.

ASTANA 00000614  002 OF 016

3. Last paragraph.
"""


def cable(cable_id: str, created: str, body: str = BODY, refs: tuple[str, ...] = ()) -> Cable:
    return Cable(
        id=cable_id,
        created=created,
        released="2011-08-30T01:44",
        classification="UNCLASSIFIED",
        origin="Embassy Astana",
        subject=f"SUBJECT OF {cable_id}",
        tags=("KCRM", "PHUM", "KZ"),
        references=refs,
        body=body,
        sources=(Source("x.txt", "wikileaks-text", "0" * 64),),
    )


@pytest.fixture
def content_tree(tmp_path):
    """content/ with the given cables; returns the content folder."""

    def make(*cables: Cable) -> Path:
        content = tmp_path / "content"
        for item in cables:
            write_cable(content, item)
        return content

    return make


def tiny(content_tree) -> Path:
    return content_tree(
        cable("07ASTANA614", "2007-03-07T12:06", refs=("06STATE202745", "06ASTANA99")),
        cable("06STATE202745", "2006-11-01T10:00", body="UNCLAS STATE 202745\n\n1. Text.\n"),
        cable("05PARIS1", None, body="undated text\n"),
    )


def test_script_in_a_cable_shows_as_text(content_tree, tmp_path):
    build_site(tiny(content_tree), tmp_path / "site", tmp_path / ".cache")
    html = (tmp_path / "site/cable/2007/03/07ASTANA614.html").read_text()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more." in html


def test_references_link_both_ways(content_tree, tmp_path):
    build_site(tiny(content_tree), tmp_path / "site", tmp_path / ".cache")
    html = (tmp_path / "site/cable/2007/03/07ASTANA614.html").read_text()
    assert '<a class="ref" href="../../../cable/2006/11/06STATE202745.html"' in html
    assert ">06 STATE 202745</a>" in html
    assert "06 ASTANA 99" in html and '06ASTANA99 <span class="muted">(not in this archive)' in html
    assert 'id="par1"' in html and 'id="par3"' in html
    assert '<span class="pagemark">ASTANA 00000614  002 OF 016</span>' in html
    cited = (tmp_path / "site/cable/2006/11/06STATE202745.html").read_text()
    assert "Cited by" in cited and "../../../cable/2007/03/07ASTANA614.html" in cited
    assert (tmp_path / "site/cable/undated/05PARIS1.html").is_file()


def test_variants_are_noted(content_tree, tmp_path):
    content = tiny(content_tree)
    other = cable("07ASTANA614", "2007-03-07T12:06", body=BODY.replace("Last", "Final"))
    folder = content / "cables/2007/03"
    write_cable(tmp_path / "v", other)
    os.replace(
        tmp_path / "v/cables/2007/03/07ASTANA614.md", folder / "07ASTANA614.variant-0123456789ab.md"
    )
    build_site(content, tmp_path / "site", tmp_path / ".cache")
    html = (tmp_path / "site/cable/2007/03/07ASTANA614.html").read_text()
    assert "Other texts of this cable" in html and "1 line added, 1 removed" in html


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_deterministic_and_noop_rebuild(content_tree, tmp_path):
    content = tiny(content_tree)
    build_site(content, tmp_path / "a", tmp_path / ".cache-a")
    build_site(content, tmp_path / "b", tmp_path / ".cache-b")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "a").rglob("*")}
    report = build_site(content, tmp_path / "a", tmp_path / ".cache-a")
    assert report.written == 0 and report.rendered == 0 and report.removed == 0
    assert mtimes == {p: p.stat().st_mtime_ns for p in (tmp_path / "a").rglob("*")}


def test_prune_removes_what_is_no_longer_produced(content_tree, tmp_path):
    content = tiny(content_tree)
    build_site(content, tmp_path / "site", tmp_path / ".cache")
    (tmp_path / "site/stray.html").write_text("old")
    (content / "cables/2006/11/06STATE202745.md").unlink()
    report = build_site(content, tmp_path / "site", tmp_path / ".cache")
    site = tmp_path / "site"
    assert not (site / "cable/2006/11").exists()
    assert report.removed >= 4
    assert (site / "stray.html").exists()  # an incremental build only knows its own files
    report = build_site(content, tmp_path / "site", tmp_path / ".cache", full=True)
    assert not (site / "stray.html").exists() and report.removed == 1
    html = (site / "cable/2007/03/07ASTANA614.html").read_text()
    assert "06 STATE 202745</a>" not in html  # the reference is plain text now
    fresh = tmp_path / "fresh"
    build_site(content, fresh, tmp_path / ".cache-fresh")
    assert snapshot(site) == snapshot(fresh)


def test_failing_build_leaves_the_site_intact(content_tree, tmp_path):
    content = tiny(content_tree)
    build_site(content, tmp_path / "site", tmp_path / ".cache")
    before = snapshot(tmp_path / "site")
    theme = tmp_path / "theme/templates"
    theme.mkdir(parents=True)
    (theme / "browse.html").write_text(
        "{% extends 'base.html' %}{% block main %}{{ no_such_name.x }}{% endblock %}"
    )
    (content / "cables/2006/11/06STATE202745.md").unlink()
    with pytest.raises(CablesiteError) as failure:
        build_site(content, tmp_path / "site", tmp_path / ".cache", theme_dir=tmp_path / "theme")
    assert "browse.html" in str(failure.value)
    assert snapshot(tmp_path / "site") == before


def build_with_theme(content: Path, tmp_path: Path, templates: dict[str, str]) -> Path:
    """Build with a user theme holding ``templates`` (name -> text); the site folder."""
    for name, text in templates.items():
        template = tmp_path / "theme/templates" / name
        template.parent.mkdir(parents=True, exist_ok=True)
        template.write_text(text)
    build_site(content, tmp_path / "site", tmp_path / ".cache", theme_dir=tmp_path / "theme")
    return tmp_path / "site"


def test_user_theme_overrides_a_template_by_name(content_tree, tmp_path):
    mine = "{% extends 'base.html' %}{% block main %}MINE{% endblock %}"
    site = build_with_theme(tiny(content_tree), tmp_path, {"home.html": mine})
    assert "MINE" in (site / "index.html").read_text()


def test_user_theme_navigation_partial_reaches_every_depth(content_tree, tmp_path):
    # partials/nav.html is rendered once per folder depth (nav.menu), not per page.
    nav = '<nav>MYNAV <a href="{{ nav.home }}">home</a></nav>\n'
    site = build_with_theme(tiny(content_tree), tmp_path, {"partials/nav.html": nav})
    assert '<nav>MYNAV <a href="index.html">home</a></nav>' in (site / "index.html").read_text()
    cable_page = next(site.glob("cable/*/*/*.html")).read_text()
    assert '<nav>MYNAV <a href="../../../index.html">home</a></nav>' in cable_page


def test_bad_content_file_is_reported_and_skipped(content_tree, tmp_path):
    content = tiny(content_tree)
    (content / "cables/2007/03/07BAD1.md").write_text("no front matter\n")
    reporter = Reporter(quiet=True)
    config = load_config(
        None,
        {
            "content_dir": content,
            "out_dir": tmp_path / "site",
            "cache_dir": tmp_path / ".c",
            "search": False,
        },
    )
    report = build(config, reporter)
    assert reporter.errors == 1 and report.cables == 3


def test_citation_forms_are_linked():
    from generator.site.cabletext import Linker, cable_text_html

    linker = Linker(
        ref_href=lambda r: f"x/{r}.html" if r != "08ROME9" else None,
        tag_href=lambda t: f"t/{t}",
        tag_meaning=lambda t: None,
    )
    text = "REF: A. 06 STATE 202745 B. 09USUNNEWYORK512\nSEE USUN NEW YORK 512, ROME 9 & <b>\n"
    html = cable_text_html(text, (), ("06STATE202745", "09USUNNEWYORK512", "08ROME9"), linker)
    assert (
        '<a class="ref" href="x/06STATE202745.html" title="06STATE202745">06 STATE 202745</a>'
        in html
    )
    assert ">09USUNNEWYORK512</a>" in html
    assert 'SEE <a class="ref" href="x/09USUNNEWYORK512.html"' in html
    assert "ROME 9 &amp; &lt;b&gt;" in html


def test_incremental_build_equals_clean_build(content_tree, tmp_path):
    content = tiny(content_tree)
    site, cache = tmp_path / "site", tmp_path / ".cache"
    build_site(content, site, cache)
    edited = cable("07ASTANA614", "2007-03-07T12:06", refs=("06STATE202745",))
    edited = Cable(
        **{
            **edited.to_record(),
            "tags": ("PREL", "KZ"),
            "subject": "NEW SUBJECT",
            "body": BODY.replace("Last", "Edited"),
            "sources": edited.sources,
        }
    )
    write_cable(content, edited)  # text, tags and subject changed
    write_cable(content, cable("08ASTANA1", "2008-01-01T00:00"))  # added
    (content / "cables/undated/05PARIS1.md").unlink()  # deleted
    report = build_site(content, site, cache)
    assert 0 < report.rendered < report.rendered + report.skipped
    fresh = tmp_path / "fresh"
    build_site(content, fresh, tmp_path / ".cache-fresh")
    assert snapshot(site) == snapshot(fresh)
    cited = (site / "cable/2006/11/06STATE202745.html").read_text()
    assert "NEW SUBJECT" in cited  # the cited cable shows the new subject of its citer
