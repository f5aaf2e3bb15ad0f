"""The `cablesite` command line: one module per subcommand in generator/commands/."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from generator import __version__
from generator.report import Reporter

# Each module defines DESCRIPTION, add_arguments(parser) and run(args, reporter) -> int.
COMMANDS = {
    "parse": "generator.commands.parse",
    "import": "generator.commands.import_",
    "check": "generator.commands.check",
    "build": "generator.commands.build",
    "serve": "generator.commands.serve",
    "stats": "generator.commands.stats",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``only`` that one: a command's module imports
    what it needs, and importing all of them costs a rebuild of one edited cable
    about a tenth of a second."""
    parser = argparse.ArgumentParser(
        prog="cablesite",
        description="Import diplomatic cables and publish them as a static website.",
        epilog="Run `cablesite COMMAND --help` for the options and examples of a command.",
    )
    parser.add_argument("--version", action="version", version=f"cablesite {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(module_name)
        sub = subparsers.add_parser(
            name,
            help=module.DESCRIPTION.splitlines()[0],
            description=module.DESCRIPTION,
            epilog=getattr(module, "EXAMPLES", None),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        verbosity = sub.add_mutually_exclusive_group()
        verbosity.add_argument("-q", "--quiet", action="store_true", help="print only errors")
        verbosity.add_argument(
            "-v", "--verbose", action="store_true", help="print every warning and more detail"
        )
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv and argv[0] in COMMANDS else None
    args = build_parser(command).parse_args(argv)
    reporter = Reporter(quiet=args.quiet, verbose=args.verbose)
    try:
        status = args.run(args, reporter)
    except KeyboardInterrupt:
        print("cablesite: interrupted", file=sys.stderr)
        return 130
    reporter.flush()
    return status if status else (1 if reporter.errors else 0)


def run() -> None:
    """The `cablesite` program: `main`, then exit without tearing the heap down.

    A build of the whole leak ends holding millions of objects (its state);
    freeing them one by one at exit costs about a second. Everything is
    written and closed by then, so flush the output and leave at once."""
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
