"""Content ids of the cable files from git, so a fresh clone is not a changed archive.

A clone gives every file a new modification time: an incremental build that
compared sizes and mtimes would see 251,287 changed cables. When the content
folder is in a git work tree, the index already holds each tracked file's blob
id (a hash of its bytes); files git reports as modified in the work tree are
left out, so they fall back to size and mtime. No git, or no repository: empty.
"""

from __future__ import annotations

import os
import subprocess

GIT_TIMEOUT_S = 60


def _git(folder: str, *args: str) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-C", folder, *args],
            capture_output=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def clean_blob_ids(folder: str) -> dict[str, str]:
    """{path under ``folder`` (joined to it): git blob id} for the tracked files whose
    work-tree copy is unchanged."""
    if not os.path.isdir(folder):
        return {}
    listed = _git(folder, "ls-files", "--stage", "-z", "--", ".")
    modified = _git(folder, "diff-files", "--name-only", "--relative", "-z", "--", ".")
    if listed is None or modified is None:
        return {}
    changed = {name.decode("utf-8", "surrogateescape") for name in modified.split(b"\0") if name}
    blobs: dict[str, str] = {}
    for record in listed.split(b"\0"):
        if not record:
            continue
        info, _, name = record.partition(b"\t")
        path = name.decode("utf-8", "surrogateescape")
        if path not in changed:
            blobs[os.path.join(folder, path)] = "git:" + info.split()[1].decode("ascii")
    return blobs
