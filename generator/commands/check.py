"""Check content/ for problems before a build; exit status 1 if there are errors.

Every problem is printed as PATH:LINE: error: MESSAGE (or warning). Errors:
malformed front matter, an id that is not canonical or does not match its file
name or YYYY/MM folder, an unknown classification, a malformed or impossible
date (2009-02-30), duplicate ids. Warnings: a sha256 that does not match the
text, a reference to a cable not in the archive, unknown front-matter keys,
stray or unfinished files. --strict turns warnings into failure too.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.content.check import Finding, check_content
from generator.report import Reporter

DESCRIPTION = __doc__
EXAMPLES = """examples:
  cablesite check                      check ./content
  cablesite check --content archive/   check another content folder
  cablesite check --strict -q          for CI: fail on warnings too, print only errors
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="the content folder to check (default: ./content)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 on warnings as well"
    )


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    def report(finding: Finding) -> None:
        if finding.level == "error":
            reporter.error(finding.message, finding.path, finding.line)
        else:
            reporter.warning(finding.message, finding.path, finding.line, kind=finding.kind)

    result = check_content(args.content, report)
    reporter.info(
        f"checked {result.files:,} cable files: {result.errors:,} errors, "
        f"{result.warnings:,} warnings"
    )
    if result.errors or (args.strict and result.warnings):
        return 1
    return 0
