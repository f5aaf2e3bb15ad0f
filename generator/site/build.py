"""The build orchestrator: one function per stage, a report with counts and timings.

    content/ --PendingScan--> unchanged? stop.
             --load_archive--> Archive --plan_pages--> [PageJob] --render_jobs--> staging/
    staging/ --apply_staged + prune--> site/ --index_search--> site/pagefind/

When only a few cables changed since the last build, `delta.build_changes` takes
their pages (and the pages that list them) through the same stages instead.
Nothing in site/ changes until every page has rendered: a failing or killed
build leaves the previous site as it was.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from generator.archive.load import load_archive
from generator.archive.model import FILE_FIELD, Archive, CableEntry, entry_values
from generator.errors import CablesiteError
from generator.report import Reporter
from generator.site import delta, notfound, stamp
from generator.site.config import SiteConfig
from generator.site.extras import extras_outputs
from generator.site.plan import PageJob, plan_pages
from generator.site.render import Renderer
from generator.site.stages import (
    OUTPUTS_PER_KIND,
    BuildReport,
    Stopwatch,
    render_with_progress,
)
from generator.site.state import BuildState, load_state, open_state, save_state
from generator.site.theme import make_environment, theme_fingerprint
from generator.site.write import StagingWriter, apply_staged, prune, reset_staging, staging_dir_for


def run_search(
    config: SiteConfig, reporter: Reporter, jobs: list[PageJob], archive: Archive
) -> None:
    """The search stage (generator.search) over the pages just written."""
    from generator.search import run_search_stage

    run_search_stage(config, reporter, jobs, archive)


def search_jobs(state: BuildState) -> list[PageJob]:
    """The pages the search stage indexes, from the build state."""
    return [
        PageJob(kind, path, key, cache_key=cache_key)
        for path, (kind, key, cache_key) in state.pages.items()
        if kind in ("cable", "editorial")
    ]


def build(
    config: SiteConfig, reporter: Reporter, search: bool | None = None, full: bool = False
) -> BuildReport:
    """Build the site described by ``config``; raises CablesiteError when it cannot.

    Nothing changed: stop after the check. A few cables changed since a build
    whose state was kept: `delta.build_changes`. Anything else, or ``full``:
    `build_all`, which also removes files in the site folder it did not make.
    """
    try:
        return _build(config, reporter, search, full)
    finally:
        gc.unfreeze()  # the build froze its big tables; a long-lived process builds again


def _build(config: SiteConfig, reporter: Reporter, search: bool | None, full: bool) -> BuildReport:
    report = BuildReport()
    clock = Stopwatch(report)
    with_search = search if search is not None else config.search
    theme_key = theme_fingerprint(config)
    problems_before = reporter.errors + reporter.warnings
    pending = stamp.PendingScan(config, theme_key, with_search)
    # While find stats the cable files in its own process, load the last build's state
    # here: a build that finds changes needs it, and a no-op build does not wait longer.
    old_state = load_state(config.cache_dir) if pending.in_background else None
    scan = pending.result()
    counts = None if full else stamp.unchanged_since_last_build(config, scan.stamp)
    if counts is not None:
        return noop_report(report, counts, reporter, clock)
    stamp.forget_stamp(config)
    if not pending.in_background:
        old_state = load_state(config.cache_dir)
    open_state(config.cache_dir)  # until this build has finished, no state vouches for site/
    clock.lap("check")
    built = None
    if old_state is not None and not full:
        built = delta.build_changes(config, reporter, scan, theme_key, old_state, report, clock)
    if built is not None:
        new_state, changes = built
        save_state(config.cache_dir, new_state, changes)
    else:
        new_state = build_all(config, reporter, scan, theme_key, old_state, report, clock)
        save_state(config.cache_dir, new_state)
    report.pages = Counter(kind for kind, _, _ in new_state.pages.values())
    report.files = sum(OUTPUTS_PER_KIND.get(k, 1) * n for k, n in report.pages.items())
    report.files += len(new_state.extras)
    report.skipped = sum(report.pages.values()) - report.rendered
    clock.lap("save")
    if with_search:
        run_search(config, reporter, search_jobs(new_state), delta.state_archive(new_state))
        clock.lap("search")
    if reporter.errors + reporter.warnings == problems_before:  # else report them again
        stamp.save_stamp(config, scan.stamp, report.counts())
    reporter.info(report.summary())
    return report


def build_all(
    config: SiteConfig,
    reporter: Reporter,
    scan: stamp.InputScan,
    theme_key: str,
    old_state: BuildState | None,
    report: BuildReport,
    clock: Stopwatch,
) -> BuildState:
    """Plan every page; render those whose cache key changed; prune the rest."""
    failed: set[str] = set()  # files with problems: the next build reads them again

    def problem(exc: CablesiteError) -> None:
        failed.add(exc.path or "")
        reporter.report(exc)

    workers = config.workers or os.cpu_count() or 1
    known = unchanged_entries(old_state, scan) if old_state else None
    archive = load_archive(config.content_dir, problem, known, workers)
    old_keys = {path: page[2] for path, page in old_state.pages.items()} if old_state else {}
    del known
    if old_state is not None:
        old_state.release()  # only the old cache keys are needed from here
    report.cables = len(archive)
    clock.lap("load")

    renderer = Renderer(archive, config, make_environment(config))
    jobs = plan_pages(archive, config, theme_key)
    clock.lap("plan")

    staging = staging_dir_for(config.out_dir)
    reset_staging(staging)
    writer = StagingWriter(config.out_dir, staging)
    result = render_with_progress(renderer, writer, jobs, old_keys, config.workers, reporter)
    clock.lap("render")

    lookup = notfound.lookup_table(archive.entries, notfound.lookup_buckets(len(archive)))
    html_pages = [job.path for job in jobs if job.kind not in ("notfound", "export")]
    extras = extras_outputs(archive, config, html_pages, lookup)
    for path, data in extras:
        result.stage(writer, path, data)
    clock.lap("extras")

    # A first build's site is the staging folder renamed: nothing in it to prune.
    first = not config.out_dir.is_dir() or not any(os.scandir(config.out_dir))
    apply_staged(staging, config.out_dir, result.changed)
    removed = [] if first else prune(config.out_dir, result.produced)
    clock.lap("write")
    report.rendered, report.skipped = result.rendered, result.skipped
    report.written, report.removed = len(result.changed), len(removed)
    return BuildState(
        inputs=scan.other,
        files={path: stat for path, stat in scan.cables.items() if path not in failed},
        entries={cable_id: entry_values(e) for cable_id, e in archive.entries.items()},
        indexes=archive.indexes,
        cited_by=archive.cited_by,
        pages={job.path: (job.kind, job.key, job.cache_key) for job in jobs},
        extras=sorted(path for path, _ in extras),
        lookup=lookup,
    )


def unchanged_entries(
    state: BuildState, scan: stamp.InputScan
) -> Callable[[str], CableEntry | None]:
    """The last build's entry of a file whose size and mtime are the same (a fresh
    clone has new mtimes, so its first build reads everything)."""
    by_file = {values[FILE_FIELD]: values for values in state.entries.values()}

    def known(path: str) -> CableEntry | None:
        stat = scan.cables.get(path)
        if stat is None or stat != state.files.get(path) or path not in by_file:
            return None
        return CableEntry(*by_file[path])

    return known


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
