"""Print the archive's numbers: cables per year, origin and classification, gaps.

Counts the cables in content/ (variants separately), cables per year of
creation, per origin and per classification, cables without a creation or a
release date, and references that point to cables not in the archive (with
the most cited missing ids: candidates for the next import). Reads only the
front matter of each file, so it stays quick on the full 251,287 cables.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.cable import Cable
from generator.content.cablefile import FENCE
from generator.content.layout import id_of_cable_name, iter_cable_folders, split_variant_name
from generator.content.store import parse_cable_bytes
from generator.errors import CablesiteError
from generator.progress import Progress
from generator.report import Reporter
from generator.site.config import find_config, load_config

DESCRIPTION = __doc__

EXAMPLES = """\
examples:
  cablesite stats                       numbers of content/, top 20 origins and missing ids
  cablesite stats --content ~/archive/content --all
  cablesite stats --json > stats.json   every number, for scripts
"""

UNDATED = "undated"
UNKNOWN = "(unknown)"
_FENCE = FENCE.encode()


@dataclass
class ArchiveStats:
    cables: int = 0
    variants: int = 0
    unreadable: int = 0
    without_created: int = 0
    without_released: int = 0
    per_year: Counter[str] = field(default_factory=Counter)
    per_origin: Counter[str] = field(default_factory=Counter)
    per_classification: Counter[str] = field(default_factory=Counter)
    cited: Counter[str] = field(default_factory=Counter)
    ids: set[str] = field(default_factory=set)

    def add(self, cable: Cable) -> None:
        self.cables += 1
        self.ids.add(cable.id)
        self.per_year[cable.created[:4] if cable.created else UNDATED] += 1
        self.per_origin[cable.origin or UNKNOWN] += 1
        self.per_classification[cable.classification or UNKNOWN] += 1
        self.without_created += cable.created is None
        self.without_released += cable.released is None
        self.cited.update(set(cable.references))

    def missing_references(self) -> Counter[str]:
        """Cited ids not in the archive, with how many cables cite each."""
        return Counter({ref: n for ref, n in self.cited.items() if ref not in self.ids})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="content folder (default: content_dir of ./cablesite.yaml, else ./content)",
    )
    parser.add_argument("--json", action="store_true", help="print every number as JSON")
    parser.add_argument(
        "--top", type=int, default=20, metavar="N", help="rows of the long lists (default 20)"
    )
    parser.add_argument("--all", action="store_true", help="print the long lists in full")


def read_front_matter(path: Path) -> Cable:
    """The cable's fields without its text: reads only up to the closing ``---``."""
    with open(path, "rb") as file:
        lines = [file.readline()]
        if lines[0] == _FENCE:
            for line in file:
                lines.append(line)
                if line == _FENCE:
                    break
    return parse_cable_bytes(b"".join(lines), str(path))


def list_cable_files(content_dir: Path, reporter: Reporter) -> tuple[list[Path], int]:
    """Every main cable file (sorted by folder) and the number of variant files."""
    files: list[Path] = []
    variants = 0
    for folder in iter_cable_folders(content_dir):
        try:
            names = sorted(entry.name for entry in folder.iterdir() if entry.is_file())
        except OSError as exc:
            reporter.error(f"cannot list the folder: {exc.strerror}", str(folder))
            continue
        variants += sum(split_variant_name(name) is not None for name in names)
        files += [folder / name for name in names if id_of_cable_name(name) is not None]
    return files, variants


def collect(content_dir: Path, reporter: Reporter) -> ArchiveStats:
    stats = ArchiveStats()
    files, stats.variants = list_cable_files(content_dir, reporter)
    progress = Progress("reading", len(files), enabled=not reporter.quiet)
    for path in files:
        try:
            stats.add(read_front_matter(path))
        except CablesiteError as exc:
            stats.unreadable += 1
            reporter.report(exc)
        except OSError as exc:
            stats.unreadable += 1
            reporter.error(f"cannot read: {exc.strerror}", str(path))
        progress.advance()
    progress.close()
    return stats


def _top(counter: Counter[str], limit: int | None) -> list[tuple[str, int]]:
    """Most common first, ties by name, so the output is stable."""
    rows = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return rows if limit is None else rows[:limit]


def as_json(stats: ArchiveStats, limit: int | None) -> dict[str, object]:
    missing = stats.missing_references()
    return {
        "cables": stats.cables,
        "variants": stats.variants,
        "unreadable": stats.unreadable,
        "without_created": stats.without_created,
        "without_released": stats.without_released,
        "per_year": dict(sorted(stats.per_year.items())),
        "per_classification": dict(_top(stats.per_classification, None)),
        "origins": len(stats.per_origin),
        "per_origin": dict(_top(stats.per_origin, limit)),
        "missing_references": {
            "ids": len(missing),
            "citations": sum(missing.values()),
            "most_cited": dict(_top(missing, limit)),
        },
    }


def _table(title: str, rows: list[tuple[str, int]]) -> list[str]:
    if not rows:
        return [f"{title}: none"]
    width = max(len(name) for name, _ in rows)
    return [f"{title}:", *(f"  {name:<{width}}  {count:>9,}" for name, count in rows)]


def _shown(rows: int, total: int, what: str) -> str:
    return f"top {rows} of {total:,} {what}; --all for every one" if rows < total else what


def as_text(stats: ArchiveStats, limit: int | None) -> str:
    missing = stats.missing_references()
    origins = _top(stats.per_origin, limit)
    most_cited = _top(missing, limit)
    lines = [
        f"Cables: {stats.cables:,} (plus {stats.variants:,} variant texts)",
        f"Without a creation date: {stats.without_created:,}",
        f"Without a release date: {stats.without_released:,}",
        "",
        *_table("Per year of creation", sorted(stats.per_year.items())),
        "",
        *_table("Per classification", _top(stats.per_classification, None)),
        "",
        *_table(f"Per origin ({_shown(len(origins), len(stats.per_origin), 'origins')})", origins),
        "",
        f"References to cables not in the archive: {sum(missing.values()):,} "
        f"citations of {len(missing):,} ids",
    ]
    if most_cited:
        title = f"Most cited missing ids ({_shown(len(most_cited), len(missing), 'ids')})"
        lines += _table(title, most_cited)
    if stats.unreadable:
        lines += ["", f"Unreadable files (not counted above): {stats.unreadable:,}"]
    return "\n".join(lines)


def content_folder(given: Path | None, reporter: Reporter) -> Path:
    """--content, else the content folder cablesite.yaml names, else ./content."""
    if given is not None:
        return given
    try:
        return load_config(find_config(Path.cwd()), warn=reporter.warning).content_dir
    except CablesiteError as exc:
        reporter.warning(f"{exc.message}; reading ./content", exc.path, exc.line)
        return Path("content")


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    content = content_folder(args.content, reporter)
    if not Path(content, "cables").is_dir():
        reporter.error(
            "no cables/ folder here; give the content folder with --content DIR "
            "or import cables first (cablesite import)",
            str(content),
        )
        return 1
    stats = collect(content, reporter)
    limit = None if args.all else max(args.top, 0)
    if args.json:
        print(json.dumps(as_json(stats, limit), indent=2, ensure_ascii=False))
    else:
        print(as_text(stats, limit))
    return 1 if stats.unreadable else 0
