"""Ratios of interleaved runs (issue 18, item 2), kept apart so the suite can test them.

A round measures the references, an endpoint, the references, the next endpoint, … and
the references once more. An endpoint's ratio to a reference in one round is its
throughput divided by the mean of that reference's run just before and just after it;
over the rounds the figure is the median ratio, with its spread (lowest, highest).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def ratio_to_neighbours(value: float, before: float, after: float) -> float | None:
    reference = (before + after) / 2
    if reference <= 0:
        return None
    return value / reference


def median_and_spread(values: Sequence[float | None]) -> dict:
    """``{"median", "low", "high", "n"}`` of the values that exist (None is skipped)."""
    present = [v for v in values if v is not None]
    if not present:
        return {"median": None, "low": None, "high": None, "n": 0}
    return {
        "median": statistics.median(present),
        "low": min(present),
        "high": max(present),
        "n": len(present),
    }


def interleaved_ratios(rounds: Sequence[dict], endpoint: str, reference: str) -> dict:
    """``rounds``: per round ``{"refs": [{ref: throughput}, ...], "endpoints": [name, ...],
    "throughput": {name: value}}`` where ``refs[i]`` was measured just before
    ``endpoints[i]`` and ``refs[i + 1]`` just after it."""
    ratios = []
    for measured in rounds:
        names = measured["endpoints"]
        if endpoint not in names:
            continue
        i = names.index(endpoint)
        before = measured["refs"][i][reference]
        after = measured["refs"][i + 1][reference]
        ratios.append(ratio_to_neighbours(measured["throughput"][endpoint], before, after))
    return median_and_spread(ratios)
