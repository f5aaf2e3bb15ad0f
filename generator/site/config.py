"""The site configuration: `cablesite.yaml` at the project root, as a frozen dataclass.

Every option has a docstring in `SiteConfig`; `load_config` checks the whole file,
collects every problem (naming key and file) and raises one ConfigError listing
them all, before any build work starts. Unknown keys are warnings, not errors, so
a config written for a newer version still builds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import ConfigError

CONFIG_NAME = "cablesite.yaml"


@dataclass(frozen=True)
class SiteConfig:
    """Options of `cablesite.yaml`; paths are resolved against the config file's folder."""

    title: str = "Cable archive"
    """Site title, shown in every page header and in the feed."""

    description: str = "An archive of diplomatic cables."
    """One-sentence description for the home page and the feed subtitle."""

    base_url: str = ""
    """Absolute address the site is published at (e.g. https://example.org/archive/).
    Used only for sitemap.xml, the Atom feed, canonical links and the 404 page;
    every other link is relative. Empty: no sitemap, feed or canonical links."""

    content_dir: Path = Path("content")
    """Folder holding cables/, pages/ and tags.yaml."""

    out_dir: Path = Path("site")
    """Folder the site is written to (replaced atomically, pruned of stale files)."""

    cache_dir: Path = Path(".cache")
    """Folder for the build cache (keep it between builds for fast rebuilds)."""

    theme_dir: Path | None = None
    """Your theme folder: its templates/ and static/ override the default theme's by name."""

    page_size: int = 50
    """Rows per browse page (the original site showed 50)."""

    latest_count: int = 50
    """How many latest releases the home page and the Atom feed list."""

    markdown_html: bool = False
    """Allow raw HTML inside editorial pages (content/pages/*.md). Off: it shows as text."""

    search: bool = True
    """Build the search index after the pages (also turned off by `build --no-search`)."""

    export: bool = True
    """Write the data export (gzipped JSON Lines and CSV per month, JSON per category)."""

    workers: int = 0
    """Processes rendering pages; 0 means one per CPU core."""

    search_bundle_size: int = 3_000
    """Most pages in one search bundle (a creation month is never split). Pagefind holds
    ~0.12 MB per page while reading a bundle and ~0.45 MB per page while building its
    index, and writes one file per page into the bundle's folder."""

    search_parallel: int = 2
    """Search bundles indexed at the same time; at most bundle size x this many pages
    build their indexes at once (a bigger bundle builds alone)."""

    source: Path | None = field(default=None, compare=False)
    """The config file this was loaded from (None for defaults); not an option."""

    def fingerprint(self) -> str:
        """Hash of every option that changes output, for the build cache."""
        data = {
            f.name: str(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.name
            not in (
                "source",
                "workers",
                "out_dir",
                "cache_dir",
                "search",
                "search_bundle_size",
                "search_parallel",
            )
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _as_str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value


def _as_url(value: object) -> str:
    text = _as_str(value).strip()
    if text and not (text.startswith("https://") or text.startswith("http://")):
        raise ValueError("must start with http:// or https:// (or be empty)")
    return text if not text or text.endswith("/") else text + "/"


def _as_positive_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("must be a whole number of at least 1")
    return value


def _as_count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number of at least 0")
    return value


def _as_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _as_path(value: object) -> Path:
    return value if isinstance(value, Path) else Path(_as_str(value))


def _as_optional_path(value: object) -> Path | None:
    return None if value is None or value == "" else _as_path(value)


_CHECKS: dict[str, Callable[[object], object]] = {
    "title": _as_str,
    "description": _as_str,
    "base_url": _as_url,
    "content_dir": _as_path,
    "out_dir": _as_path,
    "cache_dir": _as_path,
    "theme_dir": _as_optional_path,
    "page_size": _as_positive_int,
    "latest_count": _as_count,
    "markdown_html": _as_bool,
    "search": _as_bool,
    "export": _as_bool,
    "workers": _as_count,
    "search_bundle_size": _as_positive_int,
    "search_parallel": _as_positive_int,
}


def _read_yaml(path: Path) -> tuple[dict[str, object], dict[str, int]]:
    """The mapping in the file and the line of each top-level key."""
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (OSError, UnicodeError) as exc:
        raise ConfigError(f"cannot read the config file: {exc}", str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(f"not valid YAML: {exc}", str(path), line) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ConfigError("the config must be a mapping of option: value", str(path), 1)
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return data, lines


def load_config(
    path: Path | None, overrides: dict[str, object] | None = None, warn=None
) -> SiteConfig:
    """Load and check the config file (None: defaults), then apply command-line overrides.

    Raises one ConfigError listing every problem; calls ``warn(message, path, line)``
    for unknown keys.
    """
    data: dict[str, object] = {}
    lines: dict[str, int] = {}
    if path is not None:
        data, lines = _read_yaml(path)
    where = str(path) if path is not None else "command line"
    problems: list[str] = []
    values: dict[str, object] = {}
    for key, raw in {**data, **(overrides or {})}.items():
        check = _CHECKS.get(key)
        from_file = key in data and key not in (overrides or {})
        if check is None:
            if warn is not None:
                warn(f"unknown option '{key}' (ignored)", where, lines.get(key))
            continue
        try:
            values[key] = check(raw)
        except ValueError as exc:
            line = f":{lines[key]}" if from_file and key in lines else ""
            origin = where if from_file else "command line"
            problems.append(f"{origin}{line}: '{key}' {exc}, not {raw!r}")
    if problems:
        raise ConfigError(
            f"{len(problems)} problem(s) in the configuration:\n  " + "\n  ".join(problems),
            where,
        )
    root = path.parent if path is not None else Path.cwd()
    for key in ("content_dir", "out_dir", "cache_dir", "theme_dir"):
        value = values.get(key, getattr(SiteConfig, key, None))
        if isinstance(value, Path) and not value.is_absolute() and key not in (overrides or {}):
            values[key] = root / value
    return SiteConfig(**values, source=path)  # type: ignore[arg-type]


def find_config(start: Path) -> Path | None:
    """`cablesite.yaml` in the given folder, if there is one."""
    candidate = start / CONFIG_NAME
    return candidate if candidate.is_file() else None
