"""How fast a function leaks: bytes per call from the memory retained after each call.

The first call is warm-up (caches, free lists, lazy imports fill up) and is not part of the
rate. Growth counts as a leak only when it continues: the calls after the first are split
into two halves, and both must have grown. A one-off allocation (a dict resized once, a
cache filled on the third call) then is not a leak, while a leak that happens only every
few calls still is. The rate is the average over the calls after the first:
``(retained after call N - retained after call 1) / (N - 1)``: exact for a steady leak,
and including the amortised growth of the container that leaks (a list's over-allocation).
"""

from __future__ import annotations

MIN_ITERATIONS = 3


def per_call(series: list[int]) -> float:
    """Leak rate of a cumulative series (retained after call 1, 2, ... N); 0 if none."""
    calls = len(series)
    if calls < MIN_ITERATIONS:
        return 0.0
    increments = [series[i] - series[i - 1] for i in range(1, calls)]
    half = len(increments) // 2
    if sum(increments[:half]) > 0 and sum(increments[half:]) > 0:
        return (series[-1] - series[0]) / (calls - 1)
    return 0.0
