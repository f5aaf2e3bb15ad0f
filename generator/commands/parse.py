"""Read cable sources and print what was found in them.

Reads saved pages of the original cable site, text copies of them, blog and
Markdown reposts, bare telegram text and cables.csv files; the kind of each file
is recognized from its content. Folders are read recursively, in name order.
Nothing is written: use `cablesite import` to add cables to the archive.

With --json, prints one JSON object per cable (JSON Lines) with the keys id,
created, released, classification, origin, subject, tags, references, body.
A file that cannot be read is reported as `PATH: error: MESSAGE` on stderr;
the other files are still read, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.cable import Cable
from generator.errors import CablesiteError
from generator.ingest import parse_source
from generator.report import Reporter

DESCRIPTION = __doc__

EXAMPLES = """\
examples:
  cablesite parse page.html                    one line per cable: id, date, origin, subject
  cablesite parse --json saved/ > cables.jsonl every file under saved/, as JSON Lines
  cablesite parse --json cables.csv | head     the cables.csv distribution, streamed
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    parser.add_argument(
        "--json", action="store_true", help="print JSON Lines (one object per cable)"
    )


def source_files(path: Path) -> Iterator[Path]:
    """The path itself, or every visible file under a folder in sorted order.

    Symbolic links to folders are not followed, so a link loop cannot recurse forever.
    """
    if not path.is_dir():
        yield path
        return
    for root, folders, files in os.walk(path):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def summary(cable: Cable) -> str:
    created = (cable.created or "undated").replace("T", " ")
    subject = cable.subject or "(no subject)"
    tags = " ".join(cable.tags) or "-"
    return (
        f"{cable.id}  {created}  {cable.classification or '?'}  {cable.origin or '?'}\n"
        f"    {subject}\n    tags: {tags}  references: {len(cable.references)}"
    )


def _emit(cable: Cable, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(cable.to_record(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(summary(cable) + "\n")


def _parse_csv(path: Path, as_json: bool, reporter: Reporter) -> None:
    """Delegate cables.csv to its streaming reader (rows with problems are reported)."""
    csv_source = importlib.import_module("generator.ingest.csv_source")
    for item in csv_source.iter_csv_cables(path):
        if isinstance(item, Cable):
            _emit(item, as_json)
        elif getattr(item, "level", "error") == "warning":
            reporter.warning(item.text, str(path), item.line, kind=item.message[:40])
        else:
            reporter.error(item.text, str(path), item.line)


def _parse_file(path: Path, as_json: bool, reporter: Reporter) -> None:
    if path.suffix.lower() == ".csv":
        _parse_csv(path, as_json, reporter)
        return
    for cable in parse_source(path):
        _emit(cable, as_json)


def _stop_writing() -> None:
    """The reader of our output went away (`| head`): send the rest nowhere, quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _parse_path(given: Path, as_json: bool, reporter: Reporter) -> None:
    for path in source_files(given):
        try:
            _parse_file(path, as_json, reporter)
        except CablesiteError as exc:
            reporter.report(exc)
        except BrokenPipeError:
            raise
        except (OSError, UnicodeError) as exc:
            reporter.error(f"cannot read file: {exc}", str(path))
        except Exception as exc:  # one odd file must not stop the others
            reporter.error(
                f"unexpected problem while parsing ({exc!r}); please report it", str(path)
            )


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    try:
        for given in args.paths:
            if not given.exists():
                reporter.error("no such file or folder", str(given))
                continue
            _parse_path(given, args.json, reporter)
            sys.stdout.flush()
    except BrokenPipeError:
        _stop_writing()
    return 1 if reporter.errors else 0
