"""Build the sample archive for browser tests with the real site generator.

The archive: the seed cables (parsed from ../shared/seeds with the ingest stage)
plus synthetic cables of several origins, years and tags, and the project's
editorial pages. The site is built by `generator.site.build.build` without its search stage,
which is then run with a small bundle size (the site config has no such option).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from generator.cable import Cable
from generator.content.store import ContentStore
from generator.report import Reporter

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / ".." / "shared" / "seeds"
sys.path.insert(0, str(REPO / "tests" / "search"))

from minisite import synthetic_cables  # noqa: E402


def seed_cables() -> list[Cable]:
    from generator.ingest import parse_source

    cables: list[Cable] = []
    for path in sorted(SEEDS.glob("*")):
        cables.extend(parse_source(path))
    return cables


def write_content(project: Path, cables: list[Cable]) -> None:
    shutil.copytree(REPO / "content", project / "content", dirs_exist_ok=True)
    with ContentStore(project / "content") as store:
        for cable in cables:
            store.put(cable)


def build_sample_site(project: Path, extra: int = 160, bundle_size: int = 40) -> Path:
    """Write content and build the site into ``project/site``; returns the site folder."""
    from generator.site.build import build
    from generator.site.config import load_config

    cables = seed_cables() + list(synthetic_cables(extra, seed=11))
    write_content(project, cables)
    config_file = project / "cablesite.yaml"
    config_file.write_text("title: Test archive\n", "utf-8")
    reporter = Reporter(quiet=True)
    config = load_config(config_file, warn=lambda *a: None)
    build(config, reporter, search=False)
    index_with_bundle_size(config, reporter, bundle_size)
    return config.out_dir


def index_with_bundle_size(config, reporter: Reporter, bundle_size: int) -> None:
    """The build's search stage with a small bundle size, so the sample needs several bundles."""
    from generator.archive.load import load_archive
    from generator.search import SearchConfig, index_search, search_pages
    from generator.site.plan import plan_pages
    from generator.site.theme import theme_fingerprint

    archive = load_archive(config.content_dir, reporter.report)
    jobs = plan_pages(archive, config, theme_fingerprint(config))
    pages = search_pages(jobs, archive.entries)
    search_config = SearchConfig(bundle_size=bundle_size)
    report = index_search(config.out_dir, pages, config.cache_dir, search_config)
    assert not report.errors, report.errors
