"""A content/ tree made from the 796 real pages of ../shared/corpus, for build tests.

Cables come from truth.jsonl (metadata) plus the two <pre> blocks of each saved
page (routing header and text, joined by a blank line as in cables.csv).
References are read from the text with the ingest stage's extractor.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.cable import Cable, Source
from generator.content.cablefile import body_sha256, format_cable_file
from generator.report import Reporter
from generator.site.build import build
from generator.site.config import load_config

BASE_URL = "https://example.org/archive/"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = SHARED / "corpus"
TRUTH = CORPUS / "truth.jsonl"
_PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
_TAG = re.compile(r"<[^>]+>")
_PAR_ANCHOR = re.compile(r"<a id='par[^']*' href='#par[^']*'>\u00b6</a>")


def require_corpus() -> None:
    if not TRUTH.is_file():
        pytest.skip(f"needs the shared corpus at {CORPUS} (absent in a fresh clone)")


def truth_records() -> list[dict]:
    return [json.loads(line) for line in TRUTH.read_text(encoding="utf-8").splitlines() if line]


def page_text(path: Path) -> str:
    pres = _PRE.findall(path.read_text(encoding="utf-8"))
    parts = [html.unescape(_TAG.sub("", _PAR_ANCHOR.sub("", p))) for p in pres]
    return "\n\n".join(part.strip("\n") for part in parts)


def _references(body: str, created: str | None) -> tuple[str, ...]:
    try:
        from generator.ingest.references import extract_references
    except ImportError:
        return ()
    return tuple(extract_references(body, created[:4] if created else None))


def cable_from_truth(record: dict) -> Cable:
    body = page_text(CORPUS / "wikileaks-html" / record["path"])
    return Cable(
        id=record["id"],
        created=record["created"],
        released=record["released"],
        classification=record["classification"],
        origin=record["origin"],
        subject=record["subject"] or None,
        tags=tuple(record["tags"]),
        references=_references(body, record["created"]),
        body=body,
        sources=(Source(Path(record["path"]).name, "wikileaks-html", body_sha256(body)),),
    )


def write_cable(content: Path, cable: Cable) -> Path:
    month = cable.created[:7] if cable.created else None
    folder = content / "cables" / (f"{month[:4]}/{month[5:]}" if month else "undated")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{cable.id}.md"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(format_cable_file(cable))
    return path


def make_corpus_content(content: Path) -> list[dict]:
    """Write every cable of truth.jsonl into content/; returns the truth records."""
    records = truth_records()
    for record in records:
        write_cable(content, cable_from_truth(record))
    return records


def build_site(content: Path, out: Path, cache: Path, full: bool = False, **options) -> object:
    overrides = {
        "content_dir": content,
        "out_dir": out,
        "cache_dir": cache,
        "base_url": BASE_URL,
        "search": False,
        **options,
    }
    config = load_config(None, overrides)
    return build(config, Reporter(quiet=True), full=full)
