"""Shared data for the ingest tests: the team's read-only folder beside the checkout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # csvtext.py, the tests' CSV rows

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed files not found at {SEEDS} (../shared beside the checkout)")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "truth.jsonl").is_file():
        pytest.skip(f"corpus not found at {CORPUS} (../shared/corpus beside the checkout)")
    return CORPUS
