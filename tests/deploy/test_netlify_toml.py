"""netlify.toml builds what the README says, publishes what the build writes, and sends
the headers the reliability issue asks for."""

from __future__ import annotations

import ast
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator.site.config import SiteConfig

ROOT = Path(__file__).resolve().parents[2]
YEAR = 31536000


@pytest.fixture(scope="module")
def netlify() -> dict:
    with open(ROOT / "netlify.toml", "rb") as file:
        return tomllib.load(file)


def readme_code_lines() -> list[str]:
    """Every line inside the README's fenced code blocks, stripped of a "$ " prompt."""
    text = (ROOT / "README.md").read_text(encoding="utf-8") if (ROOT / "README.md").exists() else ""
    lines: list[str] = []
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S):
        lines += [line.strip().removeprefix("$ ") for line in block.splitlines()]
    return lines


def build_steps(netlify: dict) -> list[str]:
    return [step.strip() for step in netlify["build"]["command"].split("&&")]


def test_the_build_command_is_the_one_the_readme_documents(netlify: dict) -> None:
    invocations = [step for step in build_steps(netlify) if step.startswith("cablesite ")]
    assert len(invocations) == 1, "netlify.toml must run cablesite exactly once"
    assert invocations[0] in readme_code_lines(), (
        f"README.md must show `{invocations[0]}` in a fenced code block"
    )


def test_the_project_is_installed_before_it_runs(netlify: dict) -> None:
    install, *_ = build_steps(netlify)
    words = shlex.split(install)
    assert words[:4] == ["python", "-m", "pip", "install"] and words[-1] == "."


def test_publish_is_the_build_output(netlify: dict) -> None:
    assert netlify["build"]["publish"] == SiteConfig().out_dir.as_posix()


def test_python_is_pinned_to_a_supported_version(netlify: dict) -> None:
    pinned = netlify["build"]["environment"]["PYTHON_VERSION"]
    with open(ROOT / "pyproject.toml", "rb") as file:
        required = tomllib.load(file)["project"]["requires-python"]
    minimum = tuple(int(n) for n in required.removeprefix(">=").split("."))
    assert re.fullmatch(r"3\.\d+", pinned)
    assert tuple(int(n) for n in pinned.split(".")) >= minimum


def test_the_build_cache_is_kept_between_deploys(netlify: dict) -> None:
    (plugin,) = netlify["plugins"]
    folder = ROOT / plugin["package"]
    assert (folder / "manifest.yml").is_file() and (folder / "index.js").is_file()
    # Both: the build skips a page only if its cache key is unchanged AND it is in site/.
    paths = plugin["inputs"]["paths"]
    assert SiteConfig().cache_dir.as_posix() in paths
    assert SiteConfig().out_dir.as_posix() in paths


def headers_for(netlify: dict, path: str) -> dict[str, str]:
    """The headers Netlify sends for a path: every matching rule, later rules winning."""
    found: dict[str, str] = {}
    for rule in netlify["headers"]:
        pattern = re.escape(rule["for"]).replace(r"\*", ".*")
        if re.fullmatch(pattern, path):
            found.update(rule["values"])
    return found


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in directives}


def test_security_headers_on_every_page(netlify: dict) -> None:
    for path in ("/", "/cable/2007/03/07ASTANA614.html", "/search/", "/pagefind/pagefind.js"):
        headers = headers_for(netlify, path)
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] in ("no-referrer", "strict-origin-when-cross-origin")
        assert headers["X-Frame-Options"] == "DENY"
        policy = csp_directives(headers["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert not any(
            "unsafe-inline" in v or v == "'unsafe-eval'" for v in sum(policy.values(), [])
        )


def test_html_revalidates(netlify: dict) -> None:
    for path in ("/", "/index.html", "/cable/2007/03/07ASTANA614.html", "/404.html"):
        assert headers_for(netlify, path)["Cache-Control"] == "public, max-age=0, must-revalidate"


def pagefind_files(tmp_path: Path) -> list[str]:
    """Site paths of everything Pagefind writes for a tiny site (run for real)."""
    site = tmp_path / "site"
    site.mkdir()
    for number in range(3):
        (site / f"p{number}.html").write_text(
            f"<html><head><title>p{number}</title></head><body><main data-pagefind-body>"
            f"<h1>Cable {number}</h1><p data-pagefind-filter='origin'>Embassy {number}</p>"
            "</main></body></html>"
        )
    # One bundle, laid out the way the search stage writes them (pagefind/<bundle>/).
    command = [sys.executable, "-m", "pagefind", "--site", str(site)]
    subprocess.run([*command, "--output-subdir", "pagefind/2007"], check=True, capture_output=True)
    return [
        "/" + path.relative_to(site).as_posix()
        for path in sorted((site / "pagefind").rglob("*"))
        if path.is_file()
    ]


def test_only_content_hashed_files_are_cached_for_a_year(netlify: dict, tmp_path: Path) -> None:
    immutable = []
    for path in pagefind_files(tmp_path):
        cache = headers_for(netlify, path)["Cache-Control"]
        if f"max-age={YEAR}" in cache:
            assert "immutable" in cache
            assert re.search(r"_[0-9a-f]{7,}\.pf_", path), f"{path} is not content-hashed"
            immutable.append(path)
        else:
            assert cache == "public, max-age=0, must-revalidate"
    assert any("/fragment/" in path for path in immutable)
    assert any("/index/" in path for path in immutable)
    assert any("/filter/" in path for path in immutable)
    assert any(path.endswith(".pf_meta") for path in immutable)


def test_browser_tests_use_the_same_policy(netlify: dict) -> None:
    """tests/browser serves built pages with a copy of the CSP: it must not drift."""
    support = ROOT / "tests" / "browser" / "browser_support.py"
    if not support.exists():
        pytest.skip("tests/browser/browser_support.py is not there")
    tree = ast.parse(support.read_text(encoding="utf-8"))
    (copy,) = [
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "CSP"
    ]
    assert headers_for(netlify, "/")["Content-Security-Policy"] == copy
