"""The page budget bounds the pages in Pagefind's index-building phase (its memory peak)."""

from __future__ import annotations

import asyncio

from generator.search.pagefind_run import PageBudget, run_async


def building_at_once(limit: int, sizes: list[int]) -> tuple[int, list[set[int]]]:
    """Runs one 'build' per size under the budget; returns the most pages building at
    once and which builds overlapped."""
    budget = PageBudget(limit)
    running: set[int] = set()
    seen: list[set[int]] = []
    most = 0

    async def build(index: int, pages: int) -> None:
        nonlocal most
        async with budget.hold(pages):
            running.add(index)
            seen.append(set(running))
            most = max(most, budget.used)
            await asyncio.sleep(0.01)
            running.discard(index)

    async def main() -> None:
        await asyncio.gather(*(build(i, n) for i, n in enumerate(sizes)))

    run_async(main)  # the browser tests leave an event loop running
    return most, seen


def test_bundles_within_the_budget_build_side_by_side():
    most, seen = building_at_once(6_000, [3_000, 3_000])
    assert most == 6_000 and {0, 1} in seen


def test_a_bundle_that_does_not_fit_waits_and_a_too_big_one_builds_alone():
    most, seen = building_at_once(6_000, [5_235, 3_000, 2_000])
    assert most <= 6_000
    assert all(len(group) == 1 for group in seen if 0 in group)
    assert {1, 2} in seen
