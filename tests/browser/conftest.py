"""Browser-test fixtures: one chromium per test session, a server per site.

Other browser tests can use ``browser`` and ``serve_site`` (see browser_support.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import serve, shared_browser  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright, shared by every test of the session."""
    return shared_browser()


@pytest.fixture
def serve_site():
    """``serve_site(folder, prefix="/")`` -> base URL; the server stops after the test."""
    servers = []

    def start(folder: Path, prefix: str = "/") -> str:
        manager = serve(folder, prefix)
        servers.append(manager)
        return manager.__enter__()

    yield start
    for manager in reversed(servers):
        manager.__exit__(None, None, None)
