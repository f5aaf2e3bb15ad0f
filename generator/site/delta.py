"""The incremental build: when a few cables changed, build only what shows them.

The last build's state (`generator.site.state`) holds every entry, the browse
indexes, the citations and every page's cache key. This path reads only the
changed cable files, patches the indexes (`generator.archive.patch`), and plans
the pages that can show a changed cable: its own page, the pages of the cables
it cites or that cite it, the pages of the categories it is or was in that can
differ (all of them when a category's count changed, since every page shows it;
else those whose rows moved or hold it), the section and site-wide pages and
its month's export. Those go through the same
planner, renderer and writer as a full build, so the site comes out byte for
byte as a clean build would make it; pages it no longer has are removed.

It declines (returns None, and the full build runs) when the state is from other
inputs (config, theme, generator, glossary, editorial pages), the site is gone,
an id turns up in two files, or so many cables changed that planning everything
costs no more.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.archive.load import load_entry, load_glossary, load_pages
from generator.archive.model import FILE_FIELD, Archive, CableEntry, EntryTable
from generator.archive.patch import categories_of, patch_cited_by, patch_indexes
from generator.content.layout import id_of_cable_name, split_variant_name
from generator.errors import CablesiteError, ContentError
from generator.report import Reporter
from generator.site import notfound, urls
from generator.site.config import SiteConfig
from generator.site.extras import Changed, extras_outputs, extras_paths
from generator.site.plan import (
    PageJob,
    cable_job,
    category_jobs,
    export_job,
    index_jobs,
    page_count,
    site_key,
)
from generator.site.pool import job_outputs
from generator.site.render import Renderer
from generator.site.stages import BuildReport, Stopwatch, render_with_progress
from generator.site.stamp import FileStat, InputScan
from generator.site.state import BuildState, PageRecord, StateChanges, update_mapping
from generator.site.theme import make_environment
from generator.site.write import StagingWriter, apply_staged, reset_staging, staging_dir_for

# More changed cables than this: plan everything (as fast, and simpler to trust).
MAX_CHANGED = 2000
SITE_WIDE_KINDS = ("section", "year", "home", "glossary", "data", "notfound", "search")


def cable_id_of(path: str) -> str | None:
    """The id a file under content/cables belongs to (main file or variant)."""
    name = os.path.basename(path)
    variant = split_variant_name(name)
    return variant[0] if variant else id_of_cable_name(name)


def changed_paths(old: Mapping[str, FileStat], new: Mapping[str, FileStat]) -> list[str]:
    """Cable files added, removed or changed (set operations run in C)."""
    return sorted({path for path, _ in old.items() ^ new.items()})


def changed_cables(paths: list[str], new: Mapping[str, FileStat], state: BuildState):
    """{id: its main file now, or None if it has none} for every cable with a changed
    file; None when that cannot be told from the changed files alone."""
    mains: dict[str, list[str]] = {}
    for path in paths:
        cable_id = cable_id_of(path)
        if cable_id is None:
            continue  # not a cable file: the loader ignores it too
        found = mains.setdefault(cable_id, [])
        if path in new and id_of_cable_name(os.path.basename(path)) == cable_id:
            found.append(path)
    result: dict[str, str | None] = {}
    for cable_id, found in mains.items():
        before = state.entries.get(cable_id)
        old_file = before[FILE_FIELD] if before else None
        if old_file in new and old_file not in found:
            found.append(old_file)  # unchanged main file of a cable whose variant changed
        if len(found) > 1:
            return None  # one id in two files: the full build reports it
        result[cable_id] = found[0] if found else None
    return result


def load_changed(
    files: Mapping[str, str | None], reporter: Reporter, failed: set[str]
) -> dict[str, CableEntry | None]:
    entries: dict[str, CableEntry | None] = {}
    for cable_id, path in files.items():
        entries[cable_id] = None
        if path is None:
            continue
        try:
            entry = load_entry(path)
        except CablesiteError as exc:
            failed.add(path)
            reporter.report(exc)
            continue
        except OSError as exc:
            failed.add(path)
            reporter.report(ContentError(f"cannot read: {exc.strerror}", path))
            continue
        entries[cable_id] = entry
    return entries


def state_archive(state: BuildState, content_dir: Path | None = None, problem=None) -> Archive:
    """The archive a state describes (glossary and pages read again when asked)."""
    glossary = load_glossary(content_dir, problem) if content_dir else {}
    pages = load_pages(content_dir, problem) if content_dir else ()
    return Archive(EntryTable(state.entries), state.indexes, state.cited_by, glossary, pages)


Category = tuple[str, str]  # section, key


def pages_to_build(before: tuple[str, ...], after: tuple[str, ...], changed, size: int):
    """Pages of a category that can differ: all of them when its count changed (every
    page shows it), else those whose rows moved or hold a changed cable."""
    if len(before) != len(after):
        return None
    pages = {i // size + 1 for i, cable_id in enumerate(after) if cable_id in changed}
    if before != after:  # rows moved: every page from the first move to the last
        moved = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
        pages.update(range(moved[0] // size + 1, moved[-1] // size + 2))
    return pages


def plan_changes(
    archive: Archive,
    config: SiteConfig,
    key: str,
    new: dict[str, CableEntry | None],
    before: dict[Category, tuple[str, ...]],
    linked: set[str],
) -> list[PageJob]:
    """The jobs of every page that can show a changed cable."""
    cables = (set(new) | linked) & archive.entries.keys()
    jobs = [cable_job(archive, cable_id, key) for cable_id in sorted(cables)]
    changed = set(new)
    for (section, category), ids in sorted(before.items()):
        after = archive.indexes[section].get(category, ())
        only = pages_to_build(ids, after, changed, config.page_size)
        jobs += category_jobs(archive, config, section, category, key, only)
    jobs += index_jobs(archive, key, config.latest_count)
    if config.export:
        months = archive.indexes["date"]
        touched = sorted(category for section, category in before if section == "date")
        jobs += [export_job(archive, month) for month in touched if month in months]
    return jobs


def changed_categories(
    archive: Archive, before: dict[Category, tuple[str, ...]]
) -> dict[str, set[str]]:
    """Categories whose id lists changed (their export files change)."""
    changed: dict[str, set[str]] = {}
    for (section, category), ids in before.items():
        if archive.indexes[section].get(category, ()) != ids:
            changed.setdefault(section, set()).add(category)
    return changed


def old_pages(
    state: BuildState,
    archive: Archive,
    config: SiteConfig,
    old: dict[str, CableEntry | None],
    before: dict[Category, tuple[str, ...]],
) -> set[str]:
    """Pages the last build had that this one may no longer make: the planned pages
    are taken out of these by the caller."""
    paths = {urls.cable(i, e.created) for i, e in old.items() if e is not None}
    for (section, category), ids in before.items():
        after = archive.indexes[section].get(category, ())
        kept = page_count(len(after), config.page_size) if after else 0
        pages = page_count(len(ids), config.page_size) if ids else 0
        paths.update(urls.browse(section, category, n) for n in range(kept + 1, pages + 1))
        if section == "date":
            paths.add(urls.export_month(category, "jsonl"))
    paths.update(p for p, (kind, _, _) in state.pages.items() if kind in SITE_WIDE_KINDS)
    return paths & state.pages.keys()


def patch_lookup(
    lookup: list[list[str]], archive: Archive, changed: Iterable[str]
) -> tuple[list[list[str]], set[int]]:
    """The 404 lookup table after the change, and the buckets that changed."""
    count = notfound.lookup_buckets(len(archive.entries))
    if count != len(lookup):  # the archive crossed a power of two: every id moves
        return notfound.lookup_table(archive.entries, count), set(range(count))
    touched = set()
    for cable_id in changed:
        number = notfound.bucket_of(cable_id, count)
        ids = [i for i in lookup[number] if i != cable_id]
        if cable_id in archive.entries:
            ids = sorted([*ids, cable_id])
        lookup[number] = ids
        touched.add(number)
    return lookup, touched


def build_changes(
    config: SiteConfig,
    reporter: Reporter,
    scan: InputScan,
    theme_key: str,
    state: BuildState,
    report: BuildReport,
    clock: Stopwatch,
) -> tuple[BuildState, StateChanges] | None:
    """Build what the changed cables show; None when a full build must run instead.
    The state is updated in place; the changes are returned for the state's journal."""
    if state.inputs != scan.other or not (config.out_dir / urls.home()).is_file():
        return None
    paths = changed_paths(state.files, scan.cables)
    files = changed_cables(paths, scan.cables, state) if len(paths) <= MAX_CHANGED else None
    if files is None:
        return None
    failed: set[str] = set()
    new = load_changed(files, reporter, failed)
    archive = state_archive(state, config.content_dir, reporter.report)
    old = {cable_id: archive.entries.get(cable_id) for cable_id in new}
    touched = categories_of([*old.values(), *new.values()])
    before = {(s, k): state.indexes[s].get(k, ()) for s, keys in touched.items() for k in keys}
    for cable_id, entry in new.items():
        archive.entries.put(cable_id, entry)  # type: ignore[attr-defined]
    patch_indexes(archive.indexes, archive.entries, new, touched)
    links = patch_cited_by(archive.cited_by, archive.entries, old, new)
    report.cables, report.changed = len(archive), len(new)
    clock.lap("load")

    key = site_key(config, theme_key, archive)
    jobs = plan_changes(archive, config, key, new, before, links.cited | links.citing)
    gone = old_pages(state, archive, config, old, before) - {job.path for job in jobs}
    clock.lap("plan")

    pages, lookup = write_changes(
        config, reporter, archive, state, jobs, gone, before, set(new), report, clock
    )
    state.inputs = scan.other
    for path in paths:
        state.files.pop(path, None)
        if path in scan.cables and path not in failed:
            state.files[path] = scan.cables[path]
    changes = StateChanges(
        inputs=scan.other,
        files={path: state.files.get(path) for path in paths},
        entries={cable_id: state.entries.get(cable_id) for cable_id in new},
        indexes={category: state.indexes[category[0]].get(category[1]) for category in before},
        cited_by={ref: state.cited_by.get(ref) for ref in links.cited},
        pages=pages,
        extras=state.extras,
        buckets=len(state.lookup),
        lookup={number: state.lookup[number] for number in lookup},
    )
    return state, changes


