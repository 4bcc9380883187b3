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
and ``len(b"x" * n)`` only by the C call event. A peak inside one C call (``compile``'s syntax
tree, ``b"".join``) is seen by no event, but tracemalloc's own peak, read with the level at
every event, is: when, at an event other than a line's, it went past the next snapshot's level
since the last one (by at least ``UNSEEN_FLOOR``), the snapshot is taken there and stands for
that peak, the bytes above the level then counted at the line whose code ran in between (the
line that made the C call; ``unseen``). At a line event the code that ran is the previous
line's, which the event does not name: a peak inside one bytecode (a dict's last resize in
``d[k] = v``) is seen only as the level before and after, and the pass reports the level it
caught, so the share of the peak it explains is known.

Without a reference peak (a whole script, run once per process) the snapshot is retaken
whenever the level grows by ``SEARCH_GROWTH`` over the last one: more snapshots, same rule.

The hooks slow Python code down several times over (a call into Python at every line and
call), so with a reference, unless the caller asks for them ``everywhere``, they are on only
near the peak. Two looks at the level, each costing nothing measurable, decide when: a
garbage-collector callback (every few hundred container allocations) and a profiling timer's
signal (every ``LOOK_SECONDS`` of CPU time, handled between two bytecodes; growth that makes
no container, strings or numbers appended to a list, goes for long between collections).
Each asks tracemalloc whether the level came within a tenth of the reference (``PEAK_SHARE`` -
``ARM_SHARE``) of the next snapshot's since the last look (tracemalloc's own peak, reset at each look, says so however briefly it was
there); if it did, the hooks go on, and their events take the snapshots (from ``ARM_SHARE``
of the reference, then ``PEAK_SHARE``, then a step above the last); if not, they go off. They
go on a tenth below the peak because a structure built to the peak and freed at once climbs
its last percent between two looks: the hooks must already be on to see its top. A cache that
grows to the peak, or a batch held for a moment, then costs about the last tenth of a traced
run under the hooks, and two or three snapshots. (Where the timer cannot be used, in a thread
other than the main one or a program with a profiling signal handler of its own, the hooks
also go off after ``HOOKED_EVENTS`` events without a snapshot.)

