"""Run a command and measure it: wall time, peak memory of its whole process tree, output size.

Peak memory is sampled from /proc every 50 ms as the sum of the resident set of the
command and all its descendants (a process pool's workers count too), which is what
a build host's memory limit sees. ``ru_maxrss`` would only give the largest single
process.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Measurement:
    wall_s: float
    peak_rss_bytes: int
    returncode: int


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants."""
    children = _children_map()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * PAGE_SIZE
        except OSError:
            continue
    return total


def run_measured(
    command: list[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    log: Path | None = None,
) -> Measurement:
    """Run ``command`` to completion, sampling the memory of its process tree."""
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=out)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    wall = time.monotonic() - started
    if log:
        out.close()  # type: ignore[union-attr]
    return Measurement(wall, peak, process.returncode)


def tree_size(root: Path) -> tuple[int, int, int]:
    """(files, bytes, most files in one directory) under ``root``."""
    files = size = widest = 0
    for folder, _dirs, names in os.walk(root):
        files += len(names)
        widest = max(widest, len(names) + len(_dirs))
        for name in names:
            size += os.lstat(os.path.join(folder, name)).st_size
    return files, size, widest
