"""Editorial pages (content/pages/*.md): raw HTML is text unless the config turns it on.

Script URLs stay out of links in either mode (markdown-it's link validation),
and the page's title, navigation title and file name are text too.
"""

from __future__ import annotations

from pathlib import Path

import domcheck
import hostile
from hostile_build import build_site, write_content

from generator.site import urls

VOCABULARY = domcheck.theme_vocabulary()
RAW_HTML = (
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=1>",
    '<iframe src="javascript:window.__pwned=1"></iframe>',
    "<b>bold</b>",
)
MARKDOWN = f"""Plain paragraph.

{RAW_HTML[0]}

Inline {RAW_HTML[1]} and {RAW_HTML[3]}.

<div onclick="window.__pwned=1">
{RAW_HTML[2]}
</div>

[a script link](javascript:window.__pwned=1) [a data link](data:text/html,x)
[vb](vbscript:x) <javascript:window.__pwned=1> ![img](javascript:x)

```html
<script>in a code block</script>
```
"""
TITLE = '</title><script>window.__pwned=1</script>" onmouseover="x'


def _build(tmp_path: Path, markdown_html: bool, name: str = "hostile") -> Path:
    root = tmp_path / "project"
    pages = root / "content" / "pages"
    pages.mkdir(parents=True)
    front = f"---\ntitle: {TITLE!r}\nnav_title: {hostile.MARKUP[2]!r}\norder: 1\n---\n"
    (pages / f"{name}.md").write_text(front + MARKDOWN, encoding="utf-8")
    write_content(root / "content", hostile.hostile_cables()[:1])
    build_site(root, markdown_html=markdown_html, export=False)
    return root / "site"


def test_raw_html_is_text_by_default(tmp_path):
    site = _build(tmp_path, markdown_html=False)
    dom = domcheck.parse_page((site / urls.editorial("hostile")).read_text(encoding="utf-8"))
    assert domcheck.problems(dom, VOCABULARY) == []
    for snippet in RAW_HTML:
        assert snippet in dom.all_text
    assert "<script>in a code block</script>" in dom.all_text
    assert dom.captured["h1"] == [TITLE]
    assert not [e for e in dom.elements if e.tag == "b"]


def test_the_navigation_title_is_text_on_every_page(tmp_path):
    site = _build(tmp_path, markdown_html=False)
    for path in (urls.home(), urls.cable(hostile.hostile_cables()[0].id, "2010-02-02T01:01")):
        dom = domcheck.parse_page((site / path).read_text(encoding="utf-8"))
        assert domcheck.problems(dom, VOCABULARY) == []
        assert hostile.MARKUP[2] in dom.all_text


def test_raw_html_renders_when_the_config_turns_it_on_but_script_urls_do_not(tmp_path):
    site = _build(tmp_path, markdown_html=True)
    dom = domcheck.parse_page((site / urls.editorial("hostile")).read_text(encoding="utf-8"))
    assert [e for e in dom.elements if e.tag == "b"], "markdown_html: true shows raw HTML"
    links = [dict(e.attrs).get("href") or "" for e in dom.elements if e.tag == "a"]
    links += [dict(e.attrs).get("src") or "" for e in dom.elements if e.tag == "img"]
    markdown_links = [h for h in links if "pwned" in h or h.startswith(("data:", "vbscript:"))]
    assert markdown_links == [], "Markdown links never carry script URLs"


def test_a_page_file_name_never_becomes_a_script_url(tmp_path):
    site = _build(tmp_path, markdown_html=False, name="javascript:window.__pwned=1")
    for path in sorted(site.rglob("*.html")):
        dom = domcheck.parse_page(path.read_text(encoding="utf-8"))
        assert domcheck.problems(dom, VOCABULARY) == [], path.relative_to(site)
