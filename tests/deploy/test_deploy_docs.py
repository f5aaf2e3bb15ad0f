"""The other deploy recipes agree with netlify.toml: the README guide and pages.yml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

from generator.site.config import SiteConfig

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def policy() -> str:
    with open(ROOT / "netlify.toml", "rb") as file:
        rules = tomllib.load(file)["headers"]
    return next(rule["values"] for rule in rules if rule["for"] == "/*")["Content-Security-Policy"]


def test_every_policy_in_the_deploy_guide_is_netlifys(policy: str) -> None:
    guide = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"Content-Security-Policy:? \"?(default-src[^\"\n]*)", guide)
    assert len(found) >= 2  # Cloudflare's _headers and nginx
    assert set(found) == {policy}


def test_every_immutable_path_in_the_guide_is_in_netlify_toml() -> None:
    with open(ROOT / "netlify.toml", "rb") as file:
        rules = tomllib.load(file)["headers"]
    immutable = {r["for"] for r in rules if "immutable" in r["values"].get("Cache-Control", "")}
    guide = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n(/\*\n.*?)```", guide, flags=re.S)[1]
    paths = re.findall(r"^(/\S+)\n  Cache-Control: .*immutable", block, flags=re.M)
    assert paths and set(paths) <= immutable


def test_the_pages_workflow_builds_and_uploads_the_output() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    (build,) = [run for run in runs if run.startswith("cablesite build")]
    assert "--base-url" in build
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == SiteConfig().out_dir.as_posix()
    (cache,) = [s for s in steps if s.get("uses", "").startswith("actions/cache")]
    kept = cache["with"]["path"].split()
    assert SiteConfig().cache_dir.as_posix() in kept and SiteConfig().out_dir.as_posix() in kept
