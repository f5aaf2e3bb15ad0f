"""What both build paths share: the report, the stopwatch, rendering with a progress
bar."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from generator.errors import CablesiteError
from generator.progress import Progress
from generator.report import Reporter
from generator.site.plan import PageJob
from generator.site.pool import RenderFailure, RenderResult, render_jobs
from generator.site.render import Renderer
from generator.site.write import StagingWriter

# Files one page job writes, by kind (see pool.job_outputs); other kinds write one.
OUTPUTS_PER_KIND = {"cable": 3, "export": 2}


@dataclass
class BuildReport:
    """What a build did: counts per kind of page and seconds per stage."""

    cables: int = 0
    pages: Counter[str] = field(default_factory=Counter)
    rendered: int = 0
    skipped: int = 0
    written: int = 0
    removed: int = 0
    files: int = 0
    changed: int | None = None  # cables with changed files, when only their pages were built
    timings: dict[str, float] = field(default_factory=dict)

    def counts(self) -> dict[str, object]:
        """What a later no-op build reports (see generator/site/stamp.py)."""
        return {"cables": self.cables, "pages": dict(self.pages), "files": self.files}

    def restore(self, counts: dict[str, object]) -> None:
        """Become the report of a no-op build after the build ``counts`` came from."""
        self.cables = int(counts.get("cables", 0))  # type: ignore[call-overload]
        self.pages = Counter(counts.get("pages", {}))  # type: ignore[arg-type]
        self.files = int(counts.get("files", 0))  # type: ignore[call-overload]
        self.skipped = sum(self.pages.values())

    def summary(self) -> str:
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items())
        kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(self.pages.items()))
        how = "" if self.changed is None else f" ({self.changed:,} changed)"
        return (
            f"built {self.cables:,} cables{how}: {self.files:,} files ({kinds}); "
            f"rendered {self.rendered:,}, unchanged {self.skipped:,}, "
            f"written {self.written:,}, removed {self.removed:,}; {stages}"
        )


class Stopwatch:
    def __init__(self, report: BuildReport) -> None:
        self.report = report
        self.last = time.monotonic()

    def lap(self, stage: str) -> None:
        now = time.monotonic()
        self.report.timings[stage] = now - self.last
        self.last = now


def render_with_progress(
    renderer: Renderer,
    writer: StagingWriter,
    jobs: list[PageJob],
    old_keys: dict[str, str],
    workers: int,
    reporter: Reporter,
) -> RenderResult:
    progress = Progress("pages", len(jobs), enabled=not reporter.quiet and len(jobs) > 1000)
    try:
        return render_jobs(renderer, writer, jobs, old_keys, workers, progress.advance)
    except RenderFailure as exc:
        raise CablesiteError(exc.message, exc.path, exc.line) from None
    finally:
        progress.close()
