"""Which sites held memory at the high-water mark.

tracemalloc knows the peak's size but not what made it up, and has no callback. So a peak
pass runs the code again with a profile hook (calls and returns, C calls included) and a
trace hook (every line), reads the traced level at each event, and takes a snapshot when the
level comes near the peak of an earlier, unhooked run: the first time it reaches
``PEAK_SHARE`` of that peak, and again whenever it climbs a further ``STEP_SHARE`` of it,
so the snapshot kept is within half a percent of the highest level the hooks saw. Below that,
from ``FALLBACK_SHARE`` of the peak, it also keeps one whenever the level grows by
``FALLBACK_GROWTH``: when the peak is inside one C call, which no event sees, the sites are
those of the highest level seen (within 10 %), in the same run. Each snapshot copies every
live block, so the steps are as few as that precision allows.

Both hooks are needed: a list built by a comprehension and freed on the next line is seen at
its full size only by the line event (3.12+ inlines comprehensions, so no return event),
and ``len(b"x" * n)`` only by the C call event. A peak inside one C call (``json.dumps``
growing its buffer) is seen only as the level before and after: the pass reports the level
it caught, so the share of the peak it explains is known.

Without a reference peak (a whole script, run once per process) the snapshot is retaken
whenever the level grows by ``SEARCH_GROWTH`` over the last one: more snapshots, same rule.
"""

import sys
import tracemalloc

PEAK_SHARE = 0.99
STEP_SHARE = 0.005
SEARCH_GROWTH = 0.05
SEARCH_FLOOR = 1024
FALLBACK_SHARE = 0.5
FALLBACK_GROWTH = 0.1


class PeakWatch:
    """Hooks that keep a snapshot taken at (nearly) the highest traced level they see.

    Levels are relative to ``start_level`` and exclude the memory of the watch's own
    snapshot, which is traced too.
    """

    def __init__(self, reference=None):
        self.start_level = 0
        if reference:
            self.threshold = max(1, int(reference * PEAK_SHARE))
            self.step = max(1, int(reference * STEP_SHARE))
            self.growth = 0.0
            self.floor = max(1, int(reference * FALLBACK_SHARE))
        else:
            self.threshold = self.floor = SEARCH_FLOOR
            self.step = 1
            self.growth = SEARCH_GROWTH
        self.snapshot = None
        self.snapshot_level = 0  # user bytes above the start when the snapshot was taken
        self.seen_level = 0  # highest user level any event saw
        self.peak_bytes = 0  # true peak above the start, the watch's own memory excluded
        self.snapshots_taken = 0
        self._offset = 0  # traced bytes that are the watch's own snapshot
        self._next = self.floor
        self._state = None

    def install(self, start_level):
        self.start_level = start_level
        tracemalloc.reset_peak()
        traced = tracemalloc.get_traced_memory
        take = self._take
        # What the hook reads on every event, in one list: [bytes to subtract from the traced
        # level (the start and the watch's own snapshot), highest level seen, next level to
        # snapshot at]. A list item is quicker to read than an attribute.
        state = self._state = [start_level + self._offset, self.seen_level, self._next]

        def hook(frame, event, arg):
            level = traced()[0] - state[0]
            if level > state[1]:
                state[1] = level
                if level >= state[2]:
                    take(level)
            return hook

        sys.setprofile(hook)
        sys.settrace(hook)

    def uninstall(self):
        sys.settrace(None)
        sys.setprofile(None)
        self.seen_level = self._state[1]
        self._note_peak()

    def _take(self, level):
        self.seen_level = level
        self._note_peak()
        before = tracemalloc.get_traced_memory()[0]
        snapshot = tracemalloc.take_snapshot()
        self.snapshot = None  # the old one goes; the level below counts only the new one
        after = tracemalloc.get_traced_memory()[0]
        self.snapshot = snapshot
        self._offset += after - before
        self.snapshot_level = level
        self.snapshots_taken += 1
        if level >= self.threshold:
            self._next = int(level * (1 + self.growth)) + self.step
        else:
            self._next = min(self.threshold, int(level * (1 + FALLBACK_GROWTH)) + 1)
        self._state[0] = self.start_level + self._offset
        self._state[2] = self._next
        # Taking the snapshot made its own peak; the true one is tracked from here on.
        tracemalloc.reset_peak()

    def _note_peak(self):
        peak = tracemalloc.get_traced_memory()[1] - self._offset - self.start_level
        if peak > self.peak_bytes:
            self.peak_bytes = peak