def write_changes(
    config: SiteConfig,
    reporter: Reporter,
    archive: Archive,
    state: BuildState,
    jobs: list[PageJob],
    gone: set[str],
    before: dict[Category, tuple[str, ...]],
    changed_ids: set[str],
    report: BuildReport,
    clock: Stopwatch,
) -> tuple[dict[str, PageRecord | None], set[int]]:
    """Render the jobs, make the extras that changed, put them into the site and remove
    what it no longer has; returns the changed page records and lookup buckets."""
    staging = staging_dir_for(config.out_dir)
    reset_staging(staging)
    writer = StagingWriter(config.out_dir, staging)
    old_keys = {job.path: state.pages[job.path][2] for job in jobs if job.path in state.pages}
    workers = 1 if len(jobs) < 40 else config.workers
    renderer = Renderer(archive, config, make_environment(config))
    renderer.previous_site = (config.out_dir, frozenset(changed_ids))
    result = render_with_progress(renderer, writer, jobs, old_keys, workers, reporter)
    clock.lap("render")

    removed = [output for path in gone for output in page_outputs(state, path)]
    records: dict[str, PageRecord | None] = dict.fromkeys(gone)
    records.update({job.path: (job.kind, job.key, job.cache_key) for job in jobs})
    update_mapping(state.pages, records)
    state.lookup, buckets = patch_lookup(state.lookup, archive, changed_ids)
    pages = state.pages
    html_pages = [p for p, (kind, _, _) in pages.items() if kind not in ("notfound", "export")]
    changed = Changed(buckets, changed_categories(archive, before))
    for path, data in extras_outputs(archive, config, html_pages, state.lookup, changed):
        result.stage(writer, path, data)
    extras = extras_paths(archive, config, len(html_pages), state.lookup)
    clock.lap("extras")

    apply_staged(staging, config.out_dir, result.changed)
    removed += [p for p in state.extras if p not in extras]
    remove_outputs(config.out_dir, removed)
    state.extras = sorted(extras)
    clock.lap("write")
    report.rendered, report.skipped = result.rendered, result.skipped
    report.written, report.removed = len(result.changed), len(removed)
    return records, buckets


def page_outputs(state: BuildState, path: str) -> list[str]:
    kind, key, _ = state.pages.get(path, ("", "", ""))
    return job_outputs(PageJob(kind, path, key))


def remove_outputs(out_dir: Path, paths: Iterable[str]) -> None:
    """Delete files the site no longer has, and folders left empty."""
    folders = set()
    for path in paths:
        target = out_dir / path
        target.unlink(missing_ok=True)
        folders.add(target.parent)
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        while folder != out_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
