"""The theme: a Jinja2 environment over the user's theme folder, then the default theme.

A template or static file in the user's theme replaces the default one of the
same name. Autoescape is on for everything and undefined names are errors
(StrictUndefined), so a typo in a template fails the build instead of printing
nothing.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2

from generator import __version__
from generator.search.meta import search_meta
from generator.site.config import SiteConfig

# Functions any template may call, also outside a build (the search tests' pages).
THEME_GLOBALS = {"search_meta": search_meta}


def _default_theme() -> Path:
    """themes/default beside the package (a checkout or an editable install), else the copy
    a regular install puts in <prefix>/share/cablesite."""
    beside = Path(__file__).resolve().parents[2] / "themes" / "default"
    if beside.is_dir():
        return beside
    return Path(sys.prefix) / "share" / "cablesite" / "themes" / "default"


DEFAULT_THEME = _default_theme()


def theme_folders(config: SiteConfig) -> list[Path]:
    """Theme folders, the one that wins first."""
    folders = [config.theme_dir] if config.theme_dir is not None else []
    return [*folders, DEFAULT_THEME]


def make_environment(config: SiteConfig) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader(str(folder / "templates")) for folder in theme_folders(config)
    ]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are compiled once per build
        cache_size=-1,
    )
    env.globals.update(THEME_GLOBALS)
    return env


def static_files(config: SiteConfig) -> dict[str, Path]:
    """Static file name (relative to static/) -> the file that provides it."""
    found: dict[str, Path] = {}
    for folder in reversed(theme_folders(config)):
        root = folder / "static"
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = path
    return dict(sorted(found.items()))


def theme_fingerprint(config: SiteConfig) -> str:
    """Hash of the generator and of every template, for the build cache.

    Static files are not part of it: they are copied as they are, and a changed
    stylesheet must not re-render 251,287 pages.
    """
    digest = hashlib.sha256(__version__.encode())
    code = Path(__file__).resolve().parents[1]
    sources = sorted((code / "site").glob("*.py")) + sorted((code / "archive").glob("*.py"))
    folders = [(code, path) for path in sources]
    for folder in theme_folders(config):
        templates = folder / "templates"
        if templates.is_dir():
            folders += [(templates, p) for p in sorted(templates.rglob("*")) if p.is_file()]
    for root, path in folders:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
