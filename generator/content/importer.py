"""Feed cables into a ContentStore, count what happened and report problems.

Kept apart from the command so that tests and the benchmark can drive an
import without a command line; the inputs (CSV rows, parsed source files) are
streamed: nothing but the store's id index is kept between cables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from generator.cable import Cable
from generator.content.store import ContentStore, Outcome, Stored
from generator.errors import CablesiteError
from generator.report import Reporter


class ImportTally:
    """Counts of outcomes and errors over a whole import."""

    def __init__(self) -> None:
        self.outcomes: Counter[Outcome] = Counter()
        self.errors = 0

    @property
    def cables(self) -> int:
        return sum(self.outcomes.values())

    def summary(self) -> str:
        count = self.outcomes
        variants = count[Outcome.VARIANT_NEW]
        variant_same = count[Outcome.VARIANT_UNCHANGED] + count[Outcome.VARIANT_SOURCE_ADDED]
        return (
            f"imported {self.cables:,} cables: {count[Outcome.NEW]:,} new, "
            f"{count[Outcome.UNCHANGED]:,} unchanged, "
            f"{count[Outcome.SOURCE_ADDED] + count[Outcome.VARIANT_SOURCE_ADDED]:,} "
            f"provenance added, {variants:,} new variants ({variant_same:,} known), "
            f"{self.errors:,} errors"
        )


def store_cables(
    store: ContentStore,
    cables: Iterable[Cable | tuple[Cable, bytes] | Stored],
    reporter: Reporter,
    tally: ImportTally,
    origin: str,
) -> None:
    """Put each cable (or cable with its file bytes) in the store; a failure is one error.

    A ``Stored`` item is a cable that a worker process has already stored: only counted.
    """
    for item in cables:
        if isinstance(item, Stored):
            tally.outcomes[item.outcome] += 1
            continue
        cable, encoded = item if isinstance(item, tuple) else (item, None)
        try:
            stored = store.put(cable, encoded)
        except CablesiteError as exc:
            tally.errors += 1
            reporter.error(exc.message, exc.path or origin, exc.line)
            continue
        tally.outcomes[stored.outcome] += 1
        if stored.outcome is Outcome.VARIANT_NEW:
            report_variant(stored, cable, reporter, origin)


def report_variant(stored: Stored, cable: Cable, reporter: Reporter, origin: str) -> None:
    first = ", ".join(s.file for s in stored.first_sources) or str(stored.first)
    second = ", ".join(s.file for s in cable.sources) or origin
    reporter.warning(
        f"{cable.id}: text from {second} differs from the stored text (from {first}); "
        f"kept both, the new one as {stored.path.name}",
        origin,
        kind="cable text differs from the stored one (kept as a variant)",
    )
