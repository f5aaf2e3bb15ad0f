from pathlib import Path

import pytest

from generator.serve.resolve import content_type, resolve


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    files = {
        "index.html": "home",
        "404.html": "missing",
        "about.html": "about",
        "cable/2007/03/07ASTANA614/index.html": "cable",
        "browse/index.html": "browse",
        "static/site.css": "css",
        "pagefind/pagefind.js": "js",
        "pagefind/wasm.unknown.pagefind": "bin",
    }
    for name, text in files.items():
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (tmp_path / "secret.txt").write_text("outside")
    return tmp_path / "site"


def served(site: Path, target: str) -> tuple[int, str | None]:
    found = resolve(site, target)
    if found.location is not None:
        return found.status, found.location
    return found.status, found.file.read_text() if found.file else None


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/", (200, "home")),
        ("/index.html", (200, "home")),
        ("/about", (200, "about")),
        ("/about.html", (200, "about")),
        ("/browse/", (200, "browse")),
        ("/cable/2007/03/07ASTANA614/", (200, "cable")),
        ("/cable/2007/03/07ASTANA614/index.html", (200, "cable")),
        ("/static/site.css?v=1", (200, "css")),
        ("/%63able/2007/03/07ASTANA614/", (200, "cable")),
        ("/browse", (301, "/browse/")),
        ("/browse?page=2", (301, "/browse/?page=2")),
        ("/about/", (404, "missing")),
        ("/nothing", (404, "missing")),
        ("/static/", (404, "missing")),
    ],
)
def test_urls_resolve_like_a_static_host(site: Path, target: str, expected: tuple) -> None:
    assert served(site, target) == expected


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/static/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/index.html%00.css",
        "/%ff%fe",
        "//../secret.txt",
    ],
)
def test_paths_outside_the_site_are_not_found(site: Path, target: str) -> None:
    assert served(site, target) == (404, "missing")


def test_symlink_out_of_the_site_is_not_followed(site: Path) -> None:
    (site / "leak.txt").symlink_to(site.parent / "secret.txt")
    assert served(site, "/leak.txt") == (404, "missing")


def test_without_a_404_page_there_is_no_file(tmp_path: Path) -> None:
    found = resolve(tmp_path, "/nothing")
    assert (found.status, found.file) == (404, None)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.html", "text/html; charset=utf-8"),
        ("a.css", "text/css; charset=utf-8"),
        ("a.js", "text/javascript; charset=utf-8"),
        ("a.wasm", "application/wasm"),
        ("wasm.en.pagefind", "application/octet-stream"),
        ("en_abc.pf_meta", "application/octet-stream"),
        ("en_abc.pf_index", "application/octet-stream"),
        ("en_abc.pf_fragment", "application/octet-stream"),
        ("a.json", "application/json"),
        ("a.svg", "image/svg+xml"),
        ("feed.xml", "application/xml"),
    ],
)
def test_content_types(name: str, expected: str) -> None:
    assert content_type(Path(name)) == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/archive/", (200, "home")),
        ("/archive/about", (200, "about")),
        ("/archive/browse", (301, "/archive/browse/")),
        ("/archive/cable/2007/03/07ASTANA614/", (200, "cable")),
        ("/archive", (302, "/archive/")),
        ("/", (302, "/archive/")),
        ("/about", (404, "missing")),
        ("/archivex/about", (404, "missing")),
        ("/archive/../secret.txt", (404, "missing")),
    ],
)
def test_a_site_with_a_sub_path_is_served_only_there(
    site: Path, target: str, expected: tuple
) -> None:
    found = resolve(site, target, "/archive/")
    if found.location is not None:
        assert (found.status, found.location) == expected
    else:
        assert (found.status, found.file.read_text() if found.file else None) == expected
