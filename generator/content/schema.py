"""What valid content looks like: id shape, classifications, timestamps.

The one place that defines these rules; import, check and the build import them
from here so that a value one accepts is never rejected by another.
"""

from __future__ import annotations

import re
from datetime import datetime

# 2-digit year, a post token that starts with a letter, a serial without leading
# zero padding requirements (e.g. 07ASTANA614, 09USUNNEWYORK512). Nothing that
# could become a path: no dots, slashes, spaces or lower case.
CABLE_ID_PATTERN = re.compile(r"[0-9]{2}[A-Z][A-Z0-9]{0,40}[0-9]")
CABLE_ID_EXAMPLE = "07ASTANA614"

# Classifications as the original site spelled them.
KNOWN_CLASSIFICATIONS = frozenset(
    (
        "UNCLASSIFIED",
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "CONFIDENTIAL",
        "CONFIDENTIAL//NOFORN",
        "SECRET",
        "SECRET//NOFORN",
    )
)

TIMESTAMP_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})")


def is_cable_id(value: object) -> bool:
    """True for a canonical reference id that is also safe as a file name."""
    return isinstance(value, str) and CABLE_ID_PATTERN.fullmatch(value) is not None


def timestamp_problem(value: str) -> str | None:
    """Why ``value`` is not a real ``YYYY-MM-DDTHH:MM`` moment, or None if it is one."""
    match = TIMESTAMP_PATTERN.fullmatch(value)
    if match is None:
        return f"malformed date {value!r} (expected YYYY-MM-DDTHH:MM)"
    try:
        datetime(*(int(part) for part in match.groups()))
    except ValueError:
        return f"date {value!r} does not exist"
    return None
