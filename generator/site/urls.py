"""The URL authority: the only module that knows where every page lives.

Paths are site-relative POSIX paths ("cable/2007/03/07ASTANA614.html"). Links
between pages are relative (`link(from_path, to_path)`), so the site works at a
domain root, under a sub-path and from file://. Folder pages are always linked
as ".../index.html" because file:// does not resolve folders. Absolute URLs
(`absolute`) are for the sitemap, the feed and canonical links only.

Browse categories nest in their own folders: ``tag/PHUM/index.html``,
``tag/PHUM/2.html``; ``date/2007/index.html`` (the year's months) and
``date/2007/03/index.html``; ``reldate/2011-08-30/index.html``. Names become
folder names through `slug`, which is readable and reversibly unique.
"""

from __future__ import annotations

import hashlib
import re

from generator.archive.model import UNDATED, month_of

SECTIONS = ("reldate", "date", "origin", "tag", "classification")

_PLAIN_NAME = re.compile(r"[A-Za-z0-9]+(?:(?: |//)[A-Za-z0-9]+)*")
_MAX_PLAIN = 100  # longer names get the hashed form: file systems allow 255 bytes a name
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_SAFE_ID = re.compile(r"[A-Za-z0-9]+")


def slug(name: str) -> str:
    """A folder name for a category name; different names never share a slug.

    Plain names ("PHUM", "Embassy Astana", "SECRET//NOFORN") map reversibly
    (space -> "-", "//" -> "--"); anything else gets a readable part plus
    "_" and a hash of the name, which a plain name's slug never contains.
    """
    if len(name) <= _MAX_PLAIN and _PLAIN_NAME.fullmatch(name):
        return name.replace("//", "--").replace(" ", "-")
    return _hashed(name)


def _hashed(name: str) -> str:
    readable = _NOT_ALNUM.sub("-", name).strip("-")[:60] or "x"
    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{readable}_{digest}"


def safe_id(cable_id: str) -> str:
    """A file name for a reference id (ids are alphanumeric; anything else is hashed).

    The hashed form contains "_", which an alphanumeric id never does, so two
    different ids never share a page.
    """
    if _SAFE_ID.fullmatch(cable_id):
        return cable_id
    return _hashed(cable_id)


# -- pages ----------------------------------------------------------------------------


def home() -> str:
    return "index.html"


def cable_folder(created: str | None) -> str:
    month = month_of(created)
    return "cable/undated" if month == UNDATED else f"cable/{month[:4]}/{month[5:7]}"


def cable(cable_id: str, created: str | None) -> str:
    return f"{cable_folder(created)}/{safe_id(cable_id)}.html"


def cable_text(cable_id: str, created: str | None) -> str:
    """The raw text download beside the page."""
    return f"{cable_folder(created)}/{safe_id(cable_id)}.txt"


def cable_json(cable_id: str, created: str | None) -> str:
    """The record as JSON beside the page."""
    return f"{cable_folder(created)}/{safe_id(cable_id)}.json"


def section_index(section: str) -> str:
    """The overview page of a browse section (all its categories)."""
    return f"{section}/index.html"


def category_folder(section: str, key: str) -> str:
    if section == "date":
        if re.fullmatch(r"\d{4}-\d\d", key):
            return f"date/{key[:4]}/{key[5:7]}"
        return f"date/{UNDATED}" if key == UNDATED else f"date/{slug(key)}"
    if section == "reldate":
        return f"reldate/{key}" if re.fullmatch(r"\d{4}-\d\d-\d\d", key) else f"reldate/{slug(key)}"
    return f"{section}/{slug(key)}"


def browse(section: str, key: str, page: int = 1) -> str:
    """Page `page` (1-based) of the cables of one category."""
    name = "index.html" if page == 1 else f"{page}.html"
    return f"{category_folder(section, key)}/{name}"


def year(year_key: str) -> str:
    """The page listing the months of one creation year."""
    folder = year_key if re.fullmatch(r"\d{4}", year_key) else slug(year_key)
    return f"date/{folder}/index.html"


def editorial(name: str) -> str:
    return f"{name}.html"


def glossary() -> str:
    return "tags.html"


def about_data() -> str:
    return "data.html"


def search() -> str:
    return "search.html"


def not_found() -> str:
    return "404.html"


def feed() -> str:
    return "feed.xml"


def sitemap() -> str:
    return "sitemap.xml"


def sitemap_part(number: int) -> str:
    return f"sitemaps/{number}.xml"


def robots() -> str:
    return "robots.txt"


def static(name: str) -> str:
    return f"static/{name}"


def lookup_prefix() -> str:
    """Where the buckets of the id -> page lookup live (404.html adds "N.json")."""
    return "lookup/"


def lookup(bucket: int) -> str:
    """One bucket of the id -> page lookup that 404.html uses."""
    return f"{lookup_prefix()}{bucket}.json"


def export_month(month: str, kind: str) -> str:
    """Records of one creation month: kind "jsonl" or "csv" (both gzipped)."""
    return f"data/cables/{month}.{kind}.gz"


def export_section(section: str) -> str:
    return f"data/{section}/index.json"


def export_category(section: str, key: str) -> str:
    tail = key if section in ("date", "reldate") else slug(key)
    return f"data/{section}/{tail}.json"


# -- links ----------------------------------------------------------------------------


def link(from_path: str, to_path: str, fragment: str = "") -> str:
    """Relative link from one page to another ("../../tag/PHUM/index.html#x").

    Always up to the root and down again: simple, fast (called ~30 times per
    page) and correct wherever the site is hosted.
    """
    relative = "../" * from_path.count("/") + to_path
    if ":" in relative.split("/", 1)[0]:
        relative = "./" + relative  # "a:b.html" would read as a URL scheme
    return f"{relative}#{fragment}" if fragment else relative


def root_prefix(from_path: str) -> str:
    """The relative path from a page to the site root ("" or "../../")."""
    depth = from_path.count("/")
    return "../" * depth


def absolute(base_url: str, path: str) -> str:
    """Absolute URL of a page; base_url ends with "/"."""
    return base_url + path


def base_path(base_url: str) -> str:
    """The path part of base_url ("/archive/"), "/" when empty."""
    if not base_url:
        return "/"
    rest = base_url.split("://", 1)[-1]
    slash = rest.find("/")
    return rest[slash:] if slash >= 0 else "/"
