"""`cablesite serve` in a real browser: edit a cable file, the open page updates by itself.

Uses the session's ``browser`` fixture from tests/browser/conftest.py.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cable import Cable
from generator.content.cablefile import format_cable_file
from generator.content.layout import cable_path

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CABLE_ID = "07ASTANA614"
CREATED = "2007-03-07T12:06"


def cable(text: str, cable_id: str = CABLE_ID, created: str = CREATED) -> Cable:
    return Cable(
        id=cable_id,
        created=created,
        released="2011-08-26T00:00",
        classification="CONFIDENTIAL",
        origin="Embassy Astana",
        subject="KAZAKHSTAN SUBMISSIONS FOR 2007 TIP REPORT",
        tags=("KCRM", "PHUM"),
        references=(),
        body=f"VZCZCXRO1234\nDE RUEHTA #0614 0661206\n1. (C) {text}\n",
    )


def write_cable(content: Path, item: Cable) -> Path:
    path = cable_path(content, item.id, item.created)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_cable_file(item), encoding="utf-8", newline="")
    return path


class ServeProcess:
    """`cablesite serve` in a subprocess; its output lines are collected as they come."""

    def __init__(self, project: Path) -> None:
        command = [sys.executable, "-m", "generator", "serve", "--port", "0", "--no-search"]
        self.process = subprocess.Popen(
            command,
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)

    def wait_for(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no {pattern!r} in: {''.join(self.output)}") from None
            match = re.search(pattern, line)
            if match:
                return match

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    write_cable(content, cable("THE ORIGINAL WORDING."))
    write_cable(content, cable("ANOTHER CABLE.", "08PARIS1", "2008-01-02T10:00"))
    # The preview sends netlify.toml's security headers: live reload must work under them.
    shutil.copy(ROOT / "netlify.toml", tmp_path / "netlify.toml")
    return tmp_path


@pytest.fixture()
def served(project: Path) -> Iterator[tuple[ServeProcess, str]]:
    server = ServeProcess(project)
    try:
        url = server.wait_for(r"Serving .* at (http://127\.0\.0\.1:\d+/)")[1]
        yield server, url
    finally:
        if server.process.poll() is None:
            server.process.kill()


def test_editing_a_cable_updates_the_open_page(project, served, browser) -> None:
    server, url = served
    page = browser.new_page()
    violations: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    response = page.goto(url + "cable/2007/03/07ASTANA614")
    assert "'self'" in response.headers["content-security-policy"]
    expect = playwright_api.expect
    # The server may answer before its first build is done: the page then reloads itself.
    expect(page.locator("body")).to_contain_text("THE ORIGINAL WORDING.", timeout=20_000)
    # Set on this page load only: gone after the reload that the server triggers.
    page.evaluate("window.loadedBeforeTheEdit = true")

    path = write_cable(project / "content", cable("THE CORRECTED WORDING."))
    expect(page.locator("body")).to_contain_text("THE CORRECTED WORDING.", timeout=20_000)
    assert page.evaluate("window.loadedBeforeTheEdit") is None

    built = project / "site" / "cable" / "2007" / "03" / "07ASTANA614.html"
    assert "__cablesite" not in built.read_text(encoding="utf-8")

    # A broken file is reported; the open page keeps the last good version.
    page.evaluate("window.loadedBeforeTheEdit = true")
    path.write_text("---\nid: [broken\n---\n", encoding="utf-8")
    server.wait_for(r"error: ")
    server.wait_for(r"open pages keep the last good version")
    expect(page.locator("body")).to_contain_text("THE CORRECTED WORDING.")
    assert page.evaluate("window.loadedBeforeTheEdit") is True

    write_cable(project / "content", cable("FIXED AGAIN."))
    expect(page.locator("body")).to_contain_text("FIXED AGAIN.", timeout=20_000)
    page.close()

    assert violations == []
    assert server.stop() == 0
