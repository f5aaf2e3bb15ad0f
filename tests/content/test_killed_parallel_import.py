"""kill -9 during an import by worker processes: whole files only, no stray processes."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.content.layout import is_temp_name
from generator.content.store import read_cable

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
MAKE_CORPUS = SHARED / "corpus" / "make_corpus.py"
ROWS = 2000  # ~13 MB: over the size from which rows go to worker processes
ROUNDS = 4

pytestmark = pytest.mark.corpus


def cablesite(*args: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "generator", *map(str, args)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_killed_parallel_imports_leave_whole_files_and_a_rerun_finishes(tmp_path: Path) -> None:
    if not MAKE_CORPUS.is_file():
        pytest.skip(f"{MAKE_CORPUS} not found (../shared beside the checkout)")
    csv_path = tmp_path / "cables.csv"
    subprocess.run(
        [sys.executable, str(MAKE_CORPUS), "--count", str(ROWS), "--malformed", "0",
         "--seed", "5", "--out", str(csv_path)],
        check=True, capture_output=True,
    )  # fmt: skip
    fast = ("-q", "--no-sync")
    started = time.monotonic()
    serial = cablesite("import", csv_path, "--content", tmp_path / "reference", *fast, "-j", "1")
    assert serial.wait() == 0
    duration = time.monotonic() - started
    reference = files(tmp_path / "reference")
    content, rng, interrupted = tmp_path / "content", random.Random(8), 0
    for _ in range(ROUNDS):
        process = cablesite("import", csv_path, "--content", content, *fast, "-j", "2")
        time.sleep(rng.uniform(0.2, 0.8) * duration)
        interrupted += process.poll() is None
        process.send_signal(signal.SIGKILL)
        # Returns once every holder of the output pipes is gone: the workers too.
        process.communicate(timeout=60)
        for name, data in files(content).items():
            if not is_temp_name(Path(name).name):
                assert data == reference[name], name
                read_cable(content / name)
    assert interrupted >= 2, "too few kills landed mid-import"
    final = cablesite("import", csv_path, "--content", content, *fast, "-j", "2")
    _, stderr = final.communicate(timeout=120)
    assert final.returncode == 0, stderr
    assert files(content) == reference  # every cable, and no temp file left over
