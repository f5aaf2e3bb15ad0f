"""Benchmark `cablesite import` on a synthetic cables.csv from make_corpus.py.

    python bench/import_csv.py                 # 50,000 cables, 500 malformed rows
    python bench/import_csv.py --full          # 251,287 cables, 50 malformed (issue 5 target:
                                               # < 90 s and < 500 MB peak RSS)

Generates the corpus (cached under bench/out/), imports it into a fresh content
folder in a subprocess, then imports it again (must change nothing), and
reports wall time, CPU time, cables per second and peak RSS of each run, and
whether exactly the malformed rows of make_corpus.py's manifest were reported.
Peak RSS is that of the whole process tree (the import and its worker
processes), sampled every 50 ms as ``measure.py`` does; CPU time includes the
workers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import tree_rss

REPO = Path(__file__).resolve().parents[1]
MAKE_CORPUS = REPO.parent / "shared" / "corpus" / "make_corpus.py"
OUT = REPO / "bench" / "out" / "import-csv"
ERROR_ROW = re.compile(r"^.+?:\d+: error: row (\d+): ", re.M)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=50_000, help="cables (default 50,000)")
    parser.add_argument("--malformed", type=int, default=None, help="bad rows (default 500)")
    parser.add_argument("--full", action="store_true", help="251,287 cables, 50 malformed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-sync", action="store_true", help="pass --no-sync to the import")
    parser.add_argument("--keep", action="store_true", help="keep the imported content folder")
    args = parser.parse_args()
    if args.full:
        args.count = 251_287
        args.malformed = 50 if args.malformed is None else args.malformed
    if args.malformed is None:
        args.malformed = 500
    return args


def corpus(count: int, malformed: int, seed: int) -> tuple[Path, list[dict]]:
    """The cables.csv and its manifest of malformed rows, generated once."""
    OUT.mkdir(parents=True, exist_ok=True)
    csv_path = OUT / f"cables-{count}-{malformed}-{seed}.csv"
    manifest = csv_path.with_suffix(".json")
    if not (csv_path.is_file() and manifest.is_file()):
        if not MAKE_CORPUS.is_file():
            sys.exit(f"bench: {MAKE_CORPUS} not found (../shared beside the checkout)")
        print(f"generating {csv_path.name} ...", file=sys.stderr)
        subprocess.run(
            [sys.executable, str(MAKE_CORPUS), "--count", str(count), "--malformed",
             str(malformed), "--seed", str(seed), "--out", str(csv_path), "--manifest",
             str(manifest)],
            check=True, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    return csv_path, json.loads(manifest.read_text())


def timed_import(csv_path: Path, content: Path, no_sync: bool) -> dict[str, object]:
    """Run the import in a child process: wall time, CPU time and peak RSS of its tree."""
    command = [sys.executable, "-m", "generator", "import", str(csv_path), "--content",
               str(content), "-q"] + (["--no-sync"] if no_sync else [])  # fmt: skip
    with tempfile.TemporaryFile("w+") as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=REPO, stderr=log, text=True)
        peak, (pid, status, usage) = 0, (0, 0, None)
        while pid == 0:
            peak = max(peak, tree_rss(child.pid))
            time.sleep(0.05)
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        stderr = log.read()
    return {
        "status": child.returncode,
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,  # the child and the workers it waited for
        "peak_mb": peak / 1e6,
        "reported_rows": {int(m) for m in ERROR_ROW.findall(stderr)},
        "error_lines": stderr.count(": error: "),
    }


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            stat = os.stat(os.path.join(folder, name))
            found[os.path.join(folder, name)] = (stat.st_size, stat.st_mtime_ns)
    return found


def report(label: str, run: dict[str, object], cables: int) -> None:
    wall = float(run["wall"])  # type: ignore[arg-type]
    print(
        f"{label:<22} {wall:7.1f} s wall  {float(run['cpu']):6.1f} s cpu  "  # type: ignore[arg-type]
        f"{cables / wall:8,.0f} cables/s  peak {float(run['peak_mb']):6.0f} MB  "  # type: ignore[arg-type]
        f"exit {run['status']}"
    )


def main() -> int:
    args = parse_args()
    csv_path, manifest = corpus(args.count, args.malformed, args.seed)
    expected_rows = {entry["row"] for entry in manifest}
    good = args.count - len(expected_rows)
    content = OUT / f"content-{os.getpid()}"
    size_mb = csv_path.stat().st_size / 1e6
    print(f"corpus: {args.count:,} rows ({size_mb:,.0f} MB), {len(expected_rows)} malformed; "
          f"fsync: {'off' if args.no_sync else 'batched'}")  # fmt: skip
    try:
        first = timed_import(csv_path, content, args.no_sync)
        report("import (empty content)", first, good)
        before = snapshot(content)
        second = timed_import(csv_path, content, args.no_sync)
        report("import again", second, good)
        unchanged = snapshot(content) == before
        ok_rows = first["reported_rows"] == expected_rows == second["reported_rows"]
        print(f"files written: {len(before):,} (expected {good:,})")
        print(f"malformed rows reported exactly: {ok_rows} ({first['error_lines']} error lines)")
        print(f"second run changed nothing: {unchanged}", flush=True)
    finally:
        if not args.keep:  # slow on a disk mounted with 'discard'; not part of the timing
            shutil.rmtree(content, ignore_errors=True)
    status_ok = first["status"] == (1 if expected_rows else 0)
    return 0 if ok_rows and unchanged and len(before) == good and status_ok else 1


if __name__ == "__main__":
    sys.exit(main())
