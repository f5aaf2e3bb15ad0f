"""The response headers the preview adds: the deploy's security headers, when it has any.

If the project has a ``netlify.toml``, the headers its ``/*`` rule sends (the
Content-Security-Policy above all) are sent by the preview too, so a template
change that breaks under the production policy (an inline script, a style
attribute) shows up in the browser console while you work, not after deploying.
Caching headers are left out: a preview must always show the newest build.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

NETLIFY_CONFIG = "netlify.toml"


def deploy_headers(project_dir: Path) -> dict[str, str]:
    """The ``/*`` headers of ``project_dir/netlify.toml`` (none if absent or unreadable)."""
    try:
        with open(project_dir / NETLIFY_CONFIG, "rb") as file:
            rules = tomllib.load(file).get("headers", [])
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    found: dict[str, str] = {}
    for rule in rules:
        if isinstance(rule, dict) and rule.get("for") == "/*":
            values = rule.get("values", {})
            found.update({str(k): str(v) for k, v in values.items() if isinstance(v, str)})
    return {name: value for name, value in found.items() if name.lower() != "cache-control"}
