"""The build orchestrator: one function per stage, a report with counts and timings.

    content/ --load_archive--> Archive --plan_pages--> [PageJob] --render_jobs--> staging/
    staging/ --apply_staged + prune--> site/ --index_search--> site/pagefind/

Nothing in site/ changes until every page has rendered: a failing or killed
build leaves the previous site as it was.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.archive.load import load_archive
from generator.archive.model import Archive
from generator.errors import CablesiteError
from generator.progress import Progress
from generator.report import Reporter
from generator.site import export, feeds, notfound, stamp
from generator.site.config import SiteConfig
from generator.site.plan import PageJob, plan_pages
from generator.site.pool import RenderFailure, RenderResult, render_jobs
from generator.site.render import Renderer
from generator.site.theme import make_environment, static_files, theme_fingerprint
from generator.site.write import StagingWriter, apply_staged, prune, reset_staging, staging_dir_for

CACHE_FILE = "build-pages.json"


@dataclass
class BuildReport:
    """What a build did: counts per kind of page and seconds per stage."""

    cables: int = 0
    pages: Counter[str] = field(default_factory=Counter)
    rendered: int = 0
    skipped: int = 0
    written: int = 0
    removed: int = 0
    files: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def counts(self) -> dict[str, object]:
        """What a later no-op build reports (see generator/site/stamp.py)."""
        return {"cables": self.cables, "pages": dict(self.pages), "files": self.files}

    def restore(self, counts: dict[str, object]) -> None:
        """Become the report of a no-op build after the build ``counts`` came from."""
        self.cables = int(counts.get("cables", 0))  # type: ignore[call-overload]
        self.pages = Counter(counts.get("pages", {}))  # type: ignore[arg-type]
        self.files = int(counts.get("files", 0))  # type: ignore[call-overload]
        self.skipped = sum(self.pages.values())

    def summary(self) -> str:
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items())
        kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(self.pages.items()))
        return (
            f"built {self.cables:,} cables: {self.files:,} files ({kinds}); "
            f"rendered {self.rendered:,}, unchanged {self.skipped:,}, "
            f"written {self.written:,}, removed {self.removed:,}; {stages}"
        )


class Stopwatch:
    def __init__(self, report: BuildReport) -> None:
        self.report = report
        self.last = time.monotonic()

    def lap(self, stage: str) -> None:
        now = time.monotonic()
        self.report.timings[stage] = now - self.last
        self.last = now


def load_cache(config: SiteConfig) -> dict[str, str]:
    try:
        data = json.loads((config.cache_dir / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_cache(config: SiteConfig, cache: dict[str, str]) -> None:
    config.cache_dir.mkdir(parents=True, exist_ok=True)
    target = config.cache_dir / CACHE_FILE
    temp = target.with_suffix(".tmp")
    temp.write_text(json.dumps(cache, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    os.replace(temp, target)


def write_extras(
    archive: Archive,
    config: SiteConfig,
    writer: StagingWriter,
    html_pages: list[str],
    result: RenderResult,
) -> None:
    """Static files, the 404 lookup, sitemap, feed, robots.txt and the data export."""
    outputs: list[tuple[str, bytes]] = [
        (f"static/{name}", path.read_bytes()) for name, path in static_files(config).items()
    ]
    outputs += notfound.lookup_outputs(archive)
    outputs.append(feeds.robots_output(config))
    if config.base_url:
        outputs += feeds.sitemap_outputs(config.base_url, html_pages)
        outputs.append(feeds.feed_output(archive, config))
    if config.export:  # the month files are page jobs ("export"), rendered in the pool
        outputs += export.category_outputs(archive)
    for path, data in outputs:
        put(writer, result, path, data)


def put(writer: StagingWriter, result: RenderResult, path: str, data: bytes) -> None:
    result.produced.add(path)
    if writer.put(path, data):
        result.changed.append(path)


def run_search(
    config: SiteConfig, reporter: Reporter, jobs: list[PageJob], archive: Archive
) -> None:
    """The search stage (generator.search) over the pages just written."""
    from generator.search import run_search_stage

    run_search_stage(config, reporter, jobs, archive)


def build(config: SiteConfig, reporter: Reporter, search: bool | None = None) -> BuildReport:
    """Build the site described by ``config``; raises CablesiteError when it cannot."""
    report = BuildReport()
    clock = Stopwatch(report)
    with_search = search if search is not None else config.search
    theme_key = theme_fingerprint(config)
    problems_before = reporter.errors + reporter.warnings
    inputs = stamp.input_stamp(config, theme_key, with_search)
    if (counts := stamp.unchanged_since_last_build(config, inputs)) is not None:
        return noop_report(report, counts, reporter, clock)
    stamp.forget_stamp(config)
    clock.lap("check")
    workers = config.workers or os.cpu_count() or 1
    archive = load_archive(config.content_dir, reporter.report, config.cache_dir, workers)
    report.cables = len(archive)
    clock.lap("load")

    env = make_environment(config)
    renderer = Renderer(archive, config, env)
    jobs = plan_pages(archive, config, theme_key)
    report.pages.update(job.kind for job in jobs)
    clock.lap("plan")

    staging = staging_dir_for(config.out_dir)
    reset_staging(staging)
    writer = StagingWriter(config.out_dir, staging)
    old_cache = load_cache(config)
    progress = Progress("pages", len(jobs), enabled=not reporter.quiet)
    try:
        result = render_jobs(renderer, writer, jobs, old_cache, config.workers, progress.advance)
    except RenderFailure as exc:
        raise CablesiteError(exc.message, exc.path, exc.line) from None
    finally:
        progress.close()
    clock.lap("render")

    cache = {job.path: job.cache_key for job in jobs}
    html_pages = [job.path for job in jobs if job.kind not in ("notfound", "export")]
    write_extras(archive, config, writer, html_pages, result)
    clock.lap("extras")

    apply_staged(staging, config.out_dir, result.changed)
    removed = prune(config.out_dir, result.produced)
    save_cache(config, cache)
    clock.lap("write")

    report.rendered, report.skipped = result.rendered, result.skipped
    report.written, report.removed, report.files = (
        len(result.changed),
        len(removed),
        len(result.produced),
    )
    if with_search:
        run_search(config, reporter, jobs, archive)
        clock.lap("search")
    if reporter.errors + reporter.warnings == problems_before:  # else report them again
        stamp.save_stamp(config, inputs, report.counts())
    reporter.info(report.summary())
    return report


def noop_report(
    report: BuildReport, counts: dict[str, object], reporter: Reporter, clock: Stopwatch
) -> BuildReport:
    """The report of a build that found nothing changed: the last build's counts."""
    report.restore(counts)
    clock.lap("check")
    reporter.info(report.summary())
    return report


def build_from(path: Path | None, overrides: dict[str, object], reporter: Reporter) -> BuildReport:
    """Load the config (all problems at once) and build."""
    from generator.site.config import load_config

    config = load_config(path, overrides, warn=reporter.warning)
    return build(config, reporter)
