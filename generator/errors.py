"""One exception hierarchy for bad input; only the CLI turns it into stderr lines."""

from __future__ import annotations


class CablesiteError(Exception):
    """A problem with user input, reported as ``PATH[:LINE]: error: MESSAGE``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        return format_problem(self.message, self.path, self.line, "error")


class ParseError(CablesiteError):
    """A source file that is not a cable we can read."""


class ContentError(CablesiteError):
    """A file in content/ that is broken (front matter, id, dates, ...)."""


class ConfigError(CablesiteError):
    """A problem in the configuration file."""


def format_problem(message: str, path: str | None, line: int | None, level: str) -> str:
    """``PATH:LINE: level: MESSAGE``, leaving out what is unknown."""
    where = ""
    if path is not None:
        where = f"{path}:{line}: " if line is not None else f"{path}: "
    return f"{where}{level}: {message}"
