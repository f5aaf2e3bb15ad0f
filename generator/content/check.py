"""Validate content/cables: every problem as a Finding with file and line.

Errors: unreadable or malformed files, bad front matter, an id that is not
canonical or does not match its file name, a file in the wrong YYYY/MM folder,
an unknown classification, malformed or impossible dates, duplicate ids.
Warnings: a sha256 that does not match the text, a reference to a cable that is
not in the archive, unknown front-matter keys, stray files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.cable import Cable
from generator.content.cablefile import KNOWN_KEYS, body_sha256, split_front_matter
from generator.content.layout import (
    CABLES_DIR,
    SUFFIX,
    cable_folder,
    id_of_cable_name,
    is_temp_name,
    iter_cable_folders,
    split_variant_name,
)
from generator.content.schema import KNOWN_CLASSIFICATIONS, is_cable_id, timestamp_problem
from generator.content.store import parse_cable_bytes
from generator.errors import CablesiteError

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)\s*:")


@dataclass(frozen=True, slots=True)
class Finding:
    level: str  # "error" or "warning"
    message: str
    path: str
    line: int | None = None
    kind: str = ""  # groups repeated warnings in the report


@dataclass
class CheckResult:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    ids: dict[str, str] = field(default_factory=dict)  # id -> its main file


Report = Callable[[Finding], None]


def check_content(content_dir: Path, report: Report) -> CheckResult:
    """Check every file under content/cables, calling ``report`` per problem."""
    result = CheckResult()

    def counted(finding: Finding) -> None:
        if finding.level == "error":
            result.errors += 1
        else:
            result.warnings += 1
        report(finding)

    root = Path(content_dir, CABLES_DIR)
    if not root.is_dir():
        counted(Finding("error", "no cables folder in the content folder", str(content_dir)))
        return result
    references: list[tuple[str, int, tuple[str, ...]]] = []
    for path in _content_files(root, counted):
        result.files += 1
        for finding in check_file(path, root, result.ids, references):
            counted(finding)
    for finding in dangling_references(references, result.ids):
        counted(finding)
    return result


def _content_files(root: Path, report: Report) -> Iterator[Path]:
    for folder in iter_cable_folders(root.parent):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.is_dir():
                continue
            if entry.name.endswith(SUFFIX):
                yield Path(entry.path)
            elif is_temp_name(entry.name):
                report(
                    Finding(
                        "warning",
                        "unfinished file of an interrupted import",
                        entry.path,
                        kind="unfinished import file",
                    )
                )
            else:
                report(
                    Finding(
                        "warning", "not a cable file (ignored)", entry.path, kind="not a cable file"
                    )
                )


def check_file(
    path: Path, root: Path, ids: dict[str, str], references: list[tuple[str, int, tuple[str, ...]]]
) -> list[Finding]:
    """Problems of one cable file; records its id and references for the archive-wide checks."""
    name = str(path)
    try:
        data = path.read_bytes()
        cable = parse_cable_bytes(data, name)
    except CablesiteError as exc:
        return [Finding("error", exc.message, name, exc.line)]
    except OSError as exc:
        return [Finding("error", f"cannot read: {exc.strerror}", name)]
    front = split_front_matter(data.decode("utf-8"), name)[0]
    lines = key_lines(front)
    findings = list(_name_findings(cable, path, root, lines, ids))
    findings += _field_findings(cable, name, front, lines)
    if cable.references:
        references.append((name, lines.get("references", 1), cable.references))
    return findings


def key_lines(front: str) -> dict[str, int]:
    """Line number of each top-level key (the front matter starts on line 2)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(front.split("\n"), start=2):
        match = _KEY_LINE.match(line)
        if match:
            lines.setdefault(match[1], number)
    return lines


def _name_findings(
    cable: Cable, path: Path, root: Path, lines: dict[str, int], ids: dict[str, str]
) -> Iterator[Finding]:
    name, id_line = str(path), lines.get("id", 1)
    if not is_cable_id(cable.id):
        yield Finding("error", f"id {cable.id!r} is not a canonical cable id", name, id_line)
        return
    variant = split_variant_name(path.name)
    if variant is not None:
        file_id, sha_prefix = variant
        if sha_prefix != body_sha256(cable.body)[: len(sha_prefix)]:
            yield Finding(
                "warning",
                "variant file name does not match the sha256 of its text",
                name,
                1,
                kind="variant name does not match its text",
            )
    else:
        file_id = id_of_cable_name(path.name) or path.name
    if file_id != cable.id:
        yield Finding(
            "error", f"id {cable.id} does not match the file name {path.name}", name, id_line
        )
    folder = path.parent.relative_to(root).as_posix()
    expected = cable_folder(cable.created)
    dated = cable.created is not None and timestamp_problem(cable.created) is None
    if folder != expected and (dated or cable.created is None):
        yield Finding(
            "error",
            f"file is in {folder}/ but its created date belongs in {expected}/",
            name,
            lines.get("created", id_line),
        )
    if variant is None and cable.id == file_id:
        first = ids.setdefault(cable.id, name)
        if first != name:
            yield Finding("error", f"duplicate id {cable.id} (also in {first})", name, id_line)


def _field_findings(
    cable: Cable, name: str, front: str, lines: dict[str, int]
) -> Iterator[Finding]:
    for key in ("created", "released"):
        value = getattr(cable, key)
        problem = value is not None and timestamp_problem(value)
        if problem:
            yield Finding("error", f"{key}: {problem}", name, lines.get(key))
    if cable.classification is not None and cable.classification not in KNOWN_CLASSIFICATIONS:
        known = ", ".join(sorted(KNOWN_CLASSIFICATIONS))
        yield Finding(
            "error",
            f"unknown classification {cable.classification!r} (known: {known})",
            name,
            lines.get("classification"),
        )
    for ref in cable.references:
        if not is_cable_id(ref):
            yield Finding(
                "warning",
                f"reference {ref!r} is not a cable id",
                name,
                lines.get("references"),
                kind="reference that is not a cable id",
            )
    stored_sha = _stored_sha(front)
    if stored_sha is not None and stored_sha != body_sha256(cable.body):
        yield Finding(
            "warning",
            "sha256 does not match the text (edited by hand?)",
            name,
            lines.get("sha256"),
            kind="sha256 does not match the text",
        )
    for key in sorted(set(lines) - KNOWN_KEYS):
        yield Finding(
            "warning",
            f"unknown front-matter key {key!r}",
            name,
            lines[key],
            kind="unknown front-matter key",
        )


def _stored_sha(front: str) -> str | None:
    """The sha256 recorded in the front matter (parse_cable_file does not keep it)."""
    for line in front.split("\n"):
        if line.startswith("sha256:"):
            return line[len("sha256:") :].strip().strip("\"'")
    return None


def dangling_references(
    references: list[tuple[str, int, tuple[str, ...]]], ids: dict[str, str]
) -> Iterator[Finding]:
    for name, line, refs in references:
        for ref in refs:
            if is_cable_id(ref) and ref not in ids:
                yield Finding(
                    "warning",
                    f"reference {ref} points to no cable in the archive",
                    name,
                    line,
                    kind="reference to a cable not in the archive",
                )
