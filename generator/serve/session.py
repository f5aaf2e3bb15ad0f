"""The preview loop: build, watch the inputs, rebuild on change, tell the pages.

A failed rebuild is reported and the previous site stays served (the build
touches the site folder only once every page has rendered). A build that
skipped broken files does not reload open pages either: the page of the cable
being edited stays readable until the file is fixed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.report import Reporter
from generator.serve.reload import ReloadHub
from generator.serve.watch import Watcher


@dataclass(frozen=True, slots=True)
class BuildOutcome:
    """Whether a build succeeded, and the files and folders it reads (to watch)."""

    ok: bool
    watched: tuple[Path, ...]


BuildFunction = Callable[[], BuildOutcome]


class PreviewSession:
    """``watched``: what the first build will read, so that edits made during it count."""

    def __init__(
        self,
        build: BuildFunction,
        hub: ReloadHub,
        reporter: Reporter,
        watched: Iterable[Path] = (),
        interval: float = 0.5,
    ) -> None:
        self.build = build
        self.interval = interval
        self.hub = hub
        self.reporter = reporter
        self.watched = sorted(set(watched))
        self.watcher = Watcher(self.watched, interval) if self.watched else None

    def rebuild(self, reason: str = "") -> bool:
        """Build once; on success announce the new generation to open pages."""
        started = time.monotonic()
        if reason:
            self.reporter.info(f"{reason}: rebuilding")
        outcome = self.build()
        self._watch(sorted(set(outcome.watched)))
        if not outcome.ok:
            self.reporter.info("build failed or had errors: open pages keep the last good version")
            return False
        generation = self.hub.announce()
        elapsed = time.monotonic() - started
        self.reporter.info(f"site rebuilt in {elapsed:.1f} s (build {generation})")
        return True

    def _watch(self, paths: list[Path]) -> None:
        """Watch anew only when the config moved a folder.

        The watcher otherwise keeps its state from before the build, so an edit
        saved while a build runs triggers the next one.
        """
        if self.watcher is None or paths != self.watched:
            self.watcher = Watcher(paths, self.interval)
        self.watched = paths

    def watch_forever(self, stop: threading.Event) -> None:
        """Rebuild whenever a watched file changes, until ``stop`` is set."""
        if self.watcher is None:
            self._watch(self.watched)
        while not stop.wait(self.watcher.interval):
            changed = self.watcher.poll()
            if changed:
                self.rebuild(_describe(changed))


def _describe(changed: list[str]) -> str:
    if len(changed) == 1:
        return f"{changed[0]} changed"
    return f"{changed[0]} and {len(changed) - 1} more files changed"
