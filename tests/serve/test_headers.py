from pathlib import Path

from generator.serve.headers import deploy_headers

ROOT = Path(__file__).resolve().parents[2]


def test_the_projects_netlify_headers_are_used_without_caching() -> None:
    headers = deploy_headers(ROOT)
    assert "'wasm-unsafe-eval'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Cache-Control" not in headers


def test_no_or_broken_netlify_toml_means_no_headers(tmp_path: Path) -> None:
    assert deploy_headers(tmp_path) == {}
    (tmp_path / "netlify.toml").write_text("[[headers]\n")
    assert deploy_headers(tmp_path) == {}
