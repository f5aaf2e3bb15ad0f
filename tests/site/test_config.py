"""cablesite.yaml: typed options, every problem at once, unknown keys warned."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.site.config import SiteConfig, load_config

REPO = Path(__file__).resolve().parents[2]


def test_all_problems_reported_at_once(tmp_path):
    path = tmp_path / "cablesite.yaml"
    path.write_text("title: 3\npage_size: 0\nbase_url: example.org\nsurprise: 1\n")
    warnings = []
    with pytest.raises(ConfigError) as error:
        load_config(path, warn=lambda *a: warnings.append(a))
    message = error.value.message
    assert "3 problem(s)" in message
    assert f"{path}:1: 'title'" in message and f"{path}:2: 'page_size'" in message
    assert "base_url" in message
    assert warnings == [("unknown option 'surprise' (ignored)", str(path), 4)]


def test_paths_resolve_against_the_config_folder(tmp_path):
    path = tmp_path / "cablesite.yaml"
    path.write_text("base_url: https://example.org/archive\n")
    config = load_config(path)
    assert config.content_dir == tmp_path / "content" and config.out_dir == tmp_path / "site"
    assert config.base_url == "https://example.org/archive/"


def test_repo_config_loads_and_documents_every_option():
    config_file = REPO / "cablesite.yaml"
    load_config(config_file)
    text = config_file.read_text()
    for name in SiteConfig.__dataclass_fields__:
        if name != "source":
            assert f"{name}:" in text, f"{name} is not documented in cablesite.yaml"
