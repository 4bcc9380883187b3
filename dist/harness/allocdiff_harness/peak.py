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

The hooks slow Python code down several times over (a call into Python at every line and
call), so with a reference, unless the caller asks for them ``everywhere``, they are on only
near the peak. A garbage-collector callback, which costs nothing measurable and runs every few
hundred container allocations, asks tracemalloc whether the level reached the next snapshot's
(``PEAK_SHARE`` of the reference, then a step above the last snapshot) since it last looked
(tracemalloc's own peak, reset at each look, says so however briefly it was there); if it did,
it turns the hooks on, and their next event takes the snapshot; they go off again after
``HOOKED_EVENTS`` events without one, or at the next collection that finds no such level.
A cache that grows to the peak, or a batch held for a moment, then costs about one traced run
and the snapshots near its top. There are no snapshots below that: growth that makes no
container between two collections (a comprehension of strings freed on the next line), or a
peak inside one C call, may pass with the hooks off; the watch then says so
(``hooks_missed``), and the caller runs the script again with the hooks on throughout, where
the fallback snapshots are kept. A function's call is not run again that way (the second call
of a function that fills a cache is not the first): functions are hooked throughout.
"""

import gc
import sys
import tracemalloc

PEAK_SHARE = 0.99
STEP_SHARE = 0.005
SEARCH_GROWTH = 0.05
SEARCH_FLOOR = 1024
FALLBACK_SHARE = 0.5
FALLBACK_GROWTH = 0.1
# With the hooks on near the peak: events after the last snapshot before they go off again.
HOOKED_EVENTS = 20000


class PeakWatch:
    """Hooks that keep a snapshot taken at (nearly) the highest traced level they see.

    Levels are relative to ``start_level`` and exclude the memory of the watch's own
    snapshot, which is traced too.
    """

    def __init__(self, reference=None, everywhere=False):
        self.start_level = 0
        # With a reference and not ``everywhere``: the hooks are on only near the peak.
        self.gated = bool(reference) and not everywhere
        if reference:
            self.threshold = max(1, int(reference * PEAK_SHARE))
            self.step = max(1, int(reference * STEP_SHARE))
            self.growth = 0.0
            self.floor = max(1, int(reference * FALLBACK_SHARE))
        else:
            self.threshold = self.floor = SEARCH_FLOOR
            self.step = 1
            self.growth = SEARCH_GROWTH
        if self.gated:
            # No snapshots below the peak's: a miss runs again with the hooks on throughout,
            # which keeps them.
            self.floor = self.threshold
        self.snapshot = None
        self.snapshot_level = 0  # user bytes above the start when the snapshot was taken
        self.seen_level = 0  # highest user level any event saw
        self.peak_bytes = 0  # true peak above the start, the watch's own memory excluded
        self.snapshots_taken = 0
        self._offset = 0  # traced bytes that are the watch's own snapshot
        self._next = self.floor
        self._state = None
        self._hook = None
        self._hooked = False
        self._collecting = None

    def install(self, start_level):
        self.start_level = start_level
        tracemalloc.reset_peak()
        traced = tracemalloc.get_traced_memory
        take = self._take
        # What the hook reads on every event, in one list: [bytes to subtract from the traced
        # level (the start and the watch's own snapshot), highest level seen, next level to
        # snapshot at, events left before the hooks go off]. A list item is quicker to read
        # than an attribute.
        state = self._state = [start_level + self._offset, self.seen_level, self._next, 0]
        if not self.gated:

            def hook(frame, event, arg):
                level = traced()[0] - state[0]
                if level > state[1]:
                    state[1] = level
                    if level >= state[2]:
                        take(level)
                return hook

            self._hook = hook
            self._hooks_on()
            return
        note_peak = self._note_peak
        reset_peak = tracemalloc.reset_peak
        hooks_off = self._hooks_off
        hooks_on = self._hooks_on

        def hook(frame, event, arg):
            level = traced()[0] - state[0]
            if level > state[1]:
                state[1] = level
                if level >= state[2]:
                    take(level)
                    state[3] = HOOKED_EVENTS
                    return hook
            state[3] -= 1
            if state[3] <= 0:
                hooks_off()
                return None
            return hook

        # At each collection: did the level reach the next snapshot's since the last one?
        # (tracemalloc's own peak says, however briefly it was there.) Yes: the hooks go on,
        # and their next event takes the snapshot; no: off, until the level climbs again.
        def collecting(phase, info):
            if phase != "start":
                return
            due = traced()[1] - state[0] >= state[2]
            if due != self._hooked:
                if due:
                    hooks_on(sys._getframe(1))
                else:
                    hooks_off()
            note_peak()
            reset_peak()

        self._hook = hook
        self._collecting = collecting
        gc.callbacks.append(collecting)

    def _hooks_on(self, frame=None):
        self._hooked = True
        self._state[3] = HOOKED_EVENTS
        hook = self._hook
        # The frames running now get line events too, as a debugger's breakpoint sets them.
        while frame is not None:
            frame.f_trace = hook
            frame = frame.f_back
        sys.setprofile(hook)
        sys.settrace(hook)

    def _hooks_off(self):
        sys.settrace(None)
        sys.setprofile(None)
        self._hooked = False

    def uninstall(self):
        self._hooks_off()
        if self._collecting is not None:
            gc.callbacks.remove(self._collecting)
            self._collecting = None
        self.seen_level = self._state[1]
        self._note_peak()

    @property
    def hooks_missed(self):
        """Whether the peak passed while the hooks were off: with the hooks on throughout,
        the snapshot kept might have come nearer it."""
        return self.gated and self.snapshot_level < self.peak_bytes * PEAK_SHARE

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
