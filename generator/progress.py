"""Progress of long phases: a live bar on a terminal, a few plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Call ``advance(n)`` as work is done and ``close()`` at the end.

    On a terminal it redraws one line with count, rate and ETA at most ten
    times a second; when output is not a terminal (CI logs) it prints a plain
    line at every tenth of the work, so a log shows progress without noise.
    """

    def __init__(
        self, label: str, total: int | None, stream: TextIO | None = None, enabled: bool = True
    ) -> None:
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.done = 0
        self.started = time.monotonic()
        self._tty = self.stream.isatty()
        self._last_draw = 0.0
        self._next_step = 1

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        if self._tty:
            now = time.monotonic()
            if now - self._last_draw >= 0.1:
                self._last_draw = now
                self.stream.write("\r" + self._line() + "\x1b[K")
                self.stream.flush()
        elif self.total and self.done * 10 >= self._next_step * self.total:
            while self.done * 10 >= self._next_step * self.total:
                self._next_step += 1
            print(self._line(), file=self.stream)

    def close(self) -> None:
        if not self.enabled:
            return
        if self._tty:
            self.stream.write("\r" + self._line(final=True) + "\x1b[K\n")
        elif not self.total:
            print(self._line(final=True), file=self.stream)
        self.stream.flush()

    def _line(self, final: bool = False) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        if self.total:
            percent = 100 * self.done / self.total
            head = f"{self.label}: {self.done:,}/{self.total:,} ({percent:.0f}%)"
        else:
            head = f"{self.label}: {self.done:,}"
        if final:
            return f"{head} in {elapsed:.1f} s, {rate:,.0f}/s"
        eta = ""
        if self.total and rate > 0:
            eta = f", ETA {(self.total - self.done) / rate:.0f} s"
        return f"{head}, {rate:,.0f}/s{eta}"
