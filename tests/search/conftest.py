"""Fixtures for search tests: a generated cable site (tests/search/minisite.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# Test helper modules live beside the tests (pytest runs in importlib mode).
for folder in (HERE, HERE.parent / "browser"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


@pytest.fixture(scope="session")
def browser():
    """The chromium of tests/browser/conftest.py (one per session)."""
    from browser_support import shared_browser

    return shared_browser()
