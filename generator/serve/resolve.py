"""Map a request path to a file in the site folder the way static hosts do.

Netlify, GitHub Pages and Cloudflare Pages all serve ``/x`` from ``x.html`` or
from ``x/index.html``; for a folder they redirect ``/x`` to ``/x/`` first, so
that relative links inside ``x/index.html`` resolve against the folder. We do
the same, so a page that works under ``cablesite serve`` works when deployed.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Types the platform's mimetypes table may lack or get wrong; Pagefind's index
# files are opaque binary chunks fetched by its WebAssembly module.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
}


@dataclass(frozen=True, slots=True)
class Resolution:
    """What to answer: a file with a status, or a redirect to ``location``."""

    status: int
    file: Path | None = None
    location: str | None = None


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def _safe_segments(url_path: str) -> list[str] | None:
    """The decoded path segments, or None if the path tries to leave the site folder."""
    decoded = unquote(url_path, errors="strict") if "%" in url_path else url_path
    if "\x00" in decoded or "\\" in decoded:
        return None
    segments = [segment for segment in decoded.split("/") if segment not in ("", ".")]
    if any(segment == ".." for segment in segments):
        return None
    return segments


def _inside(root: Path, candidate: Path) -> bool:
    """True if candidate (symlinks resolved) is a regular file under root."""
    try:
        real = Path(os.path.realpath(candidate))
    except (OSError, ValueError):
        return False
    return real.is_file() and real.is_relative_to(root)


def resolve(root: Path, target: str, prefix: str = "/") -> Resolution:
    """How a static host answers ``target`` (a request target: path and optional query).

    ``prefix`` is the sub-path the site is published under ("/archive/"): the
    site is served there, as it will be once deployed, and nowhere else.
    """
    parts = urlsplit(target)
    real_root = Path(os.path.realpath(root))
    if prefix != "/" and parts.path in ("/", prefix[:-1]):
        return Resolution(302, location=prefix)
    if not parts.path.startswith(prefix):
        return _not_found(real_root)
    site_path = parts.path[len(prefix) - 1 :]
    try:
        segments = _safe_segments(site_path)
    except UnicodeDecodeError:
        segments = None
    if segments is None:
        return _not_found(real_root)
    base = real_root.joinpath(*segments)
    if site_path.endswith("/") or not segments:
        index = base / "index.html"
        return Resolution(200, index) if _inside(real_root, index) else _not_found(real_root)
    for candidate in (base, base.with_name(base.name + ".html")):
        if _inside(real_root, candidate):
            return Resolution(200, candidate)
    if _inside(real_root, base / "index.html"):
        query = f"?{parts.query}" if parts.query else ""
        return Resolution(301, location=f"{parts.path}/{query}")
    return _not_found(real_root)


def _not_found(real_root: Path) -> Resolution:
    page = real_root / "404.html"
    return Resolution(404, page if _inside(real_root, page) else None)
