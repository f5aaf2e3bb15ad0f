"""Build the website from content/ with the theme.

Renders every cable page, the five browse sections (release date, creation date,
origin, tag, classification), the home, editorial and glossary pages, sitemap,
feed, 404 page and data export into the output folder, then builds the search
index. Only changed files are written; files no longer produced are removed; a
failed build leaves the previous site as it was. When only a few cables changed,
only the pages that show them are built.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.errors import CablesiteError
from generator.report import Reporter

DESCRIPTION = __doc__
EXAMPLES = """examples:
  cablesite build                                  # content/ -> site/, as cablesite.yaml says
  cablesite build --base-url https://example.org/archive/
  cablesite build --content ~/leak/content --out /tmp/site --no-search
  cablesite build --config other.yaml -q
  cablesite build --full                           # also remove files added to site/ by hand
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", type=Path, metavar="DIR", help="content folder (default: content/)"
    )
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: site/)")
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="address the site is published at (for sitemap, feed, canonical links)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="config file (default: ./cablesite.yaml if present)",
    )
    parser.add_argument("--no-search", action="store_true", help="skip the search index")
    parser.add_argument(
        "--full",
        action="store_true",
        help="check every page and remove every file the build does not make, instead of "
        "building only what changed (after editing the output folder by hand)",
    )


def overrides_from(args: argparse.Namespace) -> dict[str, object]:
    overrides: dict[str, object] = {}
    if args.content is not None:
        overrides["content_dir"] = args.content
    if args.out is not None:
        overrides["out_dir"] = args.out
    if args.base_url is not None:
        overrides["base_url"] = args.base_url
    if args.no_search:
        overrides["search"] = False
    return overrides


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    from generator.site.build import build
    from generator.site.config import find_config, load_config

    path = args.config if args.config is not None else find_config(Path.cwd())
    try:
        config = load_config(path, overrides_from(args), warn=reporter.warning)
        build(config, reporter, full=args.full)
    except CablesiteError as exc:
        reporter.report(exc)
        return 1
    except OSError as exc:
        reporter.error(f"build failed: {exc.strerror or exc}", getattr(exc, "filename", None))
        return 1
    return 1 if reporter.errors else 0
