"""Import cables into content/: one file per cable, nothing ever overwritten.

Reads files and folders (recursively) of any kind the parser knows: cables.csv,
pages saved from the original site, text copies of them, blog and Markdown
reposts, bare telegrams. Each cable is written to
content/cables/YYYY/MM/ID.md with its provenance. Importing the same thing
again changes no byte; the same text from another source is added to the
provenance; a different text for a known id is kept as a variant
(ID.variant-<sha>.md) and reported. Bad rows and files are reported as
PATH:LINE: error: ... and skipped; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Iterator
from pathlib import Path

from generator.cable import Cable
from generator.content.atomic import WriteFailure
from generator.content.importer import ImportTally, store_cables
from generator.content.store import ContentStore, Stored
from generator.errors import CablesiteError
from generator.ingest.csv_source import CsvCableReader, RowProblem
from generator.progress import Progress
from generator.report import Reporter

DESCRIPTION = __doc__
EXAMPLES = """examples:
  cablesite import ../shared/seeds                 the five seed files
  cablesite import cables.csv --content content    the 251,287 cables of the leak
  cablesite import pages/ notes.md cables.csv      any mix of files and folders
"""

_CSV_START = re.compile(rb'"[0-9]+","')
MEGABYTE = 1_000_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="the content folder to import into (default: ./content)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="processes that convert the rows of a big cables.csv (default: one per core)",
    )
    parser.add_argument(
        "--no-sync",
        action="store_true",
        help="do not flush written files to disk (faster; still safe if the import is "
        "killed, but not against a power cut)",
    )


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    tally = ImportTally()
    inputs = list(expand_inputs(args.paths, reporter, tally))
    try:
        store = ContentStore(args.content, sync=not args.no_sync)
    except OSError as exc:
        reporter.error(f"cannot use the content folder: {exc.strerror}", str(args.content))
        return 1
    if store.leftovers_removed:
        reporter.info(f"removed {store.leftovers_removed} unfinished files of an earlier run")
    try:
        with store:
            for group in group_by_kind(inputs):
                if is_csv(group[0]):
                    import_csv(store, group[0], reporter, tally, args.jobs)
                else:
                    import_sources(store, group, reporter, tally)
    except WriteFailure as exc:
        tally.errors += 1
        reporter.error(f"cannot write, import stopped: {exc}", str(args.content))
    reporter.info(tally.summary())
    return 1 if tally.errors else 0


def expand_inputs(paths: list[Path], reporter: Reporter, tally: ImportTally) -> Iterator[Path]:
    """Files as given, folders walked in sorted order (hidden names skipped)."""
    for path in paths:
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith("."):
                        yield Path(folder, name)
        elif path.exists():
            yield path
        else:
            tally.errors += 1
            reporter.error("no such file or folder", str(path))


def is_csv(path: Path) -> bool:
    """cables.csv by name or by its first bytes (a quoted row number, then a comma)."""
    if path.suffix.lower() == ".csv":
        return True
    try:
        with open(path, "rb") as handle:
            return _CSV_START.match(handle.read(32)) is not None
    except OSError:
        return False


def group_by_kind(inputs: list[Path]) -> Iterator[list[Path]]:
    """Each CSV alone, runs of other files together (one progress bar per run)."""
    run: list[Path] = []
    for path in inputs:
        if is_csv(path):
            if run:
                yield run
                run = []
            yield [path]
        else:
            run.append(path)
    if run:
        yield run


def import_csv(
    store: ContentStore, path: Path, reporter: Reporter, tally: ImportTally, jobs: int | None
) -> None:
    reader = CsvCableReader(path, jobs=jobs, store=store)
    try:
        total = max(1, path.stat().st_size // MEGABYTE)
        progress = Progress(f"{path.name} (MB)", total, enabled=not reporter.quiet)
        store_cables(
            store, _csv_cables(reader, reporter, tally, progress), reporter, tally, str(path)
        )
        progress.close()
    except OSError as exc:
        tally.errors += 1
        reporter.error(f"cannot read: {exc.strerror or exc}", str(path))


def _csv_cables(
    reader: CsvCableReader, reporter: Reporter, tally: ImportTally, progress: Progress
) -> Iterator[tuple[Cable, bytes] | Stored]:
    shown = 0
    for item in reader.with_file_bytes():
        if isinstance(item, RowProblem):
            report_row_problem(item, reporter, tally)
        else:
            yield item
        megabytes = reader.bytes_read // MEGABYTE
        if megabytes > shown:
            progress.advance(megabytes - shown)
            shown = megabytes


def report_row_problem(problem: RowProblem, reporter: Reporter, tally: ImportTally) -> None:
    if problem.level == "error":
        tally.errors += 1
        reporter.error(problem.text, problem.path, problem.line)
    else:
        reporter.warning(problem.text, problem.path, problem.line, kind="csv row warning")


def import_sources(
    store: ContentStore, paths: list[Path], reporter: Reporter, tally: ImportTally
) -> None:
    progress = Progress("importing", len(paths), enabled=not reporter.quiet and len(paths) > 50)
    for path in paths:
        try:
            cables = parse_file(path)
        except CablesiteError as exc:
            tally.errors += 1
            reporter.error(exc.message, exc.path or str(path), exc.line)
        except (OSError, UnicodeError) as exc:
            tally.errors += 1
            reporter.error(f"cannot read: {getattr(exc, 'strerror', None) or exc}", str(path))
        else:
            store_cables(store, cables, reporter, tally, str(path))
        progress.advance()
    progress.close()


def parse_file(path: Path) -> list[Cable]:
    from generator.ingest import parse_source  # helper A's parser of every other kind

    return parse_source(path)
