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



def rose_steadily(totals: list[int], sites: list[tuple[list[int], list[int]]]) -> bool:
    """Whether a leak check's calls kept memory the way a steady leak does, and not by chance.

    ``totals``: retained bytes after each call; ``sites``: each site's bytes and blocks after
    each call. Every call after the first kept more than the one before it, nothing held at any
    site was freed by a later call (no cache evicting), and each site either kept exactly the
    same on most calls or grew blocks it already had: the calls that kept more there resized a
    container the leak fills (a list's or a dict's storage grows in steps, on some calls only).
    Calls that each keep a different amount of new objects (random sizes) or free what earlier
    ones kept are noise, not a steady leak.
    """
    if len(totals) < MIN_ITERATIONS:
        return False
    if any(totals[i] <= totals[i - 1] for i in range(1, len(totals))):
        return False
    for sizes, counts in sites:
        increments = [sizes[i] - sizes[i - 1] for i in range(1, len(sizes))]
        if not increments or min(increments) < 0:
            return False
        same = 2 * increments.count(min(increments)) >= len(increments)
        # A resized block is one block again: the count moves once, when it is first resized.
        resized = sum(1 for i in range(1, len(counts)) if counts[i] != counts[i - 1]) <= 1
        if not (same or resized):
            return False
    return True
