"""The 796-cable site: browse sets, cable pages, links, validity, safety."""

from __future__ import annotations

import collections
import json
import subprocess
from pathlib import Path

import pytest
from crawl import crawl, listed_ids

from generator.site import urls

REPO = Path(__file__).resolve().parents[2]
HTML_VALIDATE = REPO / "tests" / "node_modules" / ".bin" / "html-validate"


def truth_categories(records: list[dict]) -> dict[tuple[str, str], set[str]]:
    categories: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for r in records:
        categories["reldate", r["released"][:10]].add(r["id"])
        categories["date", r["created"][:7]].add(r["id"])
        categories["origin", r["origin"]].add(r["id"])
        categories["classification", r["classification"]].add(r["id"])
        for tag in r["tags"]:
            categories["tag", tag].add(r["id"])
    return categories


def test_every_category_lists_exactly_its_cables(built_site):
    categories = truth_categories(built_site.records)
    assert len(categories) > 300
    for (section, key), expected in categories.items():
        ids = listed_ids(built_site.out, urls.browse(section, key))
        assert len(ids) == len(set(ids)), f"{section} {key}: a cable is listed twice"
        assert set(ids) == expected, f"{section} {key}"


def test_browse_rows_are_newest_first(built_site):
    created = {r["id"]: r["created"] for r in built_site.records}
    ids = listed_ids(built_site.out, urls.browse("tag", "PREL"))
    keys = [(created[i], i) for i in ids]
    assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)


def test_every_cable_has_its_page_at_the_original_url(built_site):
    for record in built_site.records:
        page = built_site.out / record["path"]
        assert page.is_file(), record["path"]
        assert (built_site.out / record["path"].replace(".html", ".txt")).is_file()
        data = json.loads((built_site.out / record["path"].replace(".html", ".json")).read_text())
        assert data["id"] == record["id"]


@pytest.mark.parametrize(
    "base", ["https://example.org/", "https://example.org/archive/", "file:///srv/x/site/"]
)
def test_no_broken_links_or_fragments(built_site, base):
    problems = crawl(built_site.out, base)
    assert problems == [], "\n".join(problems[:20])


def test_cable_page_has_three_boxes_and_anchors(built_site):
    html = built_site.read("cable/2006/03/06PARIS2069.html")
    assert '<article class="cable" data-pagefind-body>' in html
    assert 'id="par1" href="#par1"' in html and 'id="par9"' in html
    assert 'class="pagemark">PARIS 00002069 001.2 OF 002' in html
    assert 'href="../../../tag/PTER/index.html"' in html
    assert 'href="../../../origin/Embassy-Paris/index.html"' in html
    assert 'href="../../../date/2006/03/index.html"' in html
    assert 'href="../../../reldate/2010-11-30/index.html"' in html
    assert "banner-secret" in html and ">SECRET<" in html


def test_only_cable_and_editorial_pages_are_search_bodies(built_site):
    assert "data-pagefind-body" not in built_site.read("index.html")
    assert "data-pagefind-body" not in built_site.read("tag/PREL/index.html")
    assert "data-pagefind-body" in built_site.read("zz-escape-test.html")


def test_every_page_has_a_labelled_search_box(built_site):
    for page in ("index.html", "tag/PREL/index.html", "cable/2006/03/06PARIS2069.html"):
        html = built_site.read(page)
        assert 'name="q"' in html and '<label for="site-search">' in html


def test_editorial_raw_html_is_text(built_site):
    html = built_site.read("zz-escape-test.html")
    assert "&lt;b&gt;raw html&lt;/b&gt;" in html and "<b>raw" not in html


def test_sitemap_becomes_an_index_above_50000_urls():
    from generator.site.feeds import sitemap_outputs

    outputs = dict(sitemap_outputs("https://e.org/a/", [f"p/{i}.html" for i in range(50_001)]))
    assert sorted(outputs) == ["sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml"]
    assert "<sitemapindex" in outputs["sitemap.xml"].decode()
    assert "<loc>https://e.org/a/sitemaps/2.xml</loc>" in outputs["sitemap.xml"].decode()
    assert outputs["sitemaps/2.xml"].decode().count("<url>") == 1


def test_sitemap_feed_robots_404(built_site):
    sitemap = built_site.read("sitemap.xml")
    assert "<loc>https://example.org/archive/cable/2006/03/06PARIS2069.html</loc>" in sitemap
    feed = built_site.read("feed.xml")
    assert feed.count("<entry>") == 50
    assert "Sitemap: https://example.org/archive/sitemap.xml" in built_site.read("robots.txt")
    html = built_site.read("404.html")
    assert '<base href="/archive/">' in html
    lookups = {}
    for part in (built_site.out / "lookup").glob("*.json"):
        lookups.update(json.loads(part.read_text()))
    assert lookups["06PARIS2069"] == "cable/2006/03/06PARIS2069.html"
    assert len(lookups) == len(built_site.records)


def test_export_has_every_record(built_site):
    import gzip

    ids = set()
    for part in (built_site.out / "data" / "cables").glob("*.jsonl.gz"):
        with gzip.open(part, "rt", encoding="utf-8") as handle:
            ids.update(json.loads(line)["id"] for line in handle)
    assert ids == {r["id"] for r in built_site.records}
    tags = json.loads(built_site.read("data/tag/index.json"))
    assert any(t["name"] == "PREL" and t["count"] > 100 for t in tags)


def test_no_directory_near_the_host_limit(built_site):
    biggest = max(len(list(d.iterdir())) for d in built_site.out.rglob("*") if d.is_dir())
    assert biggest < 5000


def test_html_validate(built_site):
    if not HTML_VALIDATE.exists():
        pytest.skip("html-validate is not installed (npm ci --prefix tests)")
    out = built_site.out
    cables = sorted(r["path"] for r in built_site.records)[::16][:50]
    top_level = sorted(p.name for p in out.glob("*.html"))  # home, 404, editorial, ...
    pages = [
        *top_level,
        "date/index.html",
        "date/2006/index.html",
        "reldate/index.html",
        "origin/index.html",
        "tag/index.html",
        "classification/index.html",
        urls.browse("tag", "PREL"),
        urls.browse("tag", "PREL", 2),
        urls.browse("date", "2006-03"),
        urls.browse("reldate", "2010-11-30"),
        urls.browse("origin", "Embassy Paris"),
        urls.browse("classification", "SECRET"),
        *cables,
    ]
    result = subprocess.run(
        [
            str(HTML_VALIDATE),
            "--config",
            str(REPO / "tests" / "htmlvalidate.json"),
            *[str(out / p) for p in pages],
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
