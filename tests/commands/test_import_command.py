"""`cablesite import`: a make_corpus.py cables.csv end to end, idempotence, kill -9 safety."""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.content.cablefile import body_sha256, split_front_matter
from generator.content.store import read_cable

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
MAKE_CORPUS = SHARED / "corpus" / "make_corpus.py"
SEEDS = SHARED / "seeds"
ERROR_ROW = re.compile(r"^(.+):(\d+): error: row (\d+): ", re.M)

KILL_ROUNDS = 5
KILL_CORPUS = 2000  # big enough that every round is killed mid-import

pytestmark = pytest.mark.corpus


def make_corpus(out: Path, count: int, malformed: int = 0) -> list[dict]:
    if not MAKE_CORPUS.is_file():
        pytest.skip(f"{MAKE_CORPUS} not found (../shared beside the checkout)")
    manifest = out.with_suffix(".json")
    subprocess.run(
        [sys.executable, str(MAKE_CORPUS), "--count", str(count), "--malformed", str(malformed),
         "--seed", "3", "--out", str(out), "--manifest", str(manifest)],
        check=True, capture_output=True,
    )  # fmt: skip
    return json.loads(manifest.read_text())


def cablesite(*args: str | Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "generator", *map(str, args)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(*args: str | Path) -> tuple[int, str]:
    process = cablesite(*args)
    _, stderr = process.communicate(timeout=300)
    return process.returncode, stderr


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under root with its bytes and mtime."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("csv") / "cables.csv"
    return out, make_corpus(out, 1200, 20)


def test_malformed_rows_reported_exactly_others_imported_second_run_no_change(
    corpus: tuple[Path, list[dict]], tmp_path: Path
) -> None:
    csv_path, manifest = corpus
    content = tmp_path / "content"
    status, stderr = run("import", csv_path, "--content", content)
    assert status == 1
    reported = {int(m[3]) for m in ERROR_ROW.finditer(stderr)}
    assert reported == {entry["row"] for entry in manifest}
    assert stderr.count(": error: ") == 20
    assert "1,180 new" in stderr
    files = sorted(content.rglob("*.md"))
    assert len(files) == 1180
    first = tree(content)
    status, stderr = run("import", csv_path, "--content", content)
    assert status == 1 and "1,180 unchanged" in stderr
    assert tree(content) == first  # no byte and no mtime changed
    status, stderr = run("check", "--content", content)
    assert status == 0, stderr


def test_seeds_and_csv_in_one_run(corpus: tuple[Path, list[dict]], tmp_path: Path) -> None:
    pytest.importorskip("generator.ingest")
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not found")
    content = tmp_path / "content"
    status, stderr = run("import", SEEDS, corpus[0], "--content", content, "--no-sync")
    assert status == 1  # the CSV's malformed rows
    seed = read_cable(content / "cables" / "2007" / "04" / "07ASTANA1061.md")
    assert seed.sources[0].kind != "csv"
    before = tree(content)
    run("import", SEEDS, "--content", content, "--no-sync")
    assert tree(content) == before


def test_missing_input_is_an_error_but_others_are_imported(tmp_path: Path) -> None:
    status, stderr = run("import", tmp_path / "nope.txt", "--content", tmp_path / "c")
    assert status == 1
    assert f"{tmp_path / 'nope.txt'}: error: no such file or folder" in stderr
    assert "Traceback" not in stderr


def assert_complete_or_absent(content: Path, reference: dict[str, tuple[bytes, int]]) -> int:
    """Every cable file is whole: equal to the uninterrupted import's file."""
    count = 0
    for path in content.rglob("*.md"):
        data = path.read_bytes()
        assert data == reference[path.relative_to(content).as_posix()][0], path
        cable = read_cable(path)
        front = split_front_matter(data.decode(), str(path))[0]
        assert f'sha256: "{body_sha256(cable.body)}"' in front
        count += 1
    return count


def test_killed_imports_leave_whole_files_and_a_rerun_finishes_the_job(tmp_path: Path) -> None:
    csv_path = tmp_path / "cables.csv"
    make_corpus(csv_path, KILL_CORPUS)
    reference_dir = tmp_path / "reference"
    started = time.monotonic()
    # -j 1: the store and its writer are under test here, not the row workers
    fast = ("-q", "--no-sync", "-j", "1")
    assert run("import", csv_path, "--content", reference_dir, *fast)[0] == 0
    duration = time.monotonic() - started
    reference = tree(reference_dir)
    content, rng, seen, interrupted = tmp_path / "content", random.Random(6), [], 0
    for _ in range(KILL_ROUNDS):
        process = cablesite("import", csv_path, "--content", content, *fast)
        # Anywhere in the run: before, between and during the write batches.
        time.sleep(rng.uniform(0.1, 0.8) * duration)
        interrupted += process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.communicate()
        seen.append(assert_complete_or_absent(content, reference))
    assert interrupted >= 3, f"too few kills landed mid-import (files seen: {seen})"
    status, stderr = run("import", csv_path, "--content", content, *fast)
    assert status == 0, stderr
    assert {k: v[0] for k, v in tree(content).items()} == {k: v[0] for k, v in reference.items()}