A peak the hooks were off for, and no snapshot, is a miss: the watch says so
(``hooks_missed``), and the caller runs the script again with the hooks on throughout, where
the fallback snapshots are kept. A peak inside one C call or bytecode (a dict's last resize,
``compile``) is seen by no event, on throughout or not: a snapshot from ``ARM_SHARE`` of the
reference up stands for it, as a fallback one would. A function's call is not run again that
way (the second call of a function that fills a cache is not the first): functions are
hooked throughout.
"""

import _signal  # built in, and loaded at startup (``signal`` is not)
import gc
import sys
import tracemalloc

PEAK_SHARE = 0.99
# With the hooks on near the peak only: the share of it at which they go on, and from which
# they keep snapshots.
ARM_SHARE = 0.9
STEP_SHARE = 0.005
SEARCH_GROWTH = 0.05
SEARCH_FLOOR = 1024
FALLBACK_SHARE = 0.5
FALLBACK_GROWTH = 0.1
# The least a peak no event saw (inside one C call) must exceed the level after it by, to
# stand for the peak.
UNSEEN_FLOOR = 4096
# With the hooks on near the peak only: CPU seconds between two looks at the level (besides
# the collections').
LOOK_SECONDS = 0.001
# With the hooks on near the peak: events after the last snapshot before they go off again.
HOOKED_EVENTS = 20000


def ticks_free():
    """Whether a watch with the hooks on near the peak only, installed now, can look at the
    level every tick too: there is a profiling timer, and no handler of the program's own (a
    profiler) for its signal."""
    return hasattr(_signal, "setitimer") and _signal.getsignal(_signal.SIGPROF) == _signal.SIG_DFL


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
        # With the hooks on near the peak only: how far below the next snapshot's level they
        # go on.
        self.arm_margin = 0
        if self.gated:
            # No snapshots below the level the hooks go on at: a miss runs again with the
            # hooks on throughout, which keeps them.
            self.floor = max(1, int(reference * ARM_SHARE))
            self.arm_margin = self.threshold - self.floor
        # Highest level tracemalloc saw while the hooks were on (gated only).
        self.hooked_peak = 0
        self.snapshot = None
        self.snapshot_level = 0  # user bytes above the start when the snapshot was taken
        # (filename, line, C function or None, bytes) when the snapshot stands for a peak no
        # event saw (see ``_take_unseen``): the bytes above its level at that peak, allocated at
        # that line (inside that C function); None otherwise.
        self.unseen = None
        # Less above the level than this, a peak no event saw is a temporary, not one to count.
        self.unseen_floor = max(self.step, UNSEEN_FLOOR)
        self.seen_level = 0  # highest user level any event saw
        self.peak_bytes = 0  # true peak above the start, the watch's own memory excluded
        self.snapshots_taken = 0
        self._offset = 0  # traced bytes that are the watch's own snapshot
        self._next = self.floor
        self._state = None
        self._hook = None
        self._call_hook = None
        self._hooked = False
        # True while sys.settrace/setprofile run: a look then (a collection or a tick inside
        # them, as an audit hook that allocates can start one) leaves the hooks as they are,
        # since a second sys.settrace would raise.
        self._switching = False
        self._collecting = None
        self._saved_ticks = None
        self._look = None

    def install(self, start_level):
        self.start_level = start_level
        tracemalloc.reset_peak()
        traced = tracemalloc.get_traced_memory
        take = self._take
        take_unseen = self._take_unseen
        # What the hooks read on every event, in one list: [bytes to subtract from the traced
        # level (the start and the watch's own snapshot), highest level seen, next level to
        # snapshot at, events left before the hooks go off, the traced level the next snapshot
        # is at (the first and third summed), 1 when the last event was the call hook's (no line
        # ran since)]. A list item is quicker to read than an attribute.
        state = self._state = [start_level + self._offset, self.seen_level, self._next, 0, 0, 0]
        state[4] = state[0] + state[2]
        margin = self.arm_margin
        # Two hooks: the line hook (sys.settrace) and the call hook (sys.setprofile, C calls
        # included). Only the call hook also reads tracemalloc's peak (see ``_take_unseen``): at
        # a line event, the code that ran since the last one is the previous line's, which the
        # event does not name.
        if not self.gated or self._start_ticks():
            # Throughout, or near the peak with the looks every tick to turn them off.

            def hook(frame, event, arg):
                state[5] = 0
                level = traced()[0] - state[0]
                if level > state[1]:
                    state[1] = level
                    if level >= state[2]:
                        take(level)
                return hook

            def call_hook(frame, event, arg):
                now = traced()
                level = now[0] - state[0]
                if level > state[1]:
                    state[1] = level
                    if level >= state[2]:
                        take(level)
                        return
                if now[1] >= state[4]:
                    take_unseen(now[1] - state[0], level, frame, event, arg, state[5])
                state[5] = 1

            self._hook = hook
            self._call_hook = call_hook
            if not self.gated:
                self._hooks_on()
                return
        else:
            # Looks only at collections, which may be far apart: the hooks also go off after
            # HOOKED_EVENTS events without a snapshot.

            def hook(frame, event, arg):
                state[5] = 0
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

            def call_hook(frame, event, arg):
                now = traced()
                level = now[0] - state[0]
                if level > state[1]:
                    state[1] = level
                    if level >= state[2]:
                        take(level)
                        state[3] = HOOKED_EVENTS
                        return
                if now[1] >= state[4]:
                    take_unseen(now[1] - state[0], level, frame, event, arg, state[5])
                    state[3] = HOOKED_EVENTS
                    state[5] = 1
                    return
                state[5] = 1
                state[3] -= 1
                if state[3] <= 0:
                    hooks_off()

            self._hook = hook
            self._call_hook = call_hook
        note_peak = self._note_peak
        note_hooked_peak = self._note_hooked_peak
        reset_peak = tracemalloc.reset_peak
        hooks_off = self._hooks_off
        hooks_on = self._hooks_on

        # At each look: did the level come within the margin of the next snapshot's since the
        # last one? (tracemalloc's own peak says, however briefly it was there.) Yes: the hooks
        # go on, and their events take the snapshots; no: off, until it climbs again.
        def look(frame):
            if self._switching:
                return
            due = traced()[1] - state[0] >= state[2] - margin
            if due != self._hooked:
                if due:
                    note_peak()
                    reset_peak()
                    hooks_on(frame)
                else:
                    hooks_off()
            note_peak()
            if self._hooked:
                note_hooked_peak()
            reset_peak()

        def collecting(phase, info):
            if phase == "start":
                look(sys._getframe(1))

        self._look = look
        self._collecting = collecting
        gc.callbacks.append(collecting)

    def _tick(self, signum, frame):
        self._look(frame)

    def _start_ticks(self):
        """Looks every ``LOOK_SECONDS`` of CPU time too (a profiling timer's signal, handled in
        the main thread between two bytecodes), where the program leaves that signal alone:
        growth that makes no container goes for long between collections."""
        if not ticks_free():
            return False
        try:
            # ValueError outside the main thread, where no handler can be set.
            self._saved_ticks = _signal.signal(_signal.SIGPROF, self._tick)
            # Interrupted system calls resume, as if no signal had come.
            _signal.siginterrupt(_signal.SIGPROF, False)
            _signal.setitimer(_signal.ITIMER_PROF, LOOK_SECONDS, LOOK_SECONDS)
        except (OSError, ValueError):
            self._stop_ticks()
            return False
        return True

    def _stop_ticks(self):
        if self._saved_ticks is None:
            return
        _signal.setitimer(_signal.ITIMER_PROF, 0)
        _signal.signal(_signal.SIGPROF, self._saved_ticks)
        self._saved_ticks = None

    def _hooks_on(self, frame=None):
        self._hooked = True
        self._state[3] = HOOKED_EVENTS
        hook = self._hook
        # The frames running now get line events too, as a debugger's breakpoint sets them.
        while frame is not None:
            frame.f_trace = hook
            frame = frame.f_back
        self._switching = True
        try:
            sys.setprofile(self._call_hook)
            sys.settrace(hook)
        finally:
            self._switching = False

    def _hooks_off(self):
        self._switching = True
        try:
            sys.settrace(None)
            sys.setprofile(None)
        finally:
            self._switching = False
        if self._hooked and self.gated:
            # What the level reached while they were on (tracemalloc's peak was reset when
            # they went on, and at each snapshot and collection since).
            self._note_peak()
            self._note_hooked_peak()
            tracemalloc.reset_peak()
        self._hooked = False

    def _note_hooked_peak(self):
        peak = tracemalloc.get_traced_memory()[1] - self._offset - self.start_level
        if peak > self.hooked_peak:
            self.hooked_peak = peak

    def uninstall(self):
        self._stop_ticks()
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
        # With no snapshot: a peak that came while they were on (inside one C call) is no
        # nearer with them on throughout. With one, from ``ARM_SHARE`` of the reference up:
        # on throughout, the fallback snapshots come no nearer than that to a peak no event
        # sees.
        return self.gated and self.snapshot is None and self.hooked_peak < self.peak_bytes

    def _take_unseen(self, top, level, frame, event, arg, after_call_event=True):
        """The level went past the next snapshot's between the last event and this one, both the
        call hook's (``frame`` is where the code that ran in between is), and came down again: a
        peak inside one C call or one bytecode, which no event sees. A snapshot now, and the
        bytes above ``level`` at that peak (``top``), counted at the line that ran them."""
        if event == "call":
            frame = frame.f_back  # the call's arguments, made in its caller
        if top - level < self.unseen_floor or frame is None or not after_call_event:
            # A temporary of a few bytes (the hooks' own among them), or a peak that came while
            # a line ran (which line, no event says): the level goes on from here, tracemalloc's
            # peak too.
            self._note_peak()
            if self.gated and self._hooked:
                self._note_hooked_peak()
            tracemalloc.reset_peak()
            return
        inside = None
        if event in ("c_return", "c_exception"):
            inside = getattr(arg, "__qualname__", None) or getattr(arg, "__name__", None)
        where = (frame.f_code.co_filename, frame.f_lineno, inside, top - level)
        self._take(top)
        self.unseen = where

    def _take(self, level):
        self.unseen = None
        self.seen_level = level
        self._note_peak()
        if self.gated:
            self._note_hooked_peak()
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
        self._state[4] = self._state[0] + self._next
        # Taking the snapshot made its own peak; the true one is tracked from here on.
        tracemalloc.reset_peak()

    def _note_peak(self):
        peak = tracemalloc.get_traced_memory()[1] - self._offset - self.start_level
        if peak > self.peak_bytes:
            self.peak_bytes = peak
