"""Problem reporting for the CLI: one line per problem, repeated warnings grouped.

On 250,000 messy inputs the same warning can fire thousands of times; after
``limit`` lines of one kind we stop printing that kind and say how many more
there were at the end (like Pelican's LimitFilter).
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import TextIO

from generator.errors import CablesiteError, format_problem


class Reporter:
    def __init__(
        self,
        quiet: bool = False,
        verbose: bool = False,
        stream: TextIO | None = None,
        limit: int = 20,
    ) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.stream = stream if stream is not None else sys.stderr
        self.limit = limit
        self.errors = 0
        self.warnings = 0
        self._shown: Counter[str] = Counter()
        self._hidden: Counter[str] = Counter()

    def error(self, message: str, path: str | None = None, line: int | None = None) -> None:
        """Errors are always printed: each one is a file the user must fix."""
        self.errors += 1
        print(format_problem(message, path, line, "error"), file=self.stream)

    def report(self, exc: CablesiteError) -> None:
        self.error(exc.message, exc.path, exc.line)

    def warning(
        self, message: str, path: str | None = None, line: int | None = None, kind: str = ""
    ) -> None:
        """Warnings of one ``kind`` are printed up to ``limit`` times, then counted."""
        self.warnings += 1
        if self.quiet:
            return
        group = kind or message
        if not self.verbose and self._shown[group] >= self.limit:
            self._hidden[group] += 1
            return
        self._shown[group] += 1
        print(format_problem(message, path, line, "warning"), file=self.stream)

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=self.stream)

    def detail(self, message: str) -> None:
        if self.verbose:
            print(message, file=self.stream)

    def flush(self) -> None:
        """Say how many warnings of each kind were not printed."""
        for group, count in sorted(self._hidden.items()):
            print(f"warning: {count} more like: {group}", file=self.stream)
        self._hidden.clear()
